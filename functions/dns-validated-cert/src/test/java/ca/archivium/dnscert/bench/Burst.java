package ca.archivium.dnscert.bench;

import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.cfn.ResponseUrlPolicy;
import ca.archivium.dnscert.lifecycle.Answer;
import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.lifecycle.ResponseUrlSeal;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.testing.RateLimit;
import ca.archivium.dnscert.time.Sleeper;
import ca.archivium.dnscert.waitloop.StepOutcome;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.StepStates;
import ca.archivium.dnscert.waitloop.WaitLoop;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateSummary;

/**
 * Burst: {@value #RESOURCES} resources created at the same instant (a stack with that many certificates, or that many
 * stacks), each in a container of its own (its own SDK clients), through a proxy that enforces AWS's published
 * request rates per account and answers beyond them with the throttling error AWS sends. Certificates turn ISSUED
 * {@value #ISSUE_AFTER_SECONDS} s after they are requested; each resource waits for issuance with the production
 * schedule, as the Step Functions loop would.
 */
final class Burst {
    static final int RESOURCES = 100;
    static final int ISSUE_AFTER_SECONDS = 10;
    /** ACM's published rates (requests per second per account and region); Route 53's is per account, all calls. */
    static final Map<String, Double> ACM_RATES = Map.of("RequestCertificate", 5.0, "DescribeCertificate", 10.0,
        "ListCertificates", 8.0, "AddTagsToCertificate", 5.0);
    static final double ROUTE53_RATE = 5.0;

    /** What came of the burst. */
    record Result(int succeeded, int answeredMoreThanOnce, List<String> failures, int certificates,
                  int unreferencedCertificates, double wallSeconds, Map<String, Integer> throttles,
                  Map<String, Integer> calls, double longestHandlerSeconds) {
        int totalThrottles() {
            return throttles.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Workbench bench;

    Burst(Workbench bench) {
        this.bench = bench;
    }

    Result measure() {
        try (Emulator emulator = new Emulator(ISSUE_AFTER_SECONDS)) {
            emulator.resetWithZones();
            FaultProxy proxy = emulator.proxy();
            Map<String, RateLimit> limits = new TreeMap<>();
            ACM_RATES.forEach((operation, rate) -> {
                RateLimit limit = RateLimit.perSecond(rate, RateLimit.PER_ACCESS_KEY);
                limits.put(operation, limit);
                proxy.every(operation).throttleBeyond(limit);
            });
            RateLimit route53 = RateLimit.perSecond(ROUTE53_RATE, RateLimit.PER_ACCESS_KEY);
            limits.put("Route 53 (all calls)", route53);
            proxy.every(FaultProxy.ANY_OPERATION).when(request -> request.call().service().equals("route53"))
                .throttleBeyond(route53);
            return run(emulator, limits);
        }
    }

    private Result run(Emulator emulator, Map<String, RateLimit> limits) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < RESOURCES; i++) {
            events.add(bench.events().create("Certificate" + i, Events.properties("site-" + i + ".example.com")));
        }
        CountDownLatch ready = new CountDownLatch(RESOURCES);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService containers = Executors.newFixedThreadPool(RESOURCES);
        long started;
        double longestHandler = 0;
        List<Future<Double>> done = new ArrayList<>();
        try (AwsTestEnvironment.AppliedSystemProperties applied =
                 new AwsTestEnvironment(emulator.proxy().endpoint()).applySystemProperties();
             PrintStream log = new PrintStream(new FileOutputStream(
                 Files.createDirectories(bench.scratch()).resolve("burst-log.jsonl").toFile()), true, StandardCharsets.UTF_8)) {
            for (ObjectNode event : events) {
                done.add(containers.submit(() -> {
                    try (ServiceClients clients = new ServiceClients(AwsTestEnvironment.REGION)) {
                        return handle(clients, log, event, ready, go);
                    }
                }));
            }
            ready.await();
            started = System.nanoTime();
            go.countDown();
            for (Future<Double> container : done) {
                longestHandler = Math.max(longestHandler, container.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a resource of the burst crashed", e.getCause());
        } finally {
            containers.shutdownNow();
        }
        long lastAnswer = started;
        int succeeded = 0;
        int repeated = 0;
        List<String> failures = new ArrayList<>();
        Set<String> referenced = new java.util.HashSet<>();
        for (ObjectNode event : events) {
            String requestId = Events.requestId(event);
            TimedSink.Answer answer = bench.sink().answerTo(requestId).orElse(null);
            if (answer == null) {
                failures.add(event.path("LogicalResourceId").asText() + ": no answer");
                continue;
            }
            lastAnswer = Math.max(lastAnswer, answer.arrivedNanos());
            repeated += bench.sink().answerCount(requestId) > 1 ? 1 : 0;
            referenced.add(answer.physicalResourceId());
            if (answer.status().equals("SUCCESS")) {
                succeeded++;
            } else {
                failures.add(event.path("LogicalResourceId").asText() + ": " + answer.body().path("Reason").asText());
            }
        }
        List<String> certificates;
        try (AcmClient acm = emulator.direct().acm(Region.of(AwsTestEnvironment.REGION.id()))) {
            certificates = acm.listCertificatesPaginator(request -> { }).certificateSummaryList().stream()
                .map(CertificateSummary::certificateArn).toList();
        }
        int unreferenced = (int) certificates.stream().filter(arn -> !referenced.contains(arn)).count();
        Map<String, Integer> throttles = new LinkedHashMap<>();
        limits.forEach((name, limit) -> throttles.put(name, limit.throttled()));
        return new Result(succeeded, repeated, failures, certificates.size(), unreferenced,
            (lastAnswer - started) / 1e9, throttles, emulator.proxy().calls(), longestHandler);
    }

    /**
     * One container: the resource handler, then the wait loop's steps with their real waits, then the answer.
     *
     * @return how long the resource handler's invocation took, s (Lambda stops it at the function's timeout)
     */
    private static double handle(ServiceClients clients, PrintStream logLines, ObjectNode event, CountDownLatch ready,
                               CountDownLatch go) throws InterruptedException {
        JsonLog log = new JsonLog(logLines, Clock.systemUTC());
        List<StepState> started = new ArrayList<>();
        WaitLoop waitLoop = (name, state) -> started.add(state);
        Lifecycle lifecycle = new Lifecycle(new DnsValidatedCertificates(clients,
            Sleeper.atMost(DnsValidatedCertificates.LONGEST_PAUSE)),
            waitLoop, ResponseUrlSeal.IN_PROCESS,
            Responder.standard(new ResponseUrlPolicy("http://127.0.0.1:", "us-east-1"), log), log, Clock.systemUTC(),
            java.util.random.RandomGenerator.getDefault());
        ready.countDown();
        go.await();
        long invoked = System.nanoTime();
        lifecycle.requests().handle(event.toString().getBytes(StandardCharsets.UTF_8));
        double handlerSeconds = (System.nanoTime() - invoked) / 1e9;
        for (StepState state : started) {
            while (state.outcome() == StepOutcome.WAIT) {
                Thread.sleep(state.waitSeconds() * 1000L);
                state = lifecycle.reconcile().step(state);
            }
            lifecycle.respond().respond(StepStates.toJson(state));
        }
        return handlerSeconds;
    }

    static String describe(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
