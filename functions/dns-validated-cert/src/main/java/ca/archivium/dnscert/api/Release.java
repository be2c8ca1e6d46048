package ca.archivium.dnscert.api;

import java.util.List;

/**
 * The outcome of {@link CertificateEngine#release}.
 *
 * @param detail      a sentence for the user (why it was left in place, what still uses it, what became of the
 *                    validation records)
 * @param inUseBy     with {@link Kind#IN_USE}: the ARNs of the AWS resources still attached to it
 * @param recordsKept true when clean-up of the validation records was asked for but every record was kept, because
 *                    not every region of the account could be asked whether a certificate there still needs them;
 *                    {@code detail} names the regions and why
 */
public record Release(Kind kind, String detail, List<String> inUseBy, boolean recordsKept) {
    public Release {
        inUseBy = List.copyOf(inUseBy);
    }

    /** A release that did not keep records it was asked to clean up. */
    public Release(Kind kind, String detail, List<String> inUseBy) {
        this(kind, detail, inUseBy, false);
    }

    public enum Kind {
        /** The certificate was deleted. */
        DELETED,
        /** There was nothing to delete. */
        ALREADY_GONE,
        /** Another user still needs it, or it was not made by this product; only this user's reference was removed. */
        LEFT_IN_PLACE,
        /** ACM refused: a load balancer, distribution or other resource still uses it. Worth trying again later. */
        IN_USE
    }

    /** True when the caller has nothing more to do. */
    public boolean finished() {
        return kind != Kind.IN_USE;
    }
}
