package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.aws.AwsCallException;
import ca.archivium.dnscert.dns.ValidationDiagnosis;
import java.util.List;
import java.util.Optional;

/**
 * What one look at the world found: the resource handlers and {@link ReconcileStep} make the AWS calls and report
 * what they saw as one of these; {@link Transition#next} decides from it, the step document and the properties.
 */
sealed interface Observation {
    /** PROVISION: the zones resolved, the certificate requested or reused, its records written or not yet. */
    record Provisioned(ca.archivium.dnscert.api.Provisioned certificate) implements Observation {
    }

    /** PROVISION: AWS throttled once the certificate {@code arn} existed; its records can be written later. */
    record ThrottledAfterRequest(String arn, boolean reused, Plan plan) implements Observation {
    }

    /** PROVISION: refused before anything was created (bad input, no usable zone, a proved DNS problem). */
    record Refused(String reason) implements Observation {
    }

    /** PROVISION: something failed once the certificate {@code arn} existed. */
    record FailedAfterRequest(String arn, boolean reused, String reason) implements Observation {
    }

    /** WRITE_RECORDS: written when ACM had every validation record; never when ACM failed the certificate. */
    record Records(ca.archivium.dnscert.api.RecordWrite written) implements Observation {
    }

    /**
     * AWAIT_ISSUANCE: the certificate as ACM has it (empty: it was deleted), and public DNS's diagnosis of the
     * pending names when {@link Transition#wantsDiagnosis} asked for one (empty when it did not).
     */
    record Looked(Optional<CertificateStatus> status, Optional<List<ValidationDiagnosis>> diagnoses)
        implements Observation {
    }

    /** RELEASE: what letting go of the certificate came to. */
    record Released(Release release) implements Observation {
    }

    /** Any phase: an AWS call failed, throttled beyond the SDK's retries or otherwise. */
    record CallFailed(AwsCallException failure) implements Observation {
    }
}
