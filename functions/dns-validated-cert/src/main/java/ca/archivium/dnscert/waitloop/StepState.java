package ca.archivium.dnscert.waitloop;

import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.failure.FailureKind;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The step document the Step Functions wait loop carries between steps. The state machine reads only
 * {@code outcome} and {@code waitSeconds}; everything else belongs to the Java steps. Main code makes one with
 * {@link #provisioning}, {@link #releasing} or {@link #unreadable} and moves it on with the methods below; the
 * canonical constructor is for reading documents back ({@link StepStates#fromJson}).
 *
 * <p>The physical id an answer carries is not stored: it follows from the request and {@code certificateArn}
 * ({@code lifecycle/FailedAnswer}; a DONE answers with the certificate).
 *
 * @param request            the CloudFormation event being answered
 * @param certificateArn     the certificate the request made, reuses or deletes; null before there is one
 * @param deadlineEpochMs    when the resource must give up and answer FAILED, before ServiceTimeout
 * @param looks              how many times the world has been looked at, for the back-off
 * @param reason             with FAILED: what went wrong and what to do
 * @param data               with DONE: the Fn::GetAtt attributes
 * @param zoneNameServers    each planned zone's name servers (Route 53's delegation set) by zone id, read once
 *                           before the request for the DNS checks; null when the checks do not run
 * @param validationProblemSinceEpochMs when the DNS checks first proved that a pending name cannot be validated,
 *                           without an all-clear since; null (also in documents written before this field) when not
 * @param owner              who holds the certificate (its used-by tag): a stack's resource, or the command line's
 *                           {@code --owner}; null in documents written before this field (the request's stack and
 *                           logical id then)
 * @param failure            with FAILED: the kind of failure {@code reason} tells
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepState(
    StepOutcome outcome,
    int waitSeconds,
    Phase phase,
    JsonNode request,
    String certificateArn,
    boolean reused,
    Plan plan,
    long startedEpochMs,
    long deadlineEpochMs,
    int looks,
    String reason,
    Map<String, Object> data,
    Map<String, List<String>> zoneNameServers,
    Long validationProblemSinceEpochMs,
    String owner,
    FailureKind failure) {

    /** The start of a Create (or a replacing Update): nothing requested yet, the zones not yet resolved. */
    public static StepState provisioning(JsonNode request, String owner, Plan plan, long startedEpochMs,
                                         long deadlineEpochMs) {
        return new StepState(StepOutcome.WAIT, 0, Phase.PROVISION, request, null, false, plan, startedEpochMs,
            deadlineEpochMs, 0, null, null, null, null, owner, null);
    }

    /** The start of a Delete that must try again: {@code arn} is still in use. */
    public static StepState releasing(JsonNode request, String owner, String arn, Plan plan, long startedEpochMs,
                                      long deadlineEpochMs) {
        return new StepState(StepOutcome.WAIT, 0, Phase.RELEASE, request, arn, false, plan, startedEpochMs,
            deadlineEpochMs, 0, null, null, null, null, owner, null);
    }

    /** What is left of a document that could not be read but still carries its request: a FAILED answer. */
    public static StepState unreadable(JsonNode request, String arn, Failure failure) {
        return new StepState(StepOutcome.FAILED, 0, null, request, arn, false, null, 0, 0, 0, failure.reason(), null,
            null, null, null, failure.kind());
    }

    public StepState withZoneNameServers(Map<String, List<String>> nameServers) {
        return new StepState(outcome, waitSeconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, nameServers, validationProblemSinceEpochMs, owner, failure);
    }

    public StepState withValidationProblemSince(Long epochMs) {
        return new StepState(outcome, waitSeconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, zoneNameServers, epochMs, owner, failure);
    }

    public StepState waitFor(int seconds) {
        return new StepState(StepOutcome.WAIT, seconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, null, null, zoneNameServers, validationProblemSinceEpochMs, owner, failure);
    }

    public StepState withCertificate(String arn, boolean isReused, Plan certificatePlan) {
        return new StepState(outcome, waitSeconds, phase, request, arn, isReused, certificatePlan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, zoneNameServers, validationProblemSinceEpochMs, owner, failure);
    }

    public StepState withRequest(JsonNode carried) {
        return new StepState(outcome, waitSeconds, phase, carried, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, zoneNameServers, validationProblemSinceEpochMs, owner, failure);
    }

    public StepState inPhase(Phase next) {
        return new StepState(outcome, waitSeconds, next, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, zoneNameServers, validationProblemSinceEpochMs, owner, failure);
    }

    public StepState done(Map<String, Object> attributes) {
        return new StepState(StepOutcome.DONE, 0, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, null, attributes, zoneNameServers, validationProblemSinceEpochMs, owner,
            failure);
    }

    public StepState failed(Failure why) {
        return new StepState(StepOutcome.FAILED, 0, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, why.reason(), null, zoneNameServers, validationProblemSinceEpochMs, owner,
            why.kind());
    }

    /** The failure of a FAILED document; null for any other. */
    @JsonIgnore
    public Failure failureTold() {
        return outcome == StepOutcome.FAILED && reason != null
            ? new Failure(failure == null ? FailureKind.INTERNAL_ERROR : failure, reason) : null;
    }
}
