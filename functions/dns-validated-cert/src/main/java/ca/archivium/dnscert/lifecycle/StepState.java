package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.Plan;
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
 * ({@link FailedAnswer}; a DONE answers with the certificate).
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
    Long validationProblemSinceEpochMs) {

    /** The start of a Create (or a replacing Update): nothing requested yet, the zones not yet resolved. */
    static StepState provisioning(JsonNode request, Plan plan, long startedEpochMs, long deadlineEpochMs) {
        return new StepState(StepOutcome.WAIT, 0, Phase.PROVISION, request, null, false, plan, startedEpochMs,
            deadlineEpochMs, 0, null, null, null, null);
    }

    /** The start of a Delete that must try again: {@code arn} is still in use. */
    static StepState releasing(JsonNode request, String arn, Plan plan, long startedEpochMs, long deadlineEpochMs) {
        return new StepState(StepOutcome.WAIT, 0, Phase.RELEASE, request, arn, false, plan, startedEpochMs,
            deadlineEpochMs, 0, null, null, null, null);
    }

    /** What is left of a document that could not be read but still carries its request: a FAILED answer. */
    static StepState unreadable(JsonNode request, String arn, String reason) {
        return new StepState(StepOutcome.FAILED, 0, null, request, arn, false, null, 0, 0, 0, reason, null, null, null);
    }

    StepState withZoneNameServers(Map<String, List<String>> nameServers) {
        return new StepState(outcome, waitSeconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, nameServers, validationProblemSinceEpochMs);
    }

    StepState withValidationProblemSince(Long epochMs) {
        return new StepState(outcome, waitSeconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, zoneNameServers, epochMs);
    }

    StepState waitFor(int seconds) {
        return new StepState(StepOutcome.WAIT, seconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, null, null, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState withCertificate(String arn, boolean isReused, Plan certificatePlan) {
        return new StepState(outcome, waitSeconds, phase, request, arn, isReused, certificatePlan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState withRequest(JsonNode carried) {
        return new StepState(outcome, waitSeconds, phase, carried, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState inPhase(Phase next) {
        return new StepState(outcome, waitSeconds, next, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, reason, data, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState done(Map<String, Object> attributes) {
        return new StepState(StepOutcome.DONE, 0, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, null, attributes, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState failed(String why) {
        return new StepState(StepOutcome.FAILED, 0, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, why, null, zoneNameServers, validationProblemSinceEpochMs);
    }
}
