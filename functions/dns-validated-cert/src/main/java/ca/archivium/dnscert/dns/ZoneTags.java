package ca.archivium.dnscert.dns;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.config.AcmTags;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a certificate's validation records live, recorded on the certificate itself, so that the renewal guardian
 * finds them years later without the stack's properties. Pure.
 *
 * <p>One tag per hosted zone: key {@code dns-validated-cert:zone:<zone id>}, value how the zone is reached: empty for
 * the function's own credentials, else the role ARN, followed by a space and the external id when there is one
 * ({@code arn:aws:iam::111111111111:role/dns-validation ext-42}). Which name goes to which zone is not recorded:
 * the guardian gives each record the most specific recorded zone that covers its name, which is the zone public DNS
 * looks in. Hosted zone ids ({@code [A-Z0-9]{1,32}}) always fit in a key. A role ARN and its external id that do
 * not fit ACM's tag rules (at most 256 characters of letters, digits, spaces and {@code _ . : / = + - @}: a comma
 * is allowed in role names and external ids, not in tags) are recorded as {@value #NOT_RECORDED}; the guardian then
 * reports that zone as one it cannot reach.
 *
 * <p>The external id is recorded in plain sight, readable by whoever may list the certificate's tags: AWS does not
 * treat it as a secret ("AWS does not treat the external ID as a secret", IAM User Guide, "How to use an external ID
 * when granting access to your AWS resources to a third party"), and the stack's template holds it anyway.
 */
public final class ZoneTags {
    /** Prefix of the zone tags' keys; the zone id follows. */
    public static final String PREFIX = OwnershipTags.PREFIX + "zone:";
    /** The value of a zone tag whose role could not be written within ACM's tag rules. */
    static final String NOT_RECORDED = "role not recorded";
    /** The tags the resource keeps on a certificate it requests besides the zone tags: created-by and its used-by. */
    static final int OWN_TAGS = PropertyParser.OWN_TAGS;

    private ZoneTags() {
    }

    /** How one recorded zone is reached: empty when its role could not be recorded. */
    public record RecordedZone(String zoneId, Optional<DnsRole> role) {
    }

    /** Tags to remove, then tags to add or change, to go from a certificate's tags to the zones of a plan. */
    public record Change(List<String> stale, Map<String, String> wanted) {
        public Change {
            stale = List.copyOf(stale);
            wanted = Map.copyOf(wanted);
        }
    }

    /** The zone tags of these zone targets: one per zone id, the first target's role. */
    public static Map<String, String> of(Collection<ZoneTarget> zones) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (ZoneTarget zone : zones) {
            tags.putIfAbsent(PREFIX + zone.zoneId(), value(zone.role()));
        }
        return tags;
    }

    /** How many zone tags these zone targets take: one per distinct zone id. */
    public static int count(Collection<ZoneTarget> zones) {
        Set<String> ids = new LinkedHashSet<>();
        zones.forEach(zone -> ids.add(zone.zoneId()));
        return ids.size();
    }

    /**
     * Refuses user tags that leave no room for the zone tags: ACM keeps at most 50 tags per certificate, the resource
     * keeps two of its own and one per hosted zone.
     *
     * @throws InvalidPropertyException naming {@code Tags}
     */
    public static void checkRoom(int userTags, Collection<ZoneTarget> zones) {
        int zoneTags = count(zones);
        int room = AcmTags.MAX_TAGS - OWN_TAGS - zoneTags;
        if (userTags > room) {
            throw new InvalidPropertyException("Tags", "has " + userTags + " tags; with " + zoneTags + " hosted zone"
                + (zoneTags == 1 ? "" : "s") + " at most " + room + " are allowed (ACM keeps 50 tags per certificate; the"
                + " resource uses 2, and 1 per hosted zone to record where the validation records are, for renewals)");
        }
    }

    /** The zones recorded in a certificate's tags, by zone id. */
    public static Map<String, RecordedZone> read(Map<String, String> tags) {
        Map<String, RecordedZone> zones = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                String zoneId = key.substring(PREFIX.length());
                zones.put(zoneId, new RecordedZone(zoneId, role(value)));
            }
        });
        return zones;
    }

    /** What to remove and add so that the certificate records exactly {@code wanted} (from {@link #of}). */
    public static Change change(Map<String, String> current, Map<String, String> wanted) {
        List<String> stale = new ArrayList<>();
        current.keySet().stream().filter(key -> key.startsWith(PREFIX) && !wanted.containsKey(key)).forEach(stale::add);
        Map<String, String> changed = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            if (!value.equals(current.get(key))) {
                changed.put(key, value);
            }
        });
        return new Change(stale, changed);
    }

    static String value(DnsRole role) {
        if (!role.assumed()) {
            return "";
        }
        String value = role.externalId() == null ? role.roleArn() : role.roleArn() + " " + role.externalId();
        return AcmTags.valueProblem(value).isEmpty() ? value : NOT_RECORDED;
    }

    private static Optional<DnsRole> role(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(DnsRole.OWN_CREDENTIALS);
        }
        if (!value.startsWith("arn:")) {
            return Optional.empty();
        }
        int space = value.indexOf(' ');
        return Optional.of(space < 0 ? new DnsRole(value, null)
            : new DnsRole(value.substring(0, space), value.substring(space + 1)));
    }
}
