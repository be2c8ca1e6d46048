package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.RequestType;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.waitloop.Attributes;
import ca.archivium.dnscert.waitloop.StepOutcome;
import ca.archivium.dnscert.waitloop.StepState;
import java.util.Map;
import java.util.Set;

/**
 * What CloudFormation is told once a request has finished, wherever it finished: in a resource handler that had
 * nothing to wait for, when the wait loop could not start, or in the loop's Respond step. One place, so that a
 * failed Update never leaves behind a certificate it requested: it answers with the old physical id
 * ({@link FailedAnswer}) and releases the new certificate ({@link FailedReplacement}).
 */
final class StepAnswer {
    private StepAnswer() {
    }

    /** SUCCESS with the step's attributes for DONE; FAILED with its reason otherwise. */
    static CfnResponse of(CertificateEngine engine, CfnRequest request, StepState state) {
        if (state.outcome() == StepOutcome.DONE) {
            Map<String, Object> data = state.data() == null ? Map.of() : state.data();
            return CfnResponse.success(request.replyAddress(), state.certificateArn(), data,
                data.containsKey("Arn") ? Attributes.ESSENTIAL : Set.of());
        }
        Failure failure = state.failureTold();
        return failed(engine, request, state.certificateArn(), state.reused(),
            failure != null ? failure : Failure.unexpectedStep(String.valueOf(state.outcome())));
    }

    /**
     * FAILED for {@code failure}. A certificate an Update requested ({@code certificateArn} other than the physical
     * id it was sent) is released first, and the reason says what became of it.
     *
     * @param certificateArn the certificate the request made or worked on, or null when there is none
     * @param reused         true when that certificate was an existing one the request took
     */
    static CfnResponse failed(CertificateEngine engine, CfnRequest request, String certificateArn, boolean reused,
                              Failure failure) {
        if (request.requestType() == RequestType.UPDATE && certificateArn != null
            && !certificateArn.equals(request.physicalResourceId())) {
            return FailedAnswer.of(request, certificateArn, reused,
                failure.followedBy(FailedReplacement.release(engine, request, certificateArn)));
        }
        return FailedAnswer.of(request, certificateArn, reused, failure);
    }
}
