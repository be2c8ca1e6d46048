package ca.archivium.dnscert.cfn;

import java.util.OptionalInt;

/**
 * A response that did not reach CloudFormation. The message shows the ResponseURL without its query string.
 */
public final class ResponseDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final int lastStatus;
    private final boolean retryable;

    /**
     * @param attempts   attempts made (0 when the URL was refused before sending)
     * @param lastStatus the last HTTP status received, or -1 if none was
     * @param retryable  whether sending the same response later might succeed
     */
    public ResponseDeliveryException(String message, int attempts, int lastStatus, boolean retryable, Throwable cause) {
        super(message, cause);
        this.attempts = attempts;
        this.lastStatus = lastStatus;
        this.retryable = retryable;
    }

    public int attempts() {
        return attempts;
    }

    /** The last HTTP status received, empty if no attempt got an answer. */
    public OptionalInt lastStatus() {
        return lastStatus < 0 ? OptionalInt.empty() : OptionalInt.of(lastStatus);
    }

    /**
     * Whether trying again later might deliver it (network trouble, 5xx); false for a refused URL or an
     * expired pre-signed URL (403).
     */
    public boolean retryable() {
        return retryable;
    }
}
