package ca.archivium.dnscert.acm;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tags through which the resource records who created a certificate and who uses it. Pure.
 *
 * <ul>
 *   <li>{@code dns-validated-cert:created-by} = owner key: the certificate was requested by this product, for
 *       that owner. Certificates without it were made elsewhere and are never deleted.</li>
 *   <li>{@code dns-validated-cert:used-by:<hash>} = owner key: one per owner (stack resource, command-line
 *       user) that currently uses the certificate, the creator included.</li>
 * </ul>
 * A product-made certificate is deleted when its last user lets go of it; one made elsewhere never is.
 */
public final class OwnershipTags {
    public static final String PREFIX = "dns-validated-cert:";
    public static final String CREATED_BY = PREFIX + "created-by";
    public static final String USED_BY_PREFIX = PREFIX + "used-by:";
    private static final int MAX_TAG_VALUE = 256;

    private OwnershipTags() {
    }

    /** The tag key that records {@code owner} as a user. */
    public static String usedByKey(String owner) {
        return USED_BY_PREFIX + IdempotencyToken.of("owner", owner).substring(0, 16);
    }

    /** A tag value: at most 256 characters (the owner key is only informative there; the key carries identity). */
    public static String value(String owner) {
        return owner.length() <= MAX_TAG_VALUE ? owner : owner.substring(0, MAX_TAG_VALUE);
    }

    /** True when this product requested the certificate. */
    public static boolean createdByProduct(Map<String, String> tags) {
        return tags.containsKey(CREATED_BY);
    }

    /** The used-by tag keys other than {@code owner}'s. */
    public static Set<String> otherUsers(Map<String, String> tags, String owner) {
        String mine = usedByKey(owner);
        Set<String> others = new TreeSet<>();
        tags.forEach((key, value) -> {
            if (key.startsWith(USED_BY_PREFIX) && !key.equals(mine)) {
                others.add(value);
            }
        });
        return others;
    }

    /** True for tags the product manages itself (never touched by a user's Tags update). */
    public static boolean isOwnTag(String key) {
        return key.startsWith(PREFIX);
    }
}
