package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.Plan;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
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
    Map<String, Object> data) {

    StepState waitFor(int seconds) {
        return new StepState(StepOutcome.WAIT, seconds, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, physicalResourceId, null, null);
    }

    StepState withCertificate(String arn, boolean isReused, Plan certificatePlan) {
        return new StepState(outcome, waitSeconds, phase, request, arn, isReused, certificatePlan, startedEpochMs,
            deadlineEpochMs, looks, arn, reason, data);
    }

    StepState withRequest(JsonNode carried) {
        return new StepState(outcome, waitSeconds, phase, carried, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, physicalResourceId, reason, data);
    }

    StepState inPhase(Phase next) {
        return new StepState(outcome, waitSeconds, next, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks, physicalResourceId, reason, data);
    }

    StepState done(Map<String, Object> attributes) {
        return new StepState(StepOutcome.DONE, 0, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, physicalResourceId, null, attributes);
    }

    StepState failed(String why, String answerPhysicalId) {
        return new StepState(StepOutcome.FAILED, 0, phase, request, certificateArn, reused, plan, startedEpochMs,
            deadlineEpochMs, looks + 1, answerPhysicalId, why, null);
    }
}
