package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.waitloop.StepState;

/** Who holds a certificate on behalf of a stack: one resource of one stack. */
final class Owners {
    private Owners() {
    }

    /**
     * The stack's id (which tells a stack from an older one of the same name) and the logical id. Recorded in
     * the certificate's used-by tag, so it must be stable across Create, Update and Delete of the resource, and
     * made only of the characters ACM allows in a tag value (letters, digits, spaces and {@code _.:/=+-@}): a stack
     * ARN and a logical id are, and so is the slash between them.
     */
    static String of(CfnRequest request) {
        return request.stackId() + "/" + request.logicalResourceId();
    }

    /** The owner a step document names; one written before documents named it is the request's stack resource. */
    static String of(StepState state, CfnRequest request) {
        return state.owner() != null ? state.owner() : of(request);
    }
}
