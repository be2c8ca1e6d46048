package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.waitloop.StepState;

/** What handling a CloudFormation request leads to: an answer now, or the wait loop. */
public sealed interface Answer {

    /** Answer CloudFormation now. */
    record Now(CfnResponse response) implements Answer {
    }

    /** Hand over to the wait loop, which looks again after {@code state.waitSeconds()}. */
    record Later(StepState state) implements Answer {
    }
}
