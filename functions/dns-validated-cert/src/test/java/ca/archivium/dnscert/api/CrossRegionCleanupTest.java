package ca.archivium.dnscert.api;

import static ca.archivium.dnscert.api.EngineUnderTest.cnames;
import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultRule;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code CleanupValidationRecords} across regions: ACM asks for the same CNAME for a name in every region of an
 * account, so a record stays while a certificate in any region still needs it, and stays too when a region cannot
 * be asked.
 */
@IntegrationTest
class CrossRegionCleanupTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final String CLOUDFRONT_OWNER = "cdn-stack/Certificate";
    private static final String ALB_OWNER = "web-stack/Certificate";
    private static final Map<String, Object> IN_US_EAST_1 = site("us-east-1");
    private static final Map<String, Object> IN_EU_WEST_1 = site("eu-west-1");
    /** The region faults are injected in: neither certificate's own. */
    private static final String UNANSWERING_REGION = "ap-south-1";
    private static final Pattern SIGNING_REGION = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/");

    private EngineUnderTest engine;
    private HostedZoneFixture zone;

    @BeforeEach
    void start() {
        engine = EngineUnderTest.start(ISSUED_AT_ONCE);
        try (Route53Fixtures dns = engine.ownDns()) {
            zone = dns.createPublicZone("example.com");
        }
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void cleanupKeepsARecordACertificateInAnotherRegionStillNeeds() {
        Provisioned cloudFront = engine.provision(IN_US_EAST_1, CLOUDFRONT_OWNER);
        Provisioned alb = engine.provision(IN_EU_WEST_1, ALB_OWNER);
        Collection<String> records = engine.validationRecordNames(alb.arn()).values();
        assertThat(engine.validationRecordNames(cloudFront.arn()).values())
            .as("ACM (and moto) ask for the same records in both regions").containsExactlyInAnyOrderElementsOf(records);

        Release release = release(cloudFront, CLOUDFRONT_OWNER);

        assertThat(release.kind()).as("release of the us-east-1 certificate: %s", release.detail())
            .isEqualTo(Release.Kind.DELETED);
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id()).keySet())
                .as("the records the eu-west-1 certificate renews with stay in Route 53").containsAll(records);
        }
    }

    @Test
    void cleanupRemovesTheRecordsOnceNoCertificateInAnyRegionNeedsThem() {
        Provisioned cloudFront = engine.provision(IN_US_EAST_1, CLOUDFRONT_OWNER);
        Provisioned alb = engine.provision(IN_EU_WEST_1, ALB_OWNER);
        Collection<String> records = engine.validationRecordNames(alb.arn()).values();
        release(cloudFront, CLOUDFRONT_OWNER);

        Release release = release(alb, ALB_OWNER);

        assertThat(release.kind()).as("release of the eu-west-1 certificate: %s", release.detail())
            .isEqualTo(Release.Kind.DELETED);
        assertThat(release.recordsKept()).as("records kept? %s", release.detail()).isFalse();
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id()).keySet()).as("the last certificate's records are removed")
                .doesNotContainAnyElementsOf(records);
        }
    }

    @Test
    void cleanupAsksEveryRegionOfTheCertificatesPartitionOnce() {
        Provisioned cloudFront = engine.provision(IN_US_EAST_1, CLOUDFRONT_OWNER);
        List<ProxiedRequest> listings = engine.keepRequests("ListCertificates");
        engine.proxy().resetCounts();

        long started = System.nanoTime();
        Release release = release(cloudFront, CLOUDFRONT_OWNER);
        long millis = (System.nanoTime() - started) / 1_000_000;

        Set<String> asked = new TreeSet<>(listings.stream().map(CrossRegionCleanupTest::signingRegion).toList());
        System.out.printf("clean-up delete: %d ListCertificates calls in %d regions, %d calls in all, %d ms%n",
            listings.size(), asked.size(), engine.proxy().callLog().size(), millis);
        assertThat(release.recordsKept()).as("records kept? %s", release.detail()).isFalse();
        assertThat(asked).as("regions asked for their certificates")
            .contains("us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1", UNANSWERING_REGION)
            .noneMatch(region -> region.startsWith("cn-") || region.startsWith("us-gov-") || region.contains("-iso")
                || region.endsWith("-fips") || region.startsWith("aws-"));
        assertThat(listings).as("one ListCertificates per region (one page each)").hasSameSizeAs(asked);
    }

    static Stream<Arguments> regionFailures() {
        Map<String, Consumer<FaultRule>> failures = new LinkedHashMap<>();
        failures.put("throttling that outlasts the SDK's retries", FaultRule::throttle);
        failures.put("HTTP 500", rule -> rule.serverError(500));
        failures.put("a dropped connection", FaultRule::dropConnection);
        failures.put("AccessDeniedException (a policy that denies the region)", rule -> rule.throttle("AccessDeniedException"));
        return failures.entrySet().stream().map(failure -> Arguments.of(failure.getKey(), failure.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regionFailures")
    void cleanupKeepsEveryRecordWhenARegionCannotBeChecked(String failure, Consumer<FaultRule> fault) {
        Provisioned cloudFront = engine.provision(IN_US_EAST_1, CLOUDFRONT_OWNER);
        Collection<String> records = engine.validationRecordNames(cloudFront.arn()).values();
        engine.inject(proxy -> fault.accept(proxy.every("ListCertificates").when(signedFor(UNANSWERING_REGION))));

        Release release = release(cloudFront, CLOUDFRONT_OWNER);

        assertThat(release.kind()).as("the certificate itself is deleted: %s", release.detail())
            .isEqualTo(Release.Kind.DELETED);
        assertThat(release.recordsKept()).as("records kept after %s in %s", failure, UNANSWERING_REGION).isTrue();
        assertThat(release.detail()).as("the release says why the records stay").contains(UNANSWERING_REGION, "kept");
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id()).keySet())
                .as("a certificate in %s might need the records: they stay", UNANSWERING_REGION).containsAll(records);
        }
    }

    @Test
    void cleanupSkipsARegionTheAccountHasNotEnabled() {
        Provisioned cloudFront = engine.provision(IN_US_EAST_1, CLOUDFRONT_OWNER);
        Collection<String> records = engine.validationRecordNames(cloudFront.arn()).values();
        // What ACM answers in an opt-in region the account has not enabled.
        engine.inject(proxy -> proxy.every("ListCertificates").when(signedFor(UNANSWERING_REGION))
            .throttle("UnrecognizedClientException"));

        Release release = release(cloudFront, CLOUDFRONT_OWNER);

        assertThat(release.recordsKept()).as("records kept? %s", release.detail()).isFalse();
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id()).keySet()).as("no certificate can live in a region that is not enabled")
                .doesNotContainAnyElementsOf(records);
        }
    }

    private Release release(Provisioned provisioned, String owner) {
        return engine.certificates().release(CertificateArn.of(provisioned.arn()), owner, provisioned.plan().zones());
    }

    private static Map<String, Object> site(String region) {
        return Map.of("DomainName", "example.com", "SubjectAlternativeNames", List.of("www.example.com"),
            "Region", region, "CleanupValidationRecords", true);
    }

    /** Requests signed for {@code region}: with one endpoint for every region, the signature says which one is meant. */
    private static Predicate<ProxiedRequest> signedFor(String region) {
        return request -> region.equals(signingRegion(request));
    }

    private static String signingRegion(ProxiedRequest request) {
        String authorization = request.headers().entrySet().stream()
            .filter(header -> header.getKey().equalsIgnoreCase("Authorization"))
            .flatMap(header -> header.getValue().stream()).findFirst().orElse("");
        Matcher matcher = SIGNING_REGION.matcher(authorization);
        return matcher.find() ? matcher.group(1) : "";
    }
}
