package ca.archivium.dnscert.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.VPCRegion;

/**
 * Sets up and inspects Route 53 state through the real SDK, in the account of the client it was given.
 * Tests assert validation records here because moto issues certificates without looking at DNS.
 */
public final class Route53Fixtures implements AutoCloseable {

    private final Route53Client route53;

    /** Fixtures acting through this client (and closing it). */
    public Route53Fixtures(Route53Client route53) {
        this.route53 = route53;
    }

    /** Creates a public hosted zone. */
    public HostedZoneFixture createPublicZone(String name) {
        return toFixture(route53.createHostedZone(request -> request
                .name(name).callerReference(UUID.randomUUID().toString())).hostedZone());
    }

    /** Creates a private hosted zone; moto accepts any VPC id without checking it exists. */
    public HostedZoneFixture createPrivateZone(String name) {
        return toFixture(route53.createHostedZone(request -> request
                .name(name).callerReference(UUID.randomUUID().toString())
                .vpc(vpc -> vpc.vpcRegion(VPCRegion.EU_WEST_1).vpcId("vpc-12345678"))
                .hostedZoneConfig(config -> config.privateZone(true))).hostedZone());
    }

    /** Every hosted zone of the account. */
    public List<HostedZoneFixture> zones() {
        return route53.listHostedZonesPaginator().hostedZones().stream().map(Route53Fixtures::toFixture)
                .collect(Collectors.toList());
    }

    /** Writes one record with a single value and TTL 300, as another tool (or a human) would have. */
    public void upsertRecord(String zoneId, String name, RRType type, String value) {
        route53.changeResourceRecordSets(request -> request.hostedZoneId(zoneId).changeBatch(batch -> batch
                .changes(change -> change.action(ChangeAction.UPSERT).resourceRecordSet(set -> set
                        .name(name).type(type).ttl(300L).resourceRecords(record -> record.value(value))))));
    }

    /**
     * Deletes the record set with this name and type, as a zone clean-up or another tool would behind the product's
     * back: Route 53 deletes only an exact match, so the set is read first.
     */
    public void deleteRecord(String zoneId, String name, RRType type) {
        ResourceRecordSet set = record(zoneId, name, type)
                .orElseThrow(() -> new IllegalStateException("no " + type + " record " + name + " in zone " + zoneId));
        route53.changeResourceRecordSets(request -> request.hostedZoneId(zoneId).changeBatch(batch -> batch
                .changes(change -> change.action(ChangeAction.DELETE).resourceRecordSet(set))));
    }

    /** Every record set of the zone, SOA and NS included. */
    public List<ResourceRecordSet> records(String zoneId) {
        return route53.listResourceRecordSetsPaginator(request -> request.hostedZoneId(zoneId))
                .resourceRecordSets().stream().collect(Collectors.toList());
    }

    /** The zone's CNAME records: name → value, lower case, without the final dots ({@code *} for {@code \\052}). */
    public Map<String, String> cnames(String zoneId) {
        Map<String, String> cnames = new LinkedHashMap<>();
        for (ResourceRecordSet set : records(zoneId)) {
            if (set.type() == RRType.CNAME) {
                cnames.put(bare(set.name()), bare(set.resourceRecords().get(0).value()));
            }
        }
        return cnames;
    }

    /** The record set with this name and type, the name compared without case or trailing dot. */
    public Optional<ResourceRecordSet> record(String zoneId, String name, RRType type) {
        String wanted = canonicalName(name);
        return records(zoneId).stream()
                .filter(set -> set.type() == type && canonicalName(set.name()).equals(wanted))
                .findFirst();
    }

    @Override
    public void close() {
        route53.close();
    }

    private static HostedZoneFixture toFixture(HostedZone zone) {
        return new HostedZoneFixture(zone.id().replaceFirst("^/hostedzone/", ""), zone.name(),
                zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone()));
    }

    /** A Route 53 record name as the tests compare it: {@code *} for {@code \\052}, lower case, no final dot. */
    public static String bare(String name) {
        String canonical = canonicalName(name);
        return canonical.substring(0, canonical.length() - 1);
    }

    // Route 53 returns "*" escaped as \052 and always ends names with a dot.
    private static String canonicalName(String name) {
        String unescaped = name.replace("\\052", "*").toLowerCase(Locale.ROOT);
        return unescaped.endsWith(".") ? unescaped : unescaped + ".";
    }
}
