package ca.archivium.dnscert.renewal;

import java.util.List;

/**
 * One validation record of a certificate as the guardian found it in Route 53, and what it did about it.
 *
 * @param recordName the CNAME's name, lower case without the trailing dot
 * @param value      the value ACM asks for
 * @param names      the certificate's names that share this record ({@code example.com} and {@code *.example.com})
 * @param zoneId     the hosted zone it belongs in; null when none is known
 * @param zoneName   that zone's name; null when none is known
 * @param found      the value the zone held when it held another one; null otherwise
 * @param detail     for {@link State#UNREACHABLE} and {@link State#NOT_RECORDED}, and for a write that failed: why
 */
public record RecordCheck(String recordName, String value, List<String> names, String zoneId, String zoneName,
                          State state, String found, String detail) {
    public RecordCheck {
        names = List.copyOf(names);
    }

    /** Where the record stands. */
    public enum State {
        /** In its zone, with the value ACM asks for. */
        PRESENT,
        /** It was missing or held another value, and was written again (UPSERT). */
        RESTORED,
        /** Not in its zone. */
        MISSING,
        /** In its zone with another value. */
        CHANGED,
        /** Its zone is recorded but could not be read: the role, the zone or Route 53 said no. */
        UNREACHABLE,
        /** No zone is recorded for it on the certificate: Route 53 is not asked. */
        NOT_RECORDED
    }

    RecordCheck with(State state, String found, String detail) {
        return new RecordCheck(recordName, value, names, zoneId, zoneName, state, found, detail);
    }

    /** "Z0123456789ABC (example.com)", or "no known zone". */
    String zone() {
        return zoneId == null ? "no known zone" : "hosted zone " + zoneId + " (" + zoneName + ")";
    }
}
