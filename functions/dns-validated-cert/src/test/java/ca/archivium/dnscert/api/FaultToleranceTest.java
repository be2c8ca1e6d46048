package ca.archivium.dnscert.api;

import static ca.archivium.dnscert.api.EngineUnderTest.cnames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.archivium.dnscert.dns.ZoneResolutionException;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultRule;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxyReply;
import ca.archivium.dnscert.testing.Route53Fixtures;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

/**
 * Throttling, server errors and dropped connections, as many stacks deploying at once meet them: a few are ridden
 * out, a persistent one ends in an error that names the operation (and the certificate, once there is one).
 */
@IntegrationTest
class FaultToleranceTest {
    @RegisterExtension
    static final Emulators PENDING_FOR_AN_HOUR = Emulators.moto(3600);

    private static final String OWNER = "site-stack/Certificate";
    /** Every call the engine makes on the way: zones through an assumed role in the DNS account, then ACM. */
    private static final Map<String, Object> CROSS_ACCOUNT = Map.of("DomainName", "example.com",
        "SubjectAlternativeNames", List.of("www.example.com"),
        "HostedZoneRoleArn", EngineUnderTest.DNS_ACCOUNT_ROLE);

    private EngineUnderTest engine;
    private HostedZoneFixture zone;

    @BeforeEach
    void start() {
        engine = EngineUnderTest.start(PENDING_FOR_AN_HOUR);
        try (Route53Fixtures dns = engine.dnsAccount()) {
            zone = dns.createPublicZone("example.com");
        }
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    static Stream<Arguments> transientFaults() {
        Map<String, Consumer<FaultRule>> kinds = Map.of(
            "throttling", FaultRule::throttle,
            "HTTP 500", rule -> rule.serverError(500),
            "dropped connection", FaultRule::dropConnection);
        return Stream.of("ListHostedZonesByName", "AssumeRole", "RequestCertificate", "DescribeCertificate",
                "ChangeResourceRecordSets")
            .flatMap(operation -> kinds.entrySet().stream().map(kind -> Arguments.of(operation, kind.getKey(), kind.getValue())));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("transientFaults")
    void aFewFailedCallsEndInTheNormalResult(String operation, String kind, Consumer<FaultRule> fault) {
        engine.inject(proxy -> fault.accept(proxy.next(2, operation)));

        Provisioned provisioned = engine.provision(CROSS_ACCOUNT, OWNER);

        assertThat(engine.proxy().calls(operation)).as("the two failed %s calls were retried", operation)
            .isGreaterThanOrEqualTo(3);
        assertThat(provisioned.recordsWritten()).as("records written").isTrue();
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("exactly one certificate after %s on %s", kind, operation)
            .containsExactly(provisioned.arn());
        assertThat(engine.validationRecordNames(provisioned.arn()).values()).as("record names").hasSize(2);
        try (Route53Fixtures dns = engine.dnsAccount()) {
            assertThat(cnames(dns, zone.id())).as("the DNS account's zone holds both records")
                .containsOnlyKeys(engine.validationRecordNames(provisioned.arn()).values());
        }
    }

    @Test
    void priorRequestNotCompleteOnChangeResourceRecordSetsIsRetried() {
        engine.inject(proxy -> proxy.next(2, "ChangeResourceRecordSets").throttle("PriorRequestNotComplete"));

        Provisioned provisioned = engine.provision(CROSS_ACCOUNT, OWNER);

        assertThat(provisioned.recordsWritten()).as("records written").isTrue();
        assertThat(engine.proxy().calls("ChangeResourceRecordSets")).as("two refusals, then the change").isEqualTo(3);
        try (Route53Fixtures dns = engine.dnsAccount()) {
            assertThat(cnames(dns, zone.id())).as("zone records").hasSize(2);
        }
    }

    @Test
    void persistentFailureOfRequestCertificateNamesTheOperationAndCreatesNothing() {
        engine.inject(proxy -> proxy.every("RequestCertificate").serverError(500));

        assertThatThrownBy(() -> engine.provision(CROSS_ACCOUNT, OWNER))
            .as("RequestCertificate never succeeds")
            .isInstanceOfSatisfying(AwsCallException.class, e -> assertThat(e.operation()).isEqualTo("RequestCertificate"))
            .hasMessageStartingWith("RequestCertificate failed: InternalFailure");
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("no certificate").isEmpty();
    }

    @Test
    void persistentFailureToListZonesNamesTheOperationAndCreatesNothing() {
        engine.inject(proxy -> proxy.every("ListHostedZonesByName").serverError(503));

        assertThatThrownBy(() -> engine.provision(CROSS_ACCOUNT, OWNER))
            .as("zones cannot be looked up")
            .isInstanceOf(ZoneResolutionException.class)
            .hasMessageContaining("ListHostedZonesByName failed")
            .hasMessageContaining(EngineUnderTest.DNS_ACCOUNT_ROLE);
        assertThat(engine.proxy().calls("RequestCertificate")).as("RequestCertificate never called").isZero();
    }

    @Test
    void persistentFailureToAssumeTheRoleNamesTheOperationAndCreatesNothing() {
        engine.inject(proxy -> proxy.every("AssumeRole").serverError(500));

        assertThatThrownBy(() -> engine.provision(CROSS_ACCOUNT, OWNER))
            .as("the DNS account cannot be reached")
            .isInstanceOf(ZoneResolutionException.class)
            .hasMessageContaining("example.com: AssumeRole failed: InternalFailure")
            .hasMessageContaining(EngineUnderTest.DNS_ACCOUNT_ROLE)
            .hasMessageNotContaining("ListHostedZonesByName");
        assertThat(engine.proxy().calls("RequestCertificate")).as("RequestCertificate never called").isZero();
    }

    @Test
    void aRoleStsRefusesNamesEveryCauseStsGivesTheSameAnswerForAndCreatesNothing() {
        // STS's answer for a missing role, a trust policy that does not name the caller, another external id and a
        // caller not allowed to call AssumeRole alike (AWS Knowledge Center, "iam-assume-role-error"); moto checks none.
        engine.inject(proxy -> proxy.every("AssumeRole").reply(request -> ProxyReply.awsError(request.call(), 403,
            "Sender", "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/handler/fn is not authorized to"
                + " perform: sts:AssumeRole on resource: " + EngineUnderTest.DNS_ACCOUNT_ROLE)));

        assertThatThrownBy(() -> engine.provision(CROSS_ACCOUNT, OWNER))
            .isInstanceOf(ZoneResolutionException.class)
            .hasMessageContaining("example.com: AssumeRole failed: AccessDenied: User: ")
            .hasMessageContaining("through role " + EngineUnderTest.DNS_ACCOUNT_ROLE)
            .hasMessageContaining("does not exist", "trust policy", "ResourceHandlerRoleArn", "external id",
                "HostedZoneRoleExternalId", "DnsRoleArns");
        assertThat(engine.proxy().calls("RequestCertificate")).as("RequestCertificate never called").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DescribeCertificate", "ChangeResourceRecordSets"})
    void persistentFailureAfterTheRequestCarriesTheCertificateArn(String operation) {
        engine.inject(proxy -> proxy.every(operation).serverError(500));

        assertThatThrownBy(() -> engine.provision(CROSS_ACCOUNT, OWNER))
            .as("%s never succeeds", operation)
            .isInstanceOfSatisfying(CertificateFailureException.class, e -> {
                assertThat(e.arn()).as("ARN handed back so that rollback deletes it")
                    .isEqualTo(engine.certificateArns(Region.EU_WEST_1).get(0));
                assertThat(e.getCause()).isInstanceOfSatisfying(AwsCallException.class,
                    cause -> assertThat(cause.operation()).isEqualTo(operation));
            })
            .hasMessageStartingWith(operation + " failed");
    }
}
