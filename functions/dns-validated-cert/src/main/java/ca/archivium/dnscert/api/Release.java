package ca.archivium.dnscert.api;

import java.util.List;

/**
 * The outcome of {@link DnsValidatedCertificates#release}.
 *
 * @param detail   a sentence for the user (why it was left in place, what still uses it)
 * @param inUseBy  with {@link Kind#IN_USE}: the ARNs of the AWS resources still attached to it
 */
public record Release(Kind kind, String detail, List<String> inUseBy) {
    public Release {
        inUseBy = List.copyOf(inUseBy);
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
