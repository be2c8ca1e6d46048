package ca.archivium.dnscert.waitloop;

import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.RecordWrite;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.failure.Failure;
import java.util.List;
import java.util.Optional;

/**
 * What one look at the world found: the resource handlers and the Reconcile step make the AWS calls and report what
 * they saw as one of these; {@link Transition#next} decides from it, the step document and the properties. Each kind
 * is a method of {@link Visitor}, so a decision over observations that forgets one does not compile.
 */
public sealed interface Observation {

    /** Calls the visitor's method for this kind of observation. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of observation. */
    interface Visitor<R> {
        R provisioned(Provisioned seen);

        R refused(Refused seen);

        R failedAfterRequest(FailedAfterRequest seen);

        R records(Records seen);

        R looked(Looked seen);

        R released(Released seen);

        R callFailed(CallFailed seen);
    }

    /** PROVISION: the zones resolved, the certificate requested or reused, its records written or not yet. */
    record Provisioned(ca.archivium.dnscert.api.Provisioned certificate) implements Observation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.provisioned(this);
        }
    }

    /** PROVISION: refused before anything was created (bad input, no usable zone, a proved DNS problem). */
    record Refused(Failure failure) implements Observation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.refused(this);
        }
    }

    /**
     * PROVISION: an AWS call (or anything else) failed once the certificate {@code arn} existed, planned to
     * {@code plan}; a call that passes with time leaves its records to be written later.
     */
    record FailedAfterRequest(String arn, boolean reused, Plan plan, RuntimeException cause) implements Observation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.failedAfterRequest(this);
        }
    }

    /** WRITE_RECORDS: written when ACM had every validation record; never when ACM failed the certificate. */
    record Records(RecordWrite written) implements Observation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.records(this);
        }
    }

    /**
     * AWAIT_ISSUANCE: the certificate as ACM has it (empty: it was deleted), and public DNS's diagnosis of the
     * pending names when {@link Transition#wantsDiagnosis} asked for one (empty when it did not).
     */
    record Looked(Optional<CertificateStatus> status, Optional<List<ValidationDiagnosis>> diagnoses)
        implements Observation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.looked(this);
        }
    }

    /** RELEASE: what letting go of the certificate came to. */
    record Released(Release release) implements Observation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.released(this);
        }
    }

    /** Any phase: an AWS call failed, with a failure that passes with time or not. */
    record CallFailed(AwsCallException failure) implements Observation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.callFailed(this);
        }
    }
}
