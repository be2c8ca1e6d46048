package ca.archivium.dnscert.cfn;

import java.util.Optional;

/**
 * A CloudFormation event that cannot be acted on. The message names the field and the problem, in words
 * fit for the stack's event list.
 */
public final class MalformedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ReplyAddress replyAddress;

    /**
     * @param replyAddress where to send the FAILED answer, or null when the event lacks what a
     *                     response needs (then nobody can be answered)
     */
    public MalformedRequestException(String message, ReplyAddress replyAddress) {
        super(message);
        this.replyAddress = replyAddress;
    }

    /** Where the FAILED answer goes, when the event carried enough to send one. */
    public Optional<ReplyAddress> replyAddress() {
        return Optional.ofNullable(replyAddress);
    }
}
