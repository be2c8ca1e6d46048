package ca.archivium.dnscert.bench;

import ca.archivium.dnscert.lifecycle.Answer;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.waitloop.WaitSchedule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time from issued to response: moto issues each certificate T seconds after RequestCertificate reached it; the
 * figure is the time from then until the answer reaches the sink, with the production wait schedule (the command
 * line's wait loop really waits, as Step Functions does). All runs go at once, each with a proxy of its own so its
 * DescribeCertificate calls are counted apart. The count for a validation of five minutes is taken from the schedule
 * itself (simulated many times, jitter included) and checked against one measured longer case.
 */
final class IssuanceLatency {
    static final List<Integer> ISSUE_AFTER_SECONDS = List.of(10, 30, 60, 120);
    static final int FIVE_MINUTES = 300;
    /** The deadline the simulated schedule runs under: CloudFormation's default ServiceTimeout, never reached. */
    private static final long ONE_HOUR_MS = 3_600_000L;
    /** Runs start this far apart, so that their JVMs do not all start on the same cores at once. */
    private static final Duration STAGGER = Duration.ofMillis(700);

    /** One run: T, the lag from issuance to the answer, and the DescribeCertificate calls it took. */
    record Sample(int issueAfterSeconds, double lagSeconds, int describeCalls) {
    }

    /** The samples, and what the schedule says of a five-minute validation. */
    record Result(List<Sample> samples, double simulatedDescribesAtFiveMinutes, double simulatedWorstDescribesAtFiveMinutes,
                  Map<Integer, Double> simulatedMedianLag, double simulatedMedianLagUniform) {
    }

    private final Workbench bench;

    IssuanceLatency(Workbench bench) {
        this.bench = bench;
    }

    Result measure() {
        List<Sample> samples = new ArrayList<>();
        Map<Integer, Emulator> emulators = new LinkedHashMap<>();
        ExecutorService runs = Executors.newCachedThreadPool();
        try {
            for (int t : ISSUE_AFTER_SECONDS) {
                Emulator emulator = new Emulator(t);
                emulators.put(t, emulator);
                emulator.resetWithZones();
            }
            List<Future<Sample>> pending = new ArrayList<>();
            for (int run = 0; run < bench.runs(); run++) {
                for (int t : ISSUE_AFTER_SECONDS) {
                    Emulator emulator = emulators.get(t);
                    pending.add(runs.submit(() -> sample(emulator, t)));
                    Thread.sleep(STAGGER.toMillis());
                }
            }
            for (Future<Sample> sample : pending) {
                samples.add(sample.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a time-to-response run failed", e.getCause());
        } finally {
            runs.shutdownNow();
            emulators.values().forEach(Emulator::close);
        }
        Map<Integer, Double> lags = new LinkedHashMap<>();
        ISSUE_AFTER_SECONDS.forEach(t -> lags.put(t, simulatedMedianLag(List.of(t))));
        List<Integer> uniform = new ArrayList<>();
        for (int t = 5; t <= FIVE_MINUTES; t++) {
            uniform.add(t);
        }
        List<Integer> describes = simulatedLooks(FIVE_MINUTES);
        return new Result(samples, Stats.median(describes) + handlerDescribes(samples),
            Stats.max(describes) + handlerDescribes(samples), lags, simulatedMedianLag(uniform));
    }

    private Sample sample(Emulator emulator, int issueAfterSeconds) {
        try (FaultProxy proxy = emulator.newProxy()) {
            AtomicLong requestedAt = new AtomicLong();
            // Forwards RequestCertificate at once, noting when it reached moto: the moment moto's clock T starts.
            proxy.every("RequestCertificate").when(request -> {
                requestedAt.set(System.nanoTime());
                return true;
            }).delay(Duration.ZERO);
            ObjectNode event = bench.events().create("Site", Events.properties("www.example.com"));
            ProcessRun run = bench.invoke(event, Emulator.environment(proxy)).requireSuccess("Create (T=" + issueAfterSeconds + ")");
            TimedSink.Answer answer = bench.answerTo(event, run);
            if (!answer.status().equals("SUCCESS")) {
                throw new IllegalStateException("Create answered " + answer.body() + "\n" + run.output());
            }
            double lag = (answer.arrivedNanos() - requestedAt.get()) / 1e9 - issueAfterSeconds;
            return new Sample(issueAfterSeconds, lag, proxy.calls("DescribeCertificate"));
        }
    }

    /** DescribeCertificate calls the resource handler makes before the loop, as measured (those beyond the looks). */
    private static double handlerDescribes(List<Sample> samples) {
        return Stats.median(samples.stream().map(s -> s.describeCalls() - simulatedLookCountFor(s)).toList());
    }

    // The measured runs' looks are not known one by one; the median look count the schedule gives for T stands in.
    private static double simulatedLookCountFor(Sample sample) {
        return Stats.median(simulatedLooks(sample.issueAfterSeconds()));
    }

    /** Looks (one DescribeCertificate each) the schedule takes until the first one at or after {@code seconds}. */
    static List<Integer> simulatedLooks(int seconds) {
        Random random = new Random(300);
        List<Integer> looks = new ArrayList<>();
        for (int trial = 0; trial < 10_000; trial++) {
            double at = 0;
            int look = 0;
            while (at < seconds) {
                at += WaitSchedule.secondsBefore(look, ONE_HOUR_MS, random);
                look++;
            }
            looks.add(look);
        }
        return looks;
    }

    /** Median lag from issuance to the next look, the schedule simulated many times over the given T values. */
    static double simulatedMedianLag(List<Integer> issueAfterSeconds) {
        Random random = new Random(120);
        List<Double> lags = new ArrayList<>();
        for (int trial = 0; trial < 20_000; trial++) {
            int t = issueAfterSeconds.get(trial % issueAfterSeconds.size());
            double at = 0;
            int look = 0;
            while (at < t) {
                at += WaitSchedule.secondsBefore(look, ONE_HOUR_MS, random);
                look++;
            }
            lags.add(at - t);
        }
        return Stats.median(lags);
    }
}
