package ca.archivium.dnscert.api;

import ca.archivium.dnscert.dns.CaaPolicy;
import ca.archivium.dnscert.dns.Delegation;
import ca.archivium.dnscert.dns.DnsLookup;
import ca.archivium.dnscert.dns.PublicDnsChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why one pending name is (or may be) not validated, as public DNS shows it: the validation CNAME is visible, not
 * visible, the zone it went to is not the delegated one, or CAA forbids Amazon. Pure.
 *
 * @param recordName    the CNAME ACM looks up
 * @param expectedValue the value ACM asked for
 * @param seen          what public DNS answered for the CNAME (empty when nothing)
 */
public record ValidationDiagnosis(String name, Kind kind, String recordName, String expectedValue, String zoneId,
                                  String zoneName, Delegation.Check delegation, CaaPolicy.Check caa, List<String> seen,
                                  String detail) {
    public ValidationDiagnosis {
        seen = List.copyOf(seen);
    }

    public enum Kind {
        RECORD_VISIBLE, NOT_VISIBLE, DELEGATION_WRONG, CAA_FORBIDS, UNKNOWN
    }

    /**
     * Asks public DNS through {@code checks} what ACM will see of one name (its zone's delegation, CAA, the validation
     * CNAME) and decides ({@link #of}).
     *
     * @param zoneId          the hosted zone the record belongs in; null when none is known (its delegation is then
     *                        unknown)
     * @param zoneNameServers that zone's name servers in Route 53
     */
    public static ValidationDiagnosis ask(PublicDnsChecks checks, String name, String recordName, String expectedValue,
                                          String zoneId, String zoneName, List<String> zoneNameServers) {
        Delegation.Check delegation = zoneId == null
            ? new Delegation.Check(name, Delegation.Verdict.UNKNOWN, List.of(), List.of(),
                "the hosted zone of " + name + " is not known")
            : checks.delegation(zoneName, zoneNameServers);
        return of(name, recordName, expectedValue, zoneId, zoneName, delegation, checks.caa(name), checks.cname(recordName));
    }

    /** Decides from the three checks of one name; the first provable problem wins. */
    public static ValidationDiagnosis of(String name, String recordName, String expectedValue, String zoneId, String zoneName,
                                         Delegation.Check delegation, CaaPolicy.Check caa, DnsLookup<String> cname) {
        if (delegation.verdict() == Delegation.Verdict.WRONG) {
            return new ValidationDiagnosis(name, Kind.DELEGATION_WRONG, recordName, expectedValue, zoneId, zoneName,
                delegation, caa, cname.values(), null);
        }
        if (caa.verdict() == CaaPolicy.Verdict.FORBIDS) {
            return new ValidationDiagnosis(name, Kind.CAA_FORBIDS, recordName, expectedValue, zoneId, zoneName,
                delegation, caa, cname.values(), null);
        }
        String expected = bare(expectedValue);
        if (cname.status() == DnsLookup.Status.ANSWER && cname.values().stream().map(ValidationDiagnosis::bare).anyMatch(expected::equals)) {
            return new ValidationDiagnosis(name, Kind.RECORD_VISIBLE, recordName, expectedValue, zoneId, zoneName,
                delegation, caa, cname.values(), null);
        }
        if (cname.conclusive()) {
            return new ValidationDiagnosis(name, Kind.NOT_VISIBLE, recordName, expectedValue, zoneId, zoneName,
                delegation, caa, cname.values(),
                delegation.verdict() == Delegation.Verdict.DELEGATED ? null : delegation.detail());
        }
        return new ValidationDiagnosis(name, Kind.UNKNOWN, recordName, expectedValue, zoneId, zoneName, delegation, caa,
            List.of(), cname.detail());
    }

    /**
     * True when the certificate provably cannot be validated as things are: the zone is not the delegated one, CAA
     * forbids Amazon, or the record is missing from a zone whose delegation was verified.
     */
    public boolean provable() {
        return kind == Kind.DELEGATION_WRONG || kind == Kind.CAA_FORBIDS
            || (kind == Kind.NOT_VISIBLE && delegation.verdict() == Delegation.Verdict.DELEGATED);
    }

    /** What {@code status} and the log show: "record visible", "delegation wrong (public NS [...] vs zone NS [...])" … */
    public String summary() {
        return switch (kind) {
            case RECORD_VISIBLE -> "record visible";
            case NOT_VISIBLE -> "record not visible" + (seen.isEmpty() ? "" : " (public DNS answers " + seen + ")")
                + (provable() ? "" : " (not conclusive: " + (detail == null ? "delegation not verified" : detail) + ")");
            case DELEGATION_WRONG -> "delegation wrong (" + delegation.comparison() + ")";
            case CAA_FORBIDS -> "CAA forbids (" + caa.owner() + " CAA " + caa.records() + ")";
            case UNKNOWN -> "unknown (" + detail + ")";
        };
    }

    /** The cause and the exact fix, for a FAILED reason. */
    public String explanation() {
        String where = " in hosted zone " + zoneId + " (" + zoneName + ")";
        return switch (kind) {
            case DELEGATION_WRONG -> delegationExplanation(List.of(this));
            case CAA_FORBIDS -> name + ": the CAA records of " + caa.owner() + " " + caa.records()
                + " allow none of Amazon's issuers. Fix: add the CAA record " + CaaPolicy.recordToAdd(name, caa.records())
                + " at " + caa.owner();
            case NOT_VISIBLE -> name + ": public DNS does not return the validation record " + recordName + " → "
                + bare(expectedValue) + where + (seen.isEmpty() ? " (it has no CNAME there)" : " (it answers " + seen + ")")
                + " although the zone is the delegated one. Fix: put that CNAME, with exactly that value, in the zone";
            case RECORD_VISIBLE, UNKNOWN -> name + ": " + summary();
        };
    }

    /**
     * The explanations of provable problems, for a FAILED reason: one per zone whose delegation is wrong (its names
     * share the cause and the fix), first, then one per other name.
     */
    public static List<String> explanations(List<ValidationDiagnosis> problems) {
        Map<String, List<ValidationDiagnosis>> wrongZones = new LinkedHashMap<>();
        List<String> entries = new ArrayList<>();
        for (ValidationDiagnosis d : problems) {
            if (d.kind() == Kind.DELEGATION_WRONG) {
                wrongZones.computeIfAbsent(d.zoneId(), z -> new ArrayList<>()).add(d);
            } else {
                entries.add(d.explanation());
            }
        }
        List<String> explained = new ArrayList<>();
        wrongZones.values().forEach(zone -> explained.add(delegationExplanation(zone)));
        explained.addAll(entries);
        return explained;
    }

    /** The cause and fix shared by names whose records went to one zone that is not the delegated one. */
    public static String delegationExplanation(List<ValidationDiagnosis> sameZone) {
        ValidationDiagnosis first = sameZone.get(0);
        Delegation.Check delegation = first.delegation();
        return "hosted zone " + first.zoneId() + " (" + first.zoneName() + ") holds the validation records of "
            + sameZone.stream().map(d -> d.name() + " (" + d.recordName() + ")").toList()
            + " but is not the zone public DNS uses: "
            + (delegation.publicNameServers().isEmpty()
                ? "public DNS has no NS records for " + first.zoneName() + ", so its parent does not delegate it"
                : "public DNS sends " + first.zoneName() + " to " + delegation.publicNameServers())
            + ", not to the zone's name servers " + delegation.zoneNameServers() + ". Fix: set the NS records of "
            + first.zoneName() + " at its parent (the registrar, or the parent zone) to " + delegation.zoneNameServers()
            + ", or name the delegated zone with DomainValidationOptions HostedZoneId";
    }

    private static String bare(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }
}
