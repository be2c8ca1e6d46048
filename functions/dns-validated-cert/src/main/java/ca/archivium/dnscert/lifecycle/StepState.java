package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.Plan;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The step document the Step Functions wait loop carries between steps. The state machine reads only
 * {@code outcome} and {@code waitSeconds}; everything else belongs to the Java steps.
 *
 * @param request            the CloudFormation event being answered
 * @param physicalResourceId what CloudFormation will be told (the certificate ARN once there is one)
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
    String physicalResourceId,
    String reason,
    Map<String, Object> data,
    Map<String, List<String>> zoneNameServers,
    Long validationProblemSinceEpochMs) {

    /** A document without DNS-check data (a Delete, or an answer made outside the loop). */
    public StepState(StepOutcome outcome, int waitSeconds, Phase phase, JsonNode request, String certificateArn,
                     boolean reused, Plan plan, long startedEpochMs, long deadlineEpochMs, int looks,
                     String physicalResourceId, String reason, Map<String, Object> data) {
        this(outcome, waitSeconds, phase, request, certificateArn, reused, plan, startedEpochMs, deadlineEpochMs, looks,
            physicalResourceId, reason, data, null, null);
    }

    StepState withZoneNameServers(Map<String, List<String>> nameServers) {
        return new StepState(outcome, waitSeconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, physicalResourceId, reason, data, nameServers, validationProblemSinceEpochMs);
    }

    StepState withValidationProblemSince(Long epochMs) {
        return new StepState(outcome, waitSeconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, physicalResourceId, reason, data, zoneNameServers, epochMs);
    }

    StepState waitFor(int seconds) {
        return new StepState(StepOutcome.WAIT, seconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, physicalResourceId, null, null, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState withCertificate(String arn, boolean isReused, Plan certificatePlan) {
        return new StepState(outcome, waitSeconds, phase, request, arn, isReused, certificatePlan, startedEpochMs,
            deadlineEpochMs, looks, arn, reason, data, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState withRequest(JsonNode carried) {
        return new StepState(outcome, waitSeconds, phase, carried, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, physicalResourceId, reason, data, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState inPhase(Phase next) {
        return new StepState(outcome, waitSeconds, next, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, physicalResourceId, reason, data, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState done(Map<String, Object> attributes) {
        return new StepState(StepOutcome.DONE, 0, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, physicalResourceId, null, attributes, zoneNameServers, validationProblemSinceEpochMs);
    }

    StepState failed(String why, String answerPhysicalId) {
        return new StepState(StepOutcome.FAILED, 0, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, answerPhysicalId, why, null, zoneNameServers, validationProblemSinceEpochMs);
    }
}
