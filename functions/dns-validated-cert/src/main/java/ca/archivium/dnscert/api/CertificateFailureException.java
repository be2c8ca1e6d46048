package ca.archivium.dnscert.api;

/**
 * A failure that happened after a certificate was requested or taken for reuse. It carries the ARN so that
 * the caller can hand it back (CloudFormation then deletes it on rollback) instead of orphaning it.
 */
public final class CertificateFailureException extends RuntimeException {
    private final String arn;
    private final boolean reused;

    public CertificateFailureException(String arn, boolean reused, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.arn = arn;
        this.reused = reused;
    }

    /** What failed. */
    public RuntimeException failure() {
        return (RuntimeException) getCause();
    }

    public String arn() {
        return arn;
    }

    /** True when the certificate was an existing one taken for reuse. */
    public boolean reused() {
        return reused;
    }
}
