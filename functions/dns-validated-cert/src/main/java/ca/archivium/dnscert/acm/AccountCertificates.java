package ca.archivium.dnscert.acm;

import ca.archivium.dnscert.failure.AwsCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * The live certificates of an account in many regions at once, for record clean-up. It holds no client: it reads
 * each region through that region's {@link AcmGateway}.
 *
 * <p>Bounded: at most {@link #THREADS} regions are asked at a time, and whatever has not answered within the
 * time bound counts as a region that could not be asked. Each call already rides out throttling with the SDK's
 * retry strategy (exponential back-off); a region that still throttles or fails is reported as such, never as a
 * region without certificates.
 */
public final class AccountCertificates {
    /** Regions asked at a time: enough for some thirty regions in a few rounds, few enough for a small Lambda. */
    static final int THREADS = 8;

    /** Reads the live certificates of one region; throws when the region cannot be asked. */
    @FunctionalInterface
    public interface RegionReader {
        List<CertificateView> liveCertificates(String region);
    }

    private final RegionReader reader;
    private final Duration bound;

    /** A survey that reads each region with {@code reader} and waits for all of them at most {@code bound}. */
    public AccountCertificates(RegionReader reader, Duration bound) {
        this.reader = reader;
        this.bound = bound;
    }

    /**
     * Reads ListCertificates (ISSUED, PENDING_VALIDATION, INACTIVE) then DescribeCertificate of each, skipping
     * {@code exceptArn}, through the gateway {@code acm} gives for a region.
     */
    public static RegionReader through(Function<String, AcmGateway> acm, String exceptArn) {
        return region -> {
            AcmGateway gateway = acm.apply(region);
            return gateway.liveCertificates().stream()
                .filter(arn -> !arn.equals(exceptArn))
                .map(gateway::describe)
                .flatMap(Optional::stream)
                .toList();
        };
    }

    /**
     * The regions this SDK knows ACM in, every partition: from the SDK's endpoint metadata, with no call to AWS.
     * {@link RecordCleanup#regionsToCheck} narrows them to the certificate's partition.
     */
    public static List<Region> knownAcmRegions() {
        return AcmClient.serviceMetadata().regions();
    }

    /** Asks every region in parallel. A region's failure does not throw: it is reported in the survey. */
    public RegionSurvey survey(List<String> regions) {
        Map<String, List<CertificateView>> certificates = new HashMap<>();
        Set<String> notEnabled = new HashSet<>();
        Map<String, String> unchecked = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, regions.size())), daemonThreads());
        try {
            List<Callable<List<CertificateView>>> reads = new ArrayList<>();
            regions.forEach(region -> reads.add(() -> reader.liveCertificates(region)));
            // invokeAll cancels (interrupts) every read still running when the bound is reached.
            List<Future<List<CertificateView>>> answers = pool.invokeAll(reads, bound.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < regions.size(); i++) {
                String region = regions.get(i);
                try {
                    certificates.put(region, answers.get(i).get());
                } catch (CancellationException e) {
                    unchecked.put(region, "no answer within " + bound.toSeconds() + " s");
                } catch (ExecutionException e) {
                    Throwable failure = e.getCause();
                    if (failure instanceof AwsCallException call && RecordCleanup.regionNotEnabled(call.errorCode())) {
                        notEnabled.add(region);
                    } else {
                        unchecked.put(region, String.valueOf(failure.getMessage()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            regions.stream().filter(region -> !certificates.containsKey(region) && !notEnabled.contains(region))
                .forEach(region -> unchecked.putIfAbsent(region, "interrupted before it answered"));
        } finally {
            pool.shutdownNow();
        }
        return new RegionSurvey(certificates, notEnabled, unchecked);
    }

    // Daemon threads: a read that ignores its interruption must not keep the process (the command line) alive.
    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "acm-regions-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
