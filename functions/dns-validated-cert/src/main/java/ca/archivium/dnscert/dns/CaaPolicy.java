package ca.archivium.dnscert.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * May Amazon issue for a name, as its CAA records say (RFC 8659)? Pure: the look-ups come in as a function.
 *
 * <p>The relevant record set is the CAA RRset of the name itself (of {@code x} for {@code *.x}) or, when that is
 * empty, of its closest ancestor that has one; the walk stops below the top-level domain. For a wildcard the
 * {@code issuewild} properties are used when there are any, else {@code issue}. A relevant set with at least one
 * {@code issue}/{@code issuewild} property allows Amazon only if one of them names one of Amazon's issuer domains.
 * A critical property (flag 128) with a tag Amazon does not know forbids issuance too.
 */
public final class CaaPolicy {
    /** The issuer domain names ACM accepts in CAA records. */
    public static final Set<String> AMAZON_ISSUERS = Set.of("amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com");
    private static final Set<String> KNOWN_TAGS = Set.of("issue", "issuewild", "iodef", "issuemail", "issuevmc", "contactemail",
        "contactphone");

    private CaaPolicy() {
    }

    public enum Verdict {
        /** No CAA records restrict issuance, or they name one of Amazon's issuers. */
        ALLOWS,
        /** CAA records exist and allow none of Amazon's issuers. */
        FORBIDS,
        /** A look-up failed before the relevant record set was found. */
        UNKNOWN
    }

    /**
     * @param owner   the name that holds the relevant record set (null when there is none)
     * @param records that record set
     * @param detail  for UNKNOWN: why
     */
    public record Check(String name, Verdict verdict, String owner, List<CaaRecord> records, String detail) {
        public Check {
            records = List.copyOf(records);
        }
    }

    /** The names whose CAA records are looked at for {@code name}, closest first: {@code a.b.example.com, b.example.com, example.com}. */
    public static List<String> namesToAsk(String name) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        List<String> names = new ArrayList<>();
        for (String n = base; n.contains("."); n = n.substring(n.indexOf('.') + 1)) {
            names.add(n);
        }
        return names;
    }

    /** Walks up from {@code name} asking {@code caaAt}, and decides on the first non-empty record set. */
    public static Check check(String name, Function<String, DnsLookup<CaaRecord>> caaAt) {
        for (String candidate : namesToAsk(name)) {
            DnsLookup<CaaRecord> lookup = caaAt.apply(candidate);
            if (!lookup.conclusive()) {
                return new Check(name, Verdict.UNKNOWN, null, List.of(), lookup.detail());
            }
            if (lookup.status() == DnsLookup.Status.ANSWER) {
                return new Check(name, allows(name, lookup.values()) ? Verdict.ALLOWS : Verdict.FORBIDS, candidate,
                    lookup.values(), null);
            }
        }
        return new Check(name, Verdict.ALLOWS, null, List.of(), null);
    }

    /** Does this relevant record set let Amazon issue for {@code name}? */
    public static boolean allows(String name, List<CaaRecord> records) {
        for (CaaRecord record : records) {
            if ((record.flags() & 128) != 0 && !KNOWN_TAGS.contains(record.tag().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        String tag = name.startsWith("*.") && records.stream().anyMatch(r -> r.tag().equalsIgnoreCase("issuewild"))
            ? "issuewild" : "issue";
        List<CaaRecord> relevant = records.stream().filter(r -> r.tag().equalsIgnoreCase(tag)).toList();
        if (relevant.isEmpty()) {
            return true;
        }
        return relevant.stream().anyMatch(r -> AMAZON_ISSUERS.contains(issuer(r.value())));
    }

    /** The issuer domain of an issue/issuewild value: {@code "amazon.com; account=…"} gives {@code amazon.com}, {@code ";"} none. */
    static String issuer(String value) {
        int semicolon = value.indexOf(';');
        String domain = (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    /**
     * The record to add next to {@code records} so Amazon may issue for {@code name}: {@code 0 issue "amazon.com"},
     * or {@code 0 issuewild "amazon.com"} for a wildcard whose record set has issuewild properties.
     */
    public static String recordToAdd(String name, List<CaaRecord> records) {
        boolean wild = name.startsWith("*.") && records.stream().anyMatch(r -> r.tag().equalsIgnoreCase("issuewild"));
        return "0 " + (wild ? "issuewild" : "issue") + " \"amazon.com\"";
    }
}
