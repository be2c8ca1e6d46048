package ca.archivium.dnscert.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultRule;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxyReply;
import ca.archivium.dnscert.testing.Route53Fixtures;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Many resource lifecycles in a row, played as CloudFormation plays them (create, update in place, replacement and
 * the Delete of the replaced certificate, update rollbacks after a rejected, failed or successful update, retried
 * Deletes), with faults injected at random into the AWS
 * calls and the response PUT. After every request: exactly one response; every certificate the product made is
 * referenced by a resource CloudFormation knows; no validation record a remaining certificate needs was deleted;
 * a certificate made elsewhere kept its own tags; the log holds neither a ResponseURL's signature nor a secret key.
 *
 * <p>Seeded and sized by system properties: {@code -Dsoak.lifecycles=N} (default 200, what CI runs),
 * {@code -Dsoak.seed=S} and {@code -Dsoak.faultPercent=P} (default 30). This class plays the first half of the
 * lifecycles from seed S, {@link SoakSecondHalfTest} the rest from seed S + 1. Each prints one summary line with
 * its counts.
 */
@IntegrationTest
class SoakTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final int LIFECYCLES = Integer.getInteger("soak.lifecycles", 200);
    private static final long SEED = Long.getLong("soak.seed", 20250612L);
    /** This half's share of the lifecycles, and its seed: the second half plays the next seed. */
    private final int lifecycles = half() == 0 ? (LIFECYCLES + 1) / 2 : LIFECYCLES / 2;
    private final long seed = SEED + half();
    /** The share of requests that meet an AWS fault, in percent. */
    private static final int FAULT_PERCENT = Integer.getInteger("soak.faultPercent", 30);
    private static final String DNS_ACCOUNT = "222222222222";
    private static final String DNS_ROLE = "arn:aws:iam::" + DNS_ACCOUNT + ":role/dns-validation";
    private static final String FOREIGN_NAME = "api.example.com";
    private static final List<String> NAMES = List.of("www.example.com", "example.com", "*.example.com",
        FOREIGN_NAME, "static.example.com", "app.example.org");
    /** Operations a fault can hit (StartExecution is the in-process loop here; the fault matrix covers it). */
    private static final List<String> OPERATIONS = List.of("ListHostedZonesByName", "GetHostedZone", "AssumeRole",
        "RequestCertificate", "DescribeCertificate", "ListCertificates", "ListTagsForCertificate", "AddTagsToCertificate",
        "RemoveTagsFromCertificate", "DeleteCertificate", "ChangeResourceRecordSets",
        "ListResourceRecordSets");
    private static final Pattern ASSUMED_SECRET =
        Pattern.compile("<(SecretAccessKey|SessionToken)>([^<]+)</(SecretAccessKey|SessionToken)>");

    private CloudFormationSimulator cfn;
    private Random random;
    private HostedZoneFixture orgZone;
    private Route53Fixtures ownAccount;
    private Route53Fixtures dnsAccount;
    private String foreignArn;
    private Map<String, String> foreignTags;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** Whether a certificate was made by the product: its created-by tag never changes, so it is read once. */
    private final Map<String, Boolean> madeByProduct = new ConcurrentHashMap<>();
    /**
     * What CloudFormation knows: per resource, its live physical id and failed or replaced ones it has yet to
     * delete. Two resources can hold the same certificate (one reused the other's).
     */
    private final Set<Reference> referenced = new LinkedHashSet<>();
    private int logOffset;
    /** The validation records in the zones after the last request; null before the first. */
    private Set<String> records;
    private int requests;
    private int faults;
    private int checks;
    private int rollbacks;
    private int rollbacksOfReplacements;

    private record Reference(String logicalId, String physicalId) {
    }

    /**
     * 0 here, 1 in {@link SoakSecondHalfTest}: the two halves run side by side in two test JVMs, each with its own
     * moto, and the run takes half as long.
     */
    int half() {
        return 0;
    }

    @BeforeEach
    void start() {
        cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);
        random = new Random(seed);
        ownAccount = cfn.route53();
        dnsAccount = cfn.direct().route53Fixtures(DNS_ACCOUNT, "dns-validation");
        orgZone = dnsAccount.createPublicZone("example.org");
        foreignArn = cfn.certificateRequestedElsewhere(b -> b.domainName(FOREIGN_NAME)
            .validationMethod(ValidationMethod.DNS).options(o -> o.export("DISABLED"))
            .tags(t -> t.key("owner").value("another-team")));
        foreignTags = new TreeMap<>(cfn.tagsOf(foreignArn));
        clearFaults();
    }

    @AfterEach
    void stop() {
        ownAccount.close();
        dnsAccount.close();
        cfn.close();
    }

    @Test
    void randomLifecyclesWithRandomFaultsKeepEveryInvariant() {
        long started = System.nanoTime();
        String neighbour = createNeighbour();
        for (int n = 0; n < lifecycles; n++) {
            lifecycle("Cert" + n);
        }
        deleteUntilGone("Neighbour", neighbour, neighbourProperties());
        assertThat(productCertificates()).as("after every Delete, no certificate the product made is left").isEmpty();
        assertThat(rollbacksOfReplacements).as("the mix rolled back successful replacements").isPositive();
        System.out.printf("soak: seed %d, %d lifecycles, %d requests, %d update rollbacks (%d of replacements), "
                + "%d faults injected, %d invariant checks, %d s%n", seed, lifecycles, requests, rollbacks,
            rollbacksOfReplacements, faults, checks, (System.nanoTime() - started) / 1_000_000_000L);
    }

    // ---- CloudFormation's part

    /** A certificate that lives through the whole run and shares names (so validation records) with the others. */
    private String createNeighbour() {
        ResponseSink.Received answer = send(create("Neighbour", neighbourProperties()), false);
        assertThat(answer.status()).as("the neighbour (reason: %s)", answer.reason()).isEqualTo("SUCCESS");
        referenced.add(new Reference("Neighbour", answer.physicalResourceId()));
        return answer.physicalResourceId();
    }

    private ObjectNode neighbourProperties() {
        ObjectNode properties = baseProperties();
        properties.put("DomainName", "www.example.com").putArray("SubjectAlternativeNames").add("example.com");
        return properties;
    }

    private void lifecycle(String logicalId) {
        ObjectNode properties = randomProperties();
        ResponseSink.Received created = send(create(logicalId, properties), true);
        String live = created.physicalResourceId();
        if (created.status().equals("FAILED")) {
            // The rollback deletes whatever the failed Create answered with (a marker or the certificate).
            referenced.add(new Reference(logicalId, live));
            deleteUntilGone(logicalId, live, properties);
            return;
        }
        referenced.add(new Reference(logicalId, live));
        if (random.nextInt(10) == 0) {
            // Another resource of the stack failed: the rollback deletes this one.
            deleteUntilGone(logicalId, live, properties);
            return;
        }
        for (int updates = random.nextInt(3); updates > 0; updates--) {
            int kind = random.nextInt(8);
            ObjectNode after = kind == 0 ? rejected(properties) : kind <= 4 ? randomProperties() : changedInPlace(properties);
            ResponseSink.Received updated = send(update(logicalId, live, after, properties), true);
            if (updated.status().equals("FAILED")) {
                String kept = live;
                check(updated.physicalResourceId().equals(kept), () ->
                    "a failed Update keeps its physical id " + kept + ", not " + updated.physicalResourceId());
                rollBackUpdate(logicalId, live, live, properties, after);
                continue;
            }
            String next = updated.physicalResourceId();
            if (next.equals(live)) {
                properties = after;
                continue;
            }
            referenced.add(new Reference(logicalId, next));
            if (random.nextInt(5) == 0) {
                // The stack update failed elsewhere: CloudFormation rolls this resource back to its old properties,
                // which return to the old certificate, then deletes the replacement.
                rollBackUpdate(logicalId, next, live, properties, after);
                rollbacksOfReplacements++;
            } else {
                deleteUntilGone(logicalId, live, properties);
                live = next;
                properties = after;
            }
        }
        deleteUntilGone(logicalId, live, properties);
    }

    /**
     * CloudFormation's rollback of an Update: the old properties sent back as an Update to the physical id the stack
     * has ({@code sent}: the old one after a failed Update, the replacement after a successful one), until it
     * succeeds (an operator continues a failed rollback). It must return to the {@code original} certificate; a
     * replacement it leaves is deleted afterwards, as CloudFormation's clean-up does.
     */
    private void rollBackUpdate(String logicalId, String sent, String original, ObjectNode before, ObjectNode failedAfter) {
        for (int attempt = 0; ; attempt++) {
            ResponseSink.Received answer = send(update(logicalId, sent, before, failedAfter), attempt == 0);
            if (answer.status().equals("SUCCESS")) {
                check(answer.physicalResourceId().equals(original), () -> "the rollback Update returns to the original "
                    + "certificate " + original + ", not " + answer.physicalResourceId() + "\nlog:\n" + newLog());
                rollbacks++;
                if (!sent.equals(original)) {
                    deleteUntilGone(logicalId, sent, failedAfter);
                }
                return;
            }
            assertThat(attempt).as("the rollback Update without faults (reason: %s)", answer.reason()).isZero();
        }
    }

    /** A Delete, and again without faults when it failed (a stack whose Delete failed is deleted again). */
    private void deleteUntilGone(String logicalId, String physicalId, ObjectNode properties) {
        for (int attempt = 0; ; attempt++) {
            ResponseSink.Received answer = send(delete(logicalId, physicalId, properties), attempt == 0);
            if (answer.status().equals("SUCCESS")) {
                referenced.remove(new Reference(logicalId, physicalId));
                checkCertificatesAreReferenced();
                return;
            }
            check(answer.physicalResourceId().equals(physicalId), () -> "a failed Delete keeps its physical id");
            assertThat(attempt).as("the Delete without faults (reason: %s)", answer.reason()).isZero();
        }
    }

    // ---- one request

    /** Delivers the event, with a random fault or none, plays the wait loop, and checks every invariant. */
    private ResponseSink.Received send(ObjectNode event, boolean faultsAllowed) {
        String requestId = event.path("RequestId").asText();
        Set<String> recordsBefore = records == null ? validationRecordNames() : records;
        if (faultsAllowed) {
            injectRandomFault();
        }
        requests++;
        if (cfn.deliver(event) == Handled.WAITING) {
            if (faultsAllowed && random.nextInt(20) == 0) {
                faults++;
                cfn.crashNextReconcileWith(new IllegalStateException("injected: a Reconcile step crashed"));
            }
            cfn.runWaitLoopFor(event);
        }
        clearFaults();
        List<ResponseSink.Received> answers = cfn.sink().receivedFor(requestId);
        check(answers.size() == 1, () -> "exactly one response to " + event.path("RequestType").asText() + " " + requestId
            + ", got " + answers.size() + "\nlog:\n" + newLog());
        ResponseSink.Received answer = answers.get(0);
        check(!answer.status().equals("FAILED") || !answer.reason().isBlank(), () -> "a FAILED answer says why");
        checkCertificatesAreReferenced(answer);
        checkNoNeededRecordWasDeleted(recordsBefore);
        checkForeignCertificateKeptItsTags();
        checkLogHoldsNoSecret();
        return answer;
    }

    private void injectRandomFault() {
        if (random.nextInt(20) == 0) {
            faults++;
            cfn.sink().refuseNext(1 + random.nextInt(4), 503);
        }
        if (random.nextInt(100) >= FAULT_PERCENT) {
            return;
        }
        faults++;
        String operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
        int kind = random.nextInt(10);
        boolean persistent = kind >= 1 && random.nextInt(4) == 0;
        int times = 1 + random.nextInt(3);
        Consumer<FaultRule> fault = switch (kind) {
            case 0 -> FaultRule::throttle;
            case 1, 2, 3, 4 -> rule -> rule.serverError(random.nextBoolean() ? 500 : 503);
            case 5, 6, 7 -> FaultRule::dropConnection;
            default -> rule -> rule.delay(Duration.ofMillis(150));
        };
        cfn.proxy().clearFaults();
        fault.accept(persistent ? cfn.proxy().every(operation) : cfn.proxy().next(times, operation));
        installStandIns();
    }

    private void clearFaults() {
        cfn.proxy().clearFaults();
        installStandIns();
    }

    /**
     * Behind any fault, AssumeRole passed on with the secret keys it hands out remembered, for the log check (what
     * moto lacked, the key algorithm of each certificate, the conformance layer gives).
     */
    private void installStandIns() {
        cfn.proxy().every("AssumeRole").reply(request -> {
            ProxyReply reply = cfn.moto().forward(request);
            Matcher secret = ASSUMED_SECRET.matcher(reply.bodyText());
            while (secret.find()) {
                secrets.add(secret.group(2));
            }
            return reply;
        });
    }

    // ---- the invariants

    private void checkCertificatesAreReferenced() {
        Set<String> known = knownPhysicalIds();
        for (String arn : productCertificates()) {
            check(known.contains(arn), () -> "the certificate " + arn + " was made by the product but no resource "
                + "CloudFormation knows references it (known: " + referenced + ")\nlog:\n" + newLog());
        }
    }

    private void checkCertificatesAreReferenced(ResponseSink.Received answer) {
        Set<String> known = knownPhysicalIds();
        known.add(answer.physicalResourceId());
        for (String arn : productCertificates()) {
            check(known.contains(arn), () -> "the certificate " + arn + " was made by the product but neither the answer ("
                + answer.status() + " " + answer.physicalResourceId() + ": " + answer.reason()
                + ") nor a resource CloudFormation knows references it\nlog:\n" + newLog());
        }
    }

    private Set<String> knownPhysicalIds() {
        Set<String> known = new HashSet<>();
        referenced.forEach(reference -> known.add(reference.physicalId()));
        return known;
    }

    private void checkNoNeededRecordWasDeleted(Set<String> before) {
        // Only requests change the zones, so what they hold now is what the next request starts from.
        records = validationRecordNames();
        Set<String> deleted = new HashSet<>(before);
        deleted.removeAll(records);
        if (deleted.isEmpty()) {
            checks++;
            return;
        }
        for (CertificateDetail certificate : allCertificates()) {
            certificate.domainValidationOptions().stream()
                .filter(v -> v.resourceRecord() != null)
                .map(v -> Route53Fixtures.bare(v.resourceRecord().name()))
                .forEach(name -> check(!deleted.contains(name), () -> "the validation record " + name + " was deleted, but "
                    + certificate.certificateArn() + " (" + certificate.statusAsString() + ") still needs it"));
        }
    }

    private void checkForeignCertificateKeptItsTags() {
        Map<String, String> now = new TreeMap<>(cfn.tagsOf(foreignArn));
        now.keySet().removeIf(key -> key.startsWith(OwnershipTags.USED_BY_PREFIX));
        check(now.equals(foreignTags), () -> "the certificate made elsewhere kept its own tags " + foreignTags + ", now " + now);
    }

    private void checkLogHoldsNoSecret() {
        String log = newLog();
        check(!log.contains(ResponseSink.SIGNATURE), () -> "a ResponseURL's signature reached the log:\n" + log);
        check(!log.contains("X-Amz-Signature="), () -> "a pre-signed query string reached the log:\n" + log);
        for (String secret : secrets) {
            check(!log.contains(secret), () -> "an assumed role's secret reached the log");
        }
        logOffset = cfn.logLength();
    }

    /** The failure is described only when the check fails: the log it quotes is megabytes by the end. */
    private void check(boolean holds, Supplier<String> failure) {
        checks++;
        if (!holds) {
            throw new AssertionError("after " + requests + " requests (seed " + seed + "): " + failure.get());
        }
    }

    // ---- reading the world directly

    private List<String> productCertificates() {
        List<String> made = new ArrayList<>();
        for (CertificateSummary summary : summaries()) {
            if (madeByProduct.computeIfAbsent(summary.certificateArn(),
                arn -> cfn.tagsOf(arn).containsKey(OwnershipTags.CREATED_BY))) {
                made.add(summary.certificateArn());
            }
        }
        return made;
    }

    // The invariants are about what exists: read from moto itself, past the conformance layer's ACM delays.
    private List<CertificateDetail> allCertificates() {
        return summaries().stream()
            .map(s -> cfn.motoAcm().describeCertificate(b -> b.certificateArn(s.certificateArn())).certificate()).toList();
    }

    private List<CertificateSummary> summaries() {
        return cfn.motoAcm().listCertificates(b -> b.includes(i -> i.keyTypes(KeyAlgorithm.knownValues())))
            .certificateSummaryList();
    }

    private Set<String> validationRecordNames() {
        Set<String> names = new HashSet<>();
        ownAccount.records(cfn.zone().id()).stream().filter(r -> r.type() == RRType.CNAME)
            .forEach(r -> names.add(Route53Fixtures.bare(r.name())));
        dnsAccount.records(orgZone.id()).stream().filter(r -> r.type() == RRType.CNAME)
            .forEach(r -> names.add(Route53Fixtures.bare(r.name())));
        return names;
    }

    private String newLog() {
        return cfn.logSince(logOffset);
    }


    // ---- events and properties

    private ObjectNode create(String logicalId, ObjectNode properties) {
        ObjectNode event = fresh(cfn.event("create.json"), logicalId);
        event.set("ResourceProperties", properties.deepCopy());
        return event;
    }

    private ObjectNode update(String logicalId, String physicalId, ObjectNode after, ObjectNode before) {
        ObjectNode event = fresh(cfn.event("update-tags.json"), logicalId).put("PhysicalResourceId", physicalId);
        event.set("ResourceProperties", after.deepCopy());
        event.set("OldResourceProperties", before.deepCopy());
        return event;
    }

    private ObjectNode delete(String logicalId, String physicalId, ObjectNode properties) {
        ObjectNode event = fresh(cfn.event("delete.json"), logicalId).put("PhysicalResourceId", physicalId);
        event.set("ResourceProperties", properties.deepCopy());
        return event;
    }

    private ObjectNode fresh(ObjectNode event, String logicalId) {
        String requestId = UUID.randomUUID().toString();
        return event.put("RequestId", requestId).put("ResponseURL", cfn.sink().urlFor(requestId))
            .put("LogicalResourceId", logicalId);
    }

    private ObjectNode baseProperties() {
        ObjectNode properties = cfn.event("create.json").objectNode();
        properties.put("ServiceToken", cfn.event("create.json").path("ServiceToken").asText());
        properties.put("ServiceTimeout", "900");
        return properties;
    }

    private ObjectNode randomProperties() {
        ObjectNode properties = baseProperties();
        List<String> names = new ArrayList<>();
        if (random.nextInt(6) == 0) {
            names.add(FOREIGN_NAME);
        } else {
            List<String> pool = new ArrayList<>(NAMES);
            Collections.shuffle(pool, random);
            names.addAll(pool.subList(0, 1 + random.nextInt(3)));
        }
        properties.put("DomainName", names.get(0));
        if (names.size() > 1) {
            ArrayNode alternatives = properties.putArray("SubjectAlternativeNames");
            names.subList(1, names.size()).forEach(alternatives::add);
        }
        if (names.contains("app.example.org")) {
            properties.putArray("DomainValidationOptions").addObject().put("DomainName", "app.example.org")
                .put("HostedZoneRoleArn", DNS_ROLE);
        }
        if (random.nextInt(4) == 0) {
            properties.put("KeyAlgorithm", "EC_prime256v1");
        }
        properties.put("WaitForIssuance", String.valueOf(random.nextBoolean()));
        properties.put("ReuseExistingCertificate", String.valueOf(random.nextInt(3) == 0));
        properties.put("CleanupValidationRecords", String.valueOf(random.nextBoolean()));
        randomTags(properties);
        return properties;
    }

    /** Properties the resource rejects: CloudFormation then rolls the update back. */
    private ObjectNode rejected(ObjectNode before) {
        ObjectNode after = before.deepCopy();
        if (random.nextBoolean()) {
            after.put("KeyAlgorithm", "RSA_1024");
        } else {
            after.put("DomainNames", "www.example.com");
        }
        return after;
    }

    /**
     * Same names, key and region: tags and the flags change, and the transparency preference, which is accepted and
     * never sent.
     */
    private ObjectNode changedInPlace(ObjectNode before) {
        ObjectNode after = before.deepCopy();
        randomTags(after);
        after.put("CertificateTransparencyLoggingPreference", random.nextBoolean() ? "ENABLED" : "DISABLED");
        after.put("CleanupValidationRecords", String.valueOf(random.nextBoolean()));
        after.put("WaitForIssuance", String.valueOf(random.nextBoolean()));
        return after;
    }

    private void randomTags(ObjectNode properties) {
        ArrayNode tags = properties.putArray("Tags");
        if (random.nextBoolean()) {
            tags.addObject().put("Key", "team").put("Value", random.nextBoolean() ? "web" : "platform");
        }
        if (random.nextBoolean()) {
            tags.addObject().put("Key", "cost-centre").put("Value", "cc-" + random.nextInt(5));
        }
    }
}
