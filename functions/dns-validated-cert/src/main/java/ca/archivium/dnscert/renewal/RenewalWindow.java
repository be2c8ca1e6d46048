package ca.archivium.dnscert.renewal;

import java.time.Duration;
import java.time.Instant;

/**
 * When ACM renews a certificate, measured against the certificate's own lifetime rather than fixed days. Pure.
 *
 * <p>ACM begins to renew a DNS-validated certificate 60 days before it expires (ACM User Guide, "Renewal for domains
 * validated by DNS": "At 60 days prior to expiration, ACM checks for the following renewal criteria"). That was
 * written for 395-day certificates. Public certificates now last 198 days (ACM User Guide, "Concepts": "Each is valid
 * for 198 days"; CA/Browser Forum ballot SC-081: at most 200 days from 15 March 2026, 100 days from 15 March 2027, 47
 * days from 15 March 2029), and reports disagree on when ACM starts for them (45 or 60 days; no AWS page says). So
 * the window here is 60 days or 30% of the lifetime, whichever is shorter: 60 days for 395-day certificates, 59 for
 * 198-day ones, 30 for 100-day and 14 for 47-day ones. A renewal still not done halfway through the window is
 * overdue: the product's own threshold, as ACM sets none before its notices of a renewal it cannot complete (45, 30,
 * 15, 7, 3 and 1 days before expiry, ACM User Guide, "Troubleshoot managed certificate renewal").
 *
 * @param notBefore the start of the certificate's validity
 * @param notAfter  the end of its validity
 */
public record RenewalWindow(Instant notBefore, Instant notAfter) {
    /** ACM's documented start of managed renewal for DNS validation. */
    static final Duration ACM_RENEWAL_START = Duration.ofDays(60);
    /** The share of the lifetime the window takes when that is less than {@link #ACM_RENEWAL_START}. */
    static final double SHARE_OF_LIFETIME = 0.30;

    /** How long the certificate is valid in all. */
    public Duration lifetime() {
        return Duration.between(notBefore, notAfter);
    }

    /** How long before expiry renewal begins. */
    public Duration length() {
        Duration share = Duration.ofSeconds((long) (lifetime().toSeconds() * SHARE_OF_LIFETIME));
        return share.compareTo(ACM_RENEWAL_START) < 0 ? share : ACM_RENEWAL_START;
    }

    /** When ACM begins to renew. */
    public Instant opens() {
        return notAfter.minus(length());
    }

    /** From when a renewal that has not happened is overdue: the middle of the window. */
    public Instant overdueFrom() {
        return notAfter.minus(length().dividedBy(2));
    }

    /** Whole days left until expiry (negative once expired). */
    public long daysToExpiry(Instant now) {
        return daysToExpiry(notAfter, now);
    }

    /** Whole days left until {@code notAfter} (negative once past): for a certificate whose start is not known too. */
    public static long daysToExpiry(Instant notAfter, Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), Duration.ofDays(1).toSeconds());
    }

    public boolean expired(Instant now) {
        return !now.isBefore(notAfter);
    }

    public boolean open(Instant now) {
        return !now.isBefore(opens());
    }

    public boolean overdue(Instant now) {
        return !now.isBefore(overdueFrom());
    }
}
