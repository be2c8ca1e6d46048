package ca.archivium.dnscert.dns;

import static ca.archivium.dnscert.aws.AwsCalls.call;

import ca.archivium.dnscert.failure.AwsCallException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route 53 as seen through one set of credentials (one account). The only class that touches a
 * {@link Route53Client}. Throttling and {@code PriorRequestNotComplete} are retried with backoff by the SDK's
 * retry strategy (the latter as an ordinary retryable error, not as throttling); either one that outlasts those
 * retries is reported as worth another try later ({@link ca.archivium.dnscert.failure.AwsCallException#throttling}).
 */
public final class Route53Gateway {
    /** Short enough that a re-issued validation value is picked up quickly, long enough to be cheap. */
    static final long VALIDATION_RECORD_TTL = 300;
    private static final String PAGE_SIZE = "100";
    /** The most record sets one ListResourceRecordSets page holds (its model's MaxItems: "up to 300"). */
    static final int LISTING_PAGE = 300;

    private final Route53Client client;

    public Route53Gateway(Route53Client client) {
        this.client = client;
    }

    /**
     * The hosted zones named exactly {@code zoneName}, public and private. {@code ListHostedZonesByName}
     * lists zones in name order starting at {@code zoneName}, so the exact matches come first; more pages are
     * read only while they could still hold zones of that name.
     */
    public List<HostedZone> zonesNamed(String zoneName) {
        List<HostedZone> zones = new ArrayList<>();
        String dnsName = zoneName;
        String zoneId = null;
        while (true) {
            String startName = dnsName;
            String startId = zoneId;
            ListHostedZonesByNameResponse page = call("ListHostedZonesByName", () -> client.listHostedZonesByName(b -> b
                .dnsName(startName).hostedZoneId(startId).maxItems(PAGE_SIZE)));
            boolean onlyMatches = true;
            for (var zone : page.hostedZones()) {
                HostedZone parsed = parse(zone);
                if (parsed.name().equals(zoneName)) {
                    zones.add(parsed);
                } else {
                    onlyMatches = false;
                }
            }
            if (!Boolean.TRUE.equals(page.isTruncated()) || !onlyMatches || page.nextDNSName() == null) {
                return zones;
            }
            dnsName = page.nextDNSName();
            zoneId = page.nextHostedZoneId();
        }
    }

    /** The zone with this id, or empty when it does not exist (or is not visible to these credentials). */
    public Optional<HostedZone> zone(String zoneId) {
        return details(zoneId).map(ZoneDetails::zone);
    }

    /**
     * The name servers Route 53 gives the zone (its delegation set): what the parent's NS records must name for the
     * zone to be the one public DNS sees. Empty when the zone does not exist.
     */
    public List<String> nameServers(String zoneId) {
        return details(zoneId).map(ZoneDetails::nameServers).orElse(List.of());
    }

    /**
     * The zone with its name servers and size, in one {@code GetHostedZone}; empty when it does not exist (or is not
     * visible to these credentials).
     */
    public Optional<ZoneDetails> details(String zoneId) {
        try {
            var response = call("GetHostedZone", () -> client.getHostedZone(b -> b.id(zoneId)));
            List<String> nameServers = response.delegationSet() == null ? List.of()
                : response.delegationSet().nameServers().stream().map(Route53Gateway::normalize).toList();
            Long count = response.hostedZone().resourceRecordSetCount();
            return Optional.of(new ZoneDetails(parse(response.hostedZone()), nameServers, count == null ? 0 : count));
        } catch (AwsCallException e) {
            if ("NoSuchHostedZone".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The CNAME at each of {@code names} in the zone (its value, lower case without the trailing dot); a name without
     * one is absent. Reads whichever costs fewer calls, Route 53 allowing five a second per account: one
     * {@code ListResourceRecordSets} per name, or the zone's whole listing, {@value #LISTING_PAGE} record sets a page
     * ({@link #readsWholeZone}).
     *
     * @param recordSetCount the zone's size ({@link ZoneDetails#recordSetCount()})
     */
    public Map<String, String> cnames(String zoneId, Collection<String> names, long recordSetCount) {
        Map<String, String> found = new LinkedHashMap<>();
        if (readsWholeZone(names.size(), recordSetCount)) {
            Set<String> wanted = new HashSet<>(names);
            ListResourceRecordSetsResponse page = null;
            do {
                ListResourceRecordSetsResponse previous = page;
                page = call("ListResourceRecordSets", () -> client.listResourceRecordSets(b -> {
                    b.hostedZoneId(zoneId).maxItems(String.valueOf(LISTING_PAGE));
                    if (previous != null) {
                        b.startRecordName(previous.nextRecordName()).startRecordType(previous.nextRecordType())
                            .startRecordIdentifier(previous.nextRecordIdentifier());
                    }
                }));
                page.resourceRecordSets().stream()
                    .filter(set -> set.type() == RRType.CNAME && set.resourceRecords().size() == 1 && wanted.contains(normalize(set.name())))
                    .forEach(set -> found.put(normalize(set.name()), normalize(set.resourceRecords().get(0).value())));
            } while (Boolean.TRUE.equals(page.isTruncated()) && page.nextRecordName() != null);
        } else {
            for (String name : names) {
                cname(zoneId, name).filter(set -> set.resourceRecords().size() == 1)
                    .ifPresent(set -> found.put(name, normalize(set.resourceRecords().get(0).value())));
            }
        }
        return found;
    }

    /** True when listing the whole zone takes fewer calls than one look-up per name. */
    static boolean readsWholeZone(int names, long recordSetCount) {
        long pages = Math.max(1, (recordSetCount + LISTING_PAGE - 1) / LISTING_PAGE);
        return pages < names;
    }

    /** Creates or overwrites the records in one change batch (one call per zone, whatever the number of names). */
    public void upsert(String zoneId, Collection<CnameRecord> records, String comment) {
        List<Change> changes = records.stream()
            .map(r -> Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(recordSet(r, VALIDATION_RECORD_TTL)).build())
            .toList();
        call("ChangeResourceRecordSets", () -> client.changeResourceRecordSets(b -> b
            .hostedZoneId(zoneId)
            .changeBatch(c -> c.comment(comment).changes(changes))));
    }

    /**
     * Deletes the records that still hold exactly these values, in one change batch. Route 53 deletes only
     * an exact match (value and TTL), so each record is read first; one that is gone or was changed by someone
     * else is left alone.
     *
     * @return the records deleted
     */
    public List<CnameRecord> deleteIfUnchanged(String zoneId, Collection<CnameRecord> records, String comment) {
        List<Change> changes = new ArrayList<>();
        List<CnameRecord> deleted = new ArrayList<>();
        for (CnameRecord record : records) {
            Optional<ResourceRecordSet> current = cname(zoneId, record.name());
            if (current.isPresent() && current.get().resourceRecords().size() == 1
                && normalize(current.get().resourceRecords().get(0).value()).equals(record.value())) {
                changes.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(current.get()).build());
                deleted.add(record);
            }
        }
        if (!changes.isEmpty()) {
            call("ChangeResourceRecordSets", () -> client.changeResourceRecordSets(b -> b
                .hostedZoneId(zoneId)
                .changeBatch(c -> c.comment(comment).changes(changes))));
        }
        return deleted;
    }

    private Optional<ResourceRecordSet> cname(String zoneId, String name) {
        ListResourceRecordSetsResponse page = call("ListResourceRecordSets", () -> client.listResourceRecordSets(b -> b
            .hostedZoneId(zoneId).startRecordName(name).startRecordType(RRType.CNAME).maxItems("1")));
        return page.resourceRecordSets().stream()
            .filter(s -> s.type() == RRType.CNAME && normalize(s.name()).equals(name))
            .findFirst();
    }

    private static ResourceRecordSet recordSet(CnameRecord record, long ttl) {
        return ResourceRecordSet.builder()
            .name(record.name() + ".")
            .type(RRType.CNAME)
            .ttl(ttl)
            .resourceRecords(ResourceRecord.builder().value(record.value() + ".").build())
            .build();
    }

    private static HostedZone parse(software.amazon.awssdk.services.route53.model.HostedZone zone) {
        String id = zone.id().startsWith("/hostedzone/") ? zone.id().substring("/hostedzone/".length()) : zone.id();
        boolean privateZone = zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone());
        return new HostedZone(id, normalize(zone.name()), privateZone);
    }

    /** Route 53 names end with a dot and may escape characters as \\052 ('*'); ours have neither. */
    static String normalize(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.replace("\\052", "*").toLowerCase(Locale.ROOT);
    }
}
