package ca.archivium.dnscert.waitloop;

import ca.archivium.dnscert.aws.AwsCalls;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.json.JsonTrees;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The wait loop as a Step Functions execution. The only class that touches an {@link SfnClient}. */
public final class StepFunctionsWaitLoop implements WaitLoop {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsWaitLoop(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public boolean start(String name, StepState state) {
        String input = JsonTrees.write(StepStates.toJson(state));
        try {
            AwsCalls.call("StartExecution", () -> sfn.startExecution(b -> b
                .stateMachineArn(stateMachineArn).name(name).input(input)));
            return true;
        } catch (AwsCallException e) {
            if ("ExecutionAlreadyExists".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
    }
}
