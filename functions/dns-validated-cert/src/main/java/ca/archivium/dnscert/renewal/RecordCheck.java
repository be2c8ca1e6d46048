package ca.archivium.dnscert.renewal;

import ca.archivium.dnscert.failure.AwsCallException;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
 * @param causes     for {@link State#UNREACHABLE}: what kept each recorded zone out of reach (several zones may be
 *                   recorded, each with its own cause); empty otherwise
 */
public record RecordCheck(String recordName, String value, List<String> names, String zoneId, String zoneName,
                          State state, String found, String detail, Set<Cause> causes) {
    public RecordCheck {
        names = List.copyOf(names);
        causes = causes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(causes));
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

    /** Why a recorded zone could not be read: what its fix depends on. */
    public enum Cause {
        /**
         * STS refused the recorded role (AssumeRole's AccessDenied); the detail carries STS's possible reasons
         * ({@link ca.archivium.dnscert.failure.Failure#ASSUME_ROLE_DENIED}).
         */
        ROLE_REFUSED,
        /** The zone's role could not be written within ACM's tag rules, so the certificate does not record it. */
        ROLE_NOT_RECORDED,
        /** The zone is missing, private or hidden from the role, or Route 53 did not answer for it. */
        ZONE_UNREADABLE;

        /** The cause of a failed call: AssumeRole's AccessDenied is the role's; any other failure is the zone's. */
        static Cause of(AwsCallException e) {
            return "AssumeRole".equals(e.operation()) && "AccessDenied".equals(e.errorCode()) ? ROLE_REFUSED
                : ZONE_UNREADABLE;
        }
    }

    RecordCheck with(State state, String found, String detail) {
        return new RecordCheck(recordName, value, names, zoneId, zoneName, state, found, detail, Set.of());
    }

    /** Out of reach, for these causes. */
    RecordCheck unreachable(String detail, Collection<Cause> causes) {
        return new RecordCheck(recordName, value, names, zoneId, zoneName, State.UNREACHABLE, null, detail,
            Set.copyOf(causes));
    }

    /** "Z0123456789ABC (example.com)", or "no known zone". */
    String zone() {
        return zoneId == null ? "no known zone" : "hosted zone " + zoneId + " (" + zoneName + ")";
    }
}
