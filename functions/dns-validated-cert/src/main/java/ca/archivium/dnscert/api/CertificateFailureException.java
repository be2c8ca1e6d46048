package ca.archivium.dnscert.api;

/**
 * A failure that happened after a certificate was requested or taken for reuse. It carries the ARN so that
 * the caller can hand it back (CloudFormation then deletes it on rollback) instead of orphaning it.
 */
public final class CertificateFailureException extends RuntimeException {
    private final String arn;

    public CertificateFailureException(String arn, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.arn = arn;
    }

    public String arn() {
        return arn;
    }
}
