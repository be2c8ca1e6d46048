package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.acm.ValidationStatus;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.RecordWrite;
import ca.archivium.dnscert.lifecycle.WaitSchedule;
import ca.archivium.dnscert.time.Sleeper;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The command line's wait for one certificate, with the back-off of the resource's wait loop
 * ({@link WaitSchedule}) but really slept (a command line is not a Lambda function). Progress goes to
 * {@code progress}, one line per look.
 */
final class IssuanceWait {
    private final DnsValidatedCertificates engine;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final PrintStream progress;
    private final long startedMs;
    private final long deadlineMs;

    IssuanceWait(DnsValidatedCertificates engine, Clock clock, Sleeper sleeper, RandomGenerator random, PrintStream progress,
                 long startedMs, long deadlineMs) {
        this.engine = engine;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.progress = progress;
        this.startedMs = startedMs;
        this.deadlineMs = deadlineMs;
    }

    /**
     * Writes the validation records, asking ACM again while it has not produced every one of them.
     *
     * @return written; not yet when the deadline came first; or the certificate failed (it never gets records)
     */
    RecordWrite recordsWritten(String arn, Plan plan) throws InterruptedException {
        for (int look = 0; ; look++) {
            RecordWrite written = engine.writeValidationRecords(arn, plan);
            if (!(written instanceof RecordWrite.NotYet) || remainingMs() <= 0) {
                return written;
            }
            int seconds = WaitSchedule.secondsBefore(look, remainingMs(), random);
            progress.println("ACM has not given every validation record yet; asking again in " + seconds + " s");
            sleeper.sleep(Duration.ofSeconds(seconds));
        }
    }

    /**
     * Looks at the certificate until ACM has decided (issued or failed) or the deadline has passed.
     *
     * @return the last status seen; its issuance is still pending when the deadline passed
     */
    CertificateStatus untilDecided(String arn, Plan plan) throws InterruptedException {
        for (int look = 0; ; look++) {
            sleeper.sleep(Duration.ofMillis(Math.min(WaitSchedule.secondsBefore(look, remainingMs(), random) * 1000L,
                Math.max(0, remainingMs()))));
            CertificateStatus status = engine.status(arn, plan).orElseThrow(() -> new IllegalStateException(
                "the certificate " + arn + " was deleted while waiting for it to be issued"));
            if (!(status.issuance() instanceof Issuance.Pending) || remainingMs() <= 0) {
                return status;
            }
            progress.println(progressLine(status));
        }
    }

    /** Whole seconds since the command started. */
    long elapsedSeconds() {
        return (clock.millis() - startedMs) / 1000;
    }

    private String progressLine(CertificateStatus status) {
        List<String> validated = status.names().stream()
            .filter(n -> n.validationStatus() == ValidationStatus.SUCCESS).map(CertificateStatus.NameStatus::domainName).toList();
        List<String> pending = status.names().stream()
            .filter(n -> n.validationStatus() != ValidationStatus.SUCCESS).map(CertificateStatus.NameStatus::domainName).toList();
        return "waiting for ACM: " + validated.size() + " of " + status.names().size() + " names validated"
            + (validated.isEmpty() ? "" : " " + validated) + ", pending " + pending + "; " + elapsedSeconds() + " s elapsed";
    }

    private long remainingMs() {
        return deadlineMs - clock.millis();
    }
}
