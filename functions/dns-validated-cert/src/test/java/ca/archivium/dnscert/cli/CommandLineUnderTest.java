package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.lifecycle.ManualClock;
import ca.archivium.dnscert.lifecycle.MotoPassThrough;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.ProxiedMoto;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.testing.conformance.AwsConformanceLayer;
import ca.archivium.dnscert.time.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;

/**
 * The command line run in this process against moto (behind a {@link FaultProxy}), with a public hosted zone
 * {@code example.com}, both from the test's {@link Emulators}, which keep the SDK system properties applied until the
 * test ends, so the clients the commands build reach the proxy. Waits are not slept: the sleeper moves a
 * {@link ManualClock}, and AWS's time with it, and records each wait.
 */
final class CommandLineUnderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultProxy proxy;
    private final MotoPassThrough moto;
    private final AwsTestEnvironment direct;
    private final AwsConformanceLayer conformance;
    private final HostedZoneFixture zone;
    private final ManualClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    // One generator for all runs, as one for each would give every run the same request token.
    private final Random random = new Random(20250612);

    private CommandLineUnderTest(ProxiedMoto aws) {
        conformance = aws.conformance();
        clock = new ManualClock(Instant.parse("2025-06-12T09:15:03Z"), conformance.time()::elapse);
        direct = aws.direct();
        try (Route53Fixtures route53 = direct.route53Fixtures()) {
            zone = route53.createPublicZone("example.com");
        }
        proxy = aws.proxy();
        moto = new MotoPassThrough(direct.endpoint());
    }

    /** The command line over the emulators' moto, wiped and behind a fresh proxy until the test ends. */
    static CommandLineUnderTest start(Emulators emulators) {
        return new CommandLineUnderTest(emulators.freshMotoBehindProxy());
    }

    /** What one run of the command line left behind. */
    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not one JSON object: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs {@code Main.run} as {@code main} does: the real clock, sleeper and environment. */
    static Run runForReal(String... args) {
        return capture(args, null);
    }

    /**
     * Runs the command line with this world's clock and a sleeper that only moves it; {@code environment} gives the
     * environment variables.
     */
    Run run(Map<String, String> environment, String... args) {
        Sleeper sleeper = duration -> {
            waits.add(duration);
            clock.advance(duration);
        };
        return capture(args, new Main(clock, sleeper, random, environment::get));
    }

    Run run(String... args) {
        return run(Map.of(), args);
    }

    private static Run capture(String[] args, Main main) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = main == null ? Main.run(args, outStream, errStream) : main.execute(args, outStream, errStream);
            return new Run(code, out.toString(StandardCharsets.UTF_8).trim(), err.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /** The command line's time now: the clock its runs read. */
    Instant now() {
        return clock.instant();
    }

    /** The waits the command line asked for, in order. */
    List<Duration> waits() {
        return new ArrayList<>(waits);
    }

    FaultProxy proxy() {
        return proxy;
    }

    /** The conformance layer between the proxy and moto: ACM's delays and the scripts a test sets. */
    AwsConformanceLayer conformance() {
        return conformance;
    }

    MotoPassThrough moto() {
        return moto;
    }

    /** The public hosted zone {@code example.com}. */
    HostedZoneFixture zone() {
        return zone;
    }

    /** Route 53 seen directly, not through the proxy. */
    Route53Fixtures route53() {
        return direct.route53Fixtures();
    }

    /** ACM of the test region seen directly, not through the proxy. */
    AcmClient acm() {
        return direct.acm();
    }

    /** Every certificate in the test region, whatever its status or key. */
    List<String> certificateArns() {
        try (AcmClient acm = acm()) {
            return acm.listCertificatesPaginator(b -> b.includes(i -> i.keyTypes(KeyAlgorithm.knownValues())))
                .certificateSummaryList().stream().map(CertificateSummary::certificateArn).toList();
        }
    }
}
