package ca.archivium.dnscert.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.testing.FaultRule;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Every AWS operation the resource calls, meeting throttling, server errors, dropped connections and slow answers
 * from the fault proxy, in a whole CloudFormation request: a few faults (the SDK tries 6 times) end in the normal
 * result; faults that outlast the SDK's retries end in FAILED with a reason that names the operation; and after
 * CloudFormation has done what it does next (the rollback or a retried Delete), no certificate is left that nobody
 * references.
 */
@IntegrationTest
class FaultMatrixTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    /** A DNS role in the function's own account: AssumeRole is called, and the zone is the same. */
    private static final String OWN_ROLE = "arn:aws:iam::123456789012:role/dns-validation";
    private static final Map<String, Consumer<FaultRule>> KINDS = kinds();

    private CloudFormationSimulator cfn;

    @BeforeEach
    void start() {
        cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);
        cfn.proxy().clearFaults();
    }

    @AfterEach
    void stop() {
        cfn.close();
    }

    private static Map<String, Consumer<FaultRule>> kinds() {
        Map<String, Consumer<FaultRule>> kinds = new LinkedHashMap<>();
        kinds.put("throttling", FaultRule::throttle);
        kinds.put("HTTP 503", rule -> rule.serverError(503));
        kinds.put("dropped connection", FaultRule::dropConnection);
        kinds.put("slow answer", rule -> rule.delay(Duration.ofMillis(500)));
        return kinds;
    }

    /** A whole request that calls the operation: the world it needs first, the event, and its normal result. */
    enum Scenario {
        CREATE, CREATE_THROUGH_ROLE, CREATE_WITH_ZONE_ID, CREATE_REUSING, UPDATE_TAGS, DELETE,
        DELETE_WITH_CLEANUP
    }

    /** The operation, and the request in which the resource calls it. */
    private static final Map<String, Scenario> OPERATIONS = operations();

    private static Map<String, Scenario> operations() {
        Map<String, Scenario> operations = new LinkedHashMap<>();
        operations.put("ListHostedZonesByName", Scenario.CREATE);
        operations.put("RequestCertificate", Scenario.CREATE);
        operations.put("DescribeCertificate", Scenario.CREATE);
        operations.put("ChangeResourceRecordSets", Scenario.CREATE);
        operations.put("AssumeRole", Scenario.CREATE_THROUGH_ROLE);
        operations.put("GetHostedZone", Scenario.CREATE_WITH_ZONE_ID);
        operations.put("ListCertificates", Scenario.CREATE_REUSING);
        operations.put("AddTagsToCertificate", Scenario.CREATE_REUSING);
        operations.put("ListTagsForCertificate", Scenario.UPDATE_TAGS);
        operations.put("RemoveTagsFromCertificate", Scenario.UPDATE_TAGS);
        operations.put("DeleteCertificate", Scenario.DELETE);
        operations.put("ListResourceRecordSets", Scenario.DELETE_WITH_CLEANUP);
        return operations;
    }

    static Stream<Arguments> transientFaults() {
        return OPERATIONS.keySet().stream()
            .flatMap(operation -> KINDS.keySet().stream().map(kind -> Arguments.of(operation, kind)));
    }

    /**
     * Every operation with server errors and dropped connections. Throttling that never stops costs the SDK's whole
     * backoff per call (about 15 s with the product's timing, 3 s with the tests'), so by default it is tried on one
     * call of each kind of request (zones, the DNS role, the certificate, its deletion);
     * {@code -Dfaults.everyOperationThrottled=true} tries it on every one.
     */
    static Stream<Arguments> persistentFaults() {
        Set<String> throttled = Boolean.getBoolean("faults.everyOperationThrottled") ? OPERATIONS.keySet()
            : Set.of("ListHostedZonesByName", "AssumeRole", "DescribeCertificate", "DeleteCertificate");
        return OPERATIONS.keySet().stream().flatMap(operation -> KINDS.keySet().stream()
            .filter(kind -> !kind.equals("slow answer"))
            .filter(kind -> !kind.equals("throttling") || throttled.contains(operation))
            .map(kind -> Arguments.of(operation, kind)));
    }

    @ParameterizedTest(name = "2 × {1} on {0}")
    @MethodSource("transientFaults")
    void aFewFaultsEndInTheNormalResult(String operation, String kind) {
        Scenario scenario = OPERATIONS.get(operation);
        World world = prepare(scenario);
        inject(proxy -> KINDS.get(kind).accept(proxy.next(2, operation)));

        ResponseSink.Received answer = request(world.event());

        assertThat(cfn.proxy().calls(operation)).as("%s was called, and retried past its 2 faults", operation)
            .isGreaterThanOrEqualTo(kind.equals("slow answer") ? 1 : 3);
        assertThat(answer.status()).as("%s after 2 × %s on %s (reason: %s)", scenario, kind, operation, answer.reason())
            .isEqualTo("SUCCESS");
        assertNormalResult(scenario, world, answer);
    }

    @ParameterizedTest(name = "{1} on every {0}")
    @MethodSource("persistentFaults")
    void faultsThatOutlastTheRetriesEndInFailedNamingTheOperationAndOrphanNothing(String operation, String kind) {
        Scenario scenario = OPERATIONS.get(operation);
        World world = prepare(scenario);
        if (kind.equals("throttling")) {
            // Persistent throttling in the wait loop is looked at again until the deadline: keep that short.
            ((ObjectNode) world.event().path("ResourceProperties")).put("ServiceTimeout", "20");
        }
        inject(proxy -> KINDS.get(kind).accept(proxy.every(operation)));

        ResponseSink.Received answer = request(world.event());

        assertThat(answer.status()).as("%s with %s on every %s", scenario, kind, operation).isEqualTo("FAILED");
        assertThat(answer.reason()).as("the reason names the operation").contains(operation);
        assertNothingOrphanedAfterCloudFormationsNextStep(world, answer);
    }

    @Test
    void anAnswerSlowerThanTheSdksAttemptTimeoutIsTriedAgain() {
        World world = prepare(Scenario.CREATE);
        Duration attempt = AwsTestEnvironment.CLIENT_TIMING.attemptTimeout();
        inject(proxy -> proxy.next(1, "DescribeCertificate").delay(attempt.plusSeconds(1)));

        ResponseSink.Received answer = request(world.event());

        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertNormalResult(Scenario.CREATE, world, answer);
    }

    @Test
    void answersThatAreAlwaysTooSlowEndInFailedNamingTheOperationWithNothingCreated() {
        World world = prepare(Scenario.CREATE);
        // One name, one zone look-up: each attempt gives up after its attempt timeout, the whole call after its
        // call timeout.
        ((ObjectNode) world.event().path("ResourceProperties")).remove("SubjectAlternativeNames");
        Duration attempt = AwsTestEnvironment.CLIENT_TIMING.attemptTimeout();
        inject(proxy -> proxy.every("ListHostedZonesByName").delay(attempt.plus(attempt.dividedBy(4))));

        ResponseSink.Received answer = request(world.event());

        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("ListHostedZonesByName");
        assertThat(answer.physicalResourceId()).startsWith("not-created:");
        assertThat(cfn.certificateArns()).isEmpty();
    }

    // ---- the scenarios

    /** What a scenario starts from: its event, and the certificate a Create before it made (or null). */
    private record World(ObjectNode event, String existingArn) {
    }

    private World prepare(Scenario scenario) {
        return switch (scenario) {
            case CREATE -> new World(fresh(cfn.event("create.json")), null);
            case CREATE_THROUGH_ROLE -> {
                ObjectNode event = fresh(cfn.event("create.json"));
                properties(event).put("HostedZoneRoleArn", OWN_ROLE);
                yield new World(event, null);
            }
            case CREATE_WITH_ZONE_ID -> {
                ObjectNode event = fresh(cfn.event("create.json"));
                properties(event).putArray("DomainValidationOptions")
                    .add(cfn.event("create.json").objectNode().put("DomainName", "www.example.com")
                        .put("HostedZoneId", cfn.zone().id()))
                    .add(cfn.event("create.json").objectNode().put("DomainName", "example.com")
                        .put("HostedZoneId", "/hostedzone/" + cfn.zone().id()));
                yield new World(event, null);
            }
            case CREATE_REUSING -> {
                String existing = cfn.certificateRequestedElsewhere(b -> b.domainName("www.example.com")
                    .subjectAlternativeNames("example.com").validationMethod(ValidationMethod.DNS)
                    .options(o -> o.export("DISABLED")));
                ObjectNode event = fresh(cfn.event("create.json"));
                properties(event).put("ReuseExistingCertificate", "true");
                yield new World(event, existing);
            }
            case UPDATE_TAGS -> {
                String arn = created(false);
                ObjectNode event = fresh(cfn.event("update-tags.json")).put("PhysicalResourceId", arn);
                properties(event).putArray("Tags").addObject().put("Key", "cost-centre").put("Value", "cc-1234");
                yield new World(event, arn);
            }
            case DELETE -> {
                String arn = created(false);
                yield new World(fresh(cfn.event("delete.json")).put("PhysicalResourceId", arn), arn);
            }
            case DELETE_WITH_CLEANUP -> {
                String arn = created(true);
                ObjectNode event = fresh(cfn.event("delete.json")).put("PhysicalResourceId", arn);
                properties(event).put("CleanupValidationRecords", "true");
                yield new World(event, arn);
            }
        };
    }

    private void assertNormalResult(Scenario scenario, World world, ResponseSink.Received answer) {
        String arn = answer.physicalResourceId();
        switch (scenario) {
            case CREATE, CREATE_THROUGH_ROLE, CREATE_WITH_ZONE_ID -> {
                assertThat(cfn.certificateArns()).as("one certificate, the one answered").containsExactly(arn);
                assertThat(answer.data().path("Status").asText()).isEqualTo("ISSUED");
                assertThat(validationRecordNames()).as("both names' records in example.com").hasSize(2);
            }
            case CREATE_REUSING -> {
                assertThat(arn).as("the existing certificate is reused").isEqualTo(world.existingArn());
                assertThat(cfn.certificateArns()).as("no new certificate").containsExactly(arn);
                assertThat(cfn.tagsOf(arn).keySet()).as("the resource's reference is recorded")
                    .anyMatch(key -> key.startsWith(OwnershipTags.USED_BY_PREFIX));
            }
            case UPDATE_TAGS -> {
                assertThat(arn).isEqualTo(world.existingArn());
                assertThat(cfn.tagsOf(arn)).containsEntry("cost-centre", "cc-1234").doesNotContainKey("team");
            }
            case DELETE -> assertThat(cfn.certificateArns()).as("the certificate is deleted").isEmpty();
            case DELETE_WITH_CLEANUP -> {
                assertThat(cfn.certificateArns()).as("the certificate is deleted").isEmpty();
                assertThat(validationRecordNames()).as("its records, needed by no other certificate, too").isEmpty();
            }
        }
    }

    /**
     * CloudFormation's next step after a FAILED answer, faults gone: the rollback Delete of a failed Create, or the
     * stack's Delete of whatever the resource still is. Afterwards every certificate this product made must be gone.
     */
    private void assertNothingOrphanedAfterCloudFormationsNextStep(World world, ResponseSink.Received answer) {
        cfn.proxy().clearFaults();
        List<String> known = new ArrayList<>();
        known.add(answer.physicalResourceId());
        if (world.existingArn() != null && !known.contains(world.existingArn())) {
            known.add(world.existingArn());
        }
        for (String physicalId : known) {
            ObjectNode delete = fresh(cfn.event("delete.json")).put("PhysicalResourceId", physicalId);
            ResponseSink.Received deleted = request(delete);
            assertThat(deleted.status()).as("Delete of %s (reason: %s)", physicalId, deleted.reason()).isEqualTo("SUCCESS");
        }
        assertThat(cfn.certificateArns()).as("after the failure and CloudFormation's Deletes, only certificates the "
                + "product did not make remain")
            .allSatisfy(arn -> assertThat(cfn.tagsOf(arn)).doesNotContainKey(OwnershipTags.CREATED_BY));
    }

    /** Creates the certificate of {@code events/create.json}, faults off; returns its ARN. */
    private String created(boolean cleanupRecords) {
        ObjectNode create = fresh(cfn.event("create.json"));
        if (cleanupRecords) {
            properties(create).put("CleanupValidationRecords", "true");
        }
        ResponseSink.Received answer = request(create);
        assertThat(answer.status()).as("the Create before the test (reason: %s)", answer.reason()).isEqualTo("SUCCESS");
        return answer.physicalResourceId();
    }

    /** Delivers the event and plays the wait loop if one started; returns the one answer. */
    private ResponseSink.Received request(ObjectNode event) {
        if (cfn.deliver(event) == Handled.WAITING) {
            cfn.runWaitLoopFor(event);
        }
        return cfn.onlyResponseTo(event.path("RequestId").asText());
    }

    private void inject(Consumer<FaultProxy> fault) {
        cfn.proxy().clearFaults();
        fault.accept(cfn.proxy());
        cfn.proxy().resetCounts();
    }

    private ObjectNode fresh(ObjectNode event) {
        String requestId = UUID.randomUUID().toString();
        return event.put("RequestId", requestId).put("ResponseURL", cfn.sink().urlFor(requestId));
    }

    private static ObjectNode properties(ObjectNode event) {
        return (ObjectNode) event.path("ResourceProperties");
    }

    private List<String> validationRecordNames() {
        try (Route53Fixtures route53 = cfn.route53()) {
            return route53.records(cfn.zone().id()).stream().filter(r -> r.type() == RRType.CNAME)
                .map(r -> r.name()).toList();
        }
    }
}
