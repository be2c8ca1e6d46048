package ca.archivium.dnscert.dns;

import java.util.List;

/**
 * What public DNS answered to one question. Only {@link Status#ANSWER}, {@link Status#NO_DATA} and
 * {@link Status#NXDOMAIN} are evidence; a look-up that timed out, could not reach the resolver or got SERVFAIL or
 * REFUSED proves nothing and is never a reason to fail.
 *
 * @param values the records of the asked type, in presentation form without trailing dots (empty unless ANSWER)
 * @param detail for UNKNOWN and UNREACHABLE: what happened, for the log
 */
public record DnsLookup<T>(Status status, List<T> values, String detail) {
    public DnsLookup {
        values = List.copyOf(values);
    }

    public enum Status {
        /** NOERROR with records of the asked type. */
        ANSWER,
        /** NOERROR without records of the asked type: the name exists, the records do not. */
        NO_DATA,
        /** The name does not exist. */
        NXDOMAIN,
        /** An answer that proves nothing: SERVFAIL, REFUSED, a malformed reply. */
        UNKNOWN,
        /** No answer at all: timed out, or nothing listens at the resolver's address. */
        UNREACHABLE
    }

    public static <T> DnsLookup<T> answer(List<T> values) {
        return new DnsLookup<>(Status.ANSWER, values, null);
    }

    public static <T> DnsLookup<T> noData() {
        return new DnsLookup<>(Status.NO_DATA, List.of(), null);
    }

    public static <T> DnsLookup<T> nxdomain() {
        return new DnsLookup<>(Status.NXDOMAIN, List.of(), null);
    }

    public static <T> DnsLookup<T> unknown(String detail) {
        return new DnsLookup<>(Status.UNKNOWN, List.of(), detail);
    }

    public static <T> DnsLookup<T> unreachable(String detail) {
        return new DnsLookup<>(Status.UNREACHABLE, List.of(), detail);
    }

    /** True for an answer that is evidence either way (records, none, or no such name). */
    public boolean conclusive() {
        return status == Status.ANSWER || status == Status.NO_DATA || status == Status.NXDOMAIN;
    }
}
