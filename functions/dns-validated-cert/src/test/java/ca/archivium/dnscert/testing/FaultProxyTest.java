package ca.archivium.dnscert.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sts.StsClient;

@IntegrationTest
class FaultProxyTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private FaultProxy proxy;
    private AwsTestEnvironment aws;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = FaultProxy.start(ISSUED_AT_ONCE.freshMoto().endpoint());
        aws = new AwsTestEnvironment(proxy.endpoint());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void countsEveryCallPerOperation() {
        try (AcmClient acm = aws.acm(); Route53Client route53 = aws.route53(); StsClient sts = aws.sts()) {
            String arn = requestCertificate(acm, "www.example.com");
            acm.describeCertificate(request -> request.certificateArn(arn));
            acm.describeCertificate(request -> request.certificateArn(arn));
            route53.listHostedZonesByName(request -> request.dnsName("example.com"));
            sts.getCallerIdentity();
        }

        assertThat(proxy.calls()).as("calls per operation").containsExactlyInAnyOrderEntriesOf(Map.of(
                "RequestCertificate", 1, "DescribeCertificate", 2, "ListHostedZonesByName", 1,
                "GetCallerIdentity", 1));
        proxy.resetCounts();
        assertThat(proxy.calls()).as("counts after resetCounts").isEmpty();
    }

    @Test
    void throttledCallsAreRetriedBySdkAndSucceed() {
        proxy.next(2, "DescribeCertificate").throttle();
        proxy.next(1, "ListHostedZonesByName").throttle();
        proxy.next(1, "GetCallerIdentity").throttle();

        try (AcmClient acm = aws.acm(); Route53Client route53 = aws.route53(); StsClient sts = aws.sts()) {
            String arn = requestCertificate(acm, "www.example.com");
            assertThat(acm.describeCertificate(request -> request.certificateArn(arn)).certificate().certificateArn())
                    .isEqualTo(arn);
            route53.listHostedZonesByName(request -> request.dnsName("example.com"));
            assertThat(sts.getCallerIdentity().account()).isEqualTo(AwsTestEnvironment.DEFAULT_ACCOUNT);
        }

        assertThat(proxy.calls("DescribeCertificate")).as("two throttled attempts, then the answer").isEqualTo(3);
        assertThat(proxy.calls("ListHostedZonesByName")).as("one throttled attempt, then the answer").isEqualTo(2);
        assertThat(proxy.calls("GetCallerIdentity")).as("one throttled attempt, then the answer").isEqualTo(2);
    }

    @Test
    void persistentThrottlingSurfacesAsThrottlingErrorOfEachProtocol() {
        proxy.every(FaultProxy.ANY_OPERATION).throttle();

        try (AcmClient acm = aws.acm(); Route53Client route53 = aws.route53(); StsClient sts = aws.sts()) {
            assertThrottled(() -> acm.listCertificates(), "ThrottlingException");
            assertThrottled(() -> route53.listHostedZones(), "Throttling");
            assertThrottled(() -> sts.getCallerIdentity(), "Throttling");
        }
        assertThat(proxy.calls("ListCertificates")).as("the SDK retried before giving up").isGreaterThan(1);
    }

    @Test
    void route53PriorRequestNotCompleteIsRetriedBySdk() {
        proxy.next(1, "ListHostedZones").throttle("PriorRequestNotComplete");

        try (Route53Client route53 = aws.route53()) {
            route53.listHostedZones();
        }

        assertThat(proxy.calls("ListHostedZones")).as("one refused attempt, then the answer").isEqualTo(2);
    }

    @Test
    void serverErrorsAreRetriedBySdk() {
        proxy.next(1, "ListCertificates").serverError(500);
        proxy.next(1, "ListHostedZones").serverError(503);

        try (AcmClient acm = aws.acm(); Route53Client route53 = aws.route53()) {
            acm.listCertificates();
            route53.listHostedZones();
        }

        assertThat(proxy.calls("ListCertificates")).as("500, then the answer").isEqualTo(2);
        assertThat(proxy.calls("ListHostedZones")).as("503, then the answer").isEqualTo(2);
    }

    @Test
    void droppedConnectionIsRetriedBySdkThenSucceeds() {
        proxy.next(1, "ListCertificates").dropConnection();

        try (AcmClient acm = aws.acm()) {
            acm.listCertificates();
        }

        assertThat(proxy.calls("ListCertificates")).as("dropped attempt, then the answer").isGreaterThanOrEqualTo(2);
    }

    @Test
    void droppedConnectionReachesClientsAsIOException() {
        proxy.every(FaultProxy.ANY_OPERATION).dropConnection();
        HttpClient http = HttpClient.newHttpClient();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/moto-api/")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .as("java.net.http sees the connection closed without an answer").isInstanceOf(IOException.class);
        try (AcmClient acm = aws.acm()) {
            assertThatThrownBy(acm::listCertificates).as("the SDK gives up after its retries")
                    .isInstanceOf(SdkClientException.class).hasRootCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void withheldResourceRecordsAppearAfterTheFirstDescribes() {
        try (AcmClient acm = aws.acm()) {
            String arn = requestCertificate(acm, "example.com", "www.example.com", "dev.example.com");
            proxy.next(2, "DescribeCertificate").withholdResourceRecords(ResourceRecordWithholding.ALL);

            assertThat(namesWithRecord(acm, arn)).as("first describe: ACM has not published records").isEmpty();
            assertThat(namesWithRecord(acm, arn)).as("second describe: still none").isEmpty();
            assertThat(namesWithRecord(acm, arn)).as("third describe: every name has its record")
                    .containsExactlyInAnyOrder("example.com", "www.example.com", "dev.example.com");
        }
    }

    @Test
    void partiallyWithheldResourceRecordsLeaveOnlyTheFirstName() {
        try (AcmClient acm = aws.acm()) {
            String arn = requestCertificate(acm, "example.com", "www.example.com");
            proxy.next(1, "DescribeCertificate").withholdResourceRecords(ResourceRecordWithholding.ALL_BUT_FIRST);

            assertThat(namesWithRecord(acm, arn)).as("partial answer: only the first listed name").hasSize(1);
            assertThat(namesWithRecord(acm, arn)).as("full answer")
                    .containsExactlyInAnyOrder("example.com", "www.example.com");
        }
    }

    @Test
    void delayedAnswerOutlastsAShorterAttemptTimeout() {
        proxy.every("ListCertificates").delay(Duration.ofSeconds(3));

        try (AcmClient acm = AcmClient.builder().endpointOverride(proxy.endpoint())
                .region(AwsTestEnvironment.REGION)
                .credentialsProvider(() -> AwsBasicCredentials.create("test", "test"))
                .overrideConfiguration(config -> config.apiCallAttemptTimeout(Duration.ofMillis(200))
                        .retryStrategy(strategy -> strategy.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(acm::listCertificates).isInstanceOf(ApiCallAttemptTimeoutException.class);
        }
    }

    @Test
    void testCanAnswerARequestItself() {
        proxy.every("DescribeCertificate")
                .when(request -> request.bodyText().contains("certificate/missing"))
                .reply(request -> ProxyReply.awsError(request.call(), 400, "Sender", "ResourceNotFoundException",
                        "Could not find certificate"));

        try (AcmClient acm = aws.acm()) {
            String arn = requestCertificate(acm, "www.example.com");
            acm.describeCertificate(request -> request.certificateArn(arn));
            assertThatThrownBy(() -> acm.describeCertificate(request -> request.certificateArn(
                    "arn:aws:acm:eu-west-1:123456789012:certificate/missing")))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Could not find certificate");
        }
    }

    @Test
    void clearedFaultsLetRequestsThrough() {
        proxy.every(FaultProxy.ANY_OPERATION).serverError(500);
        proxy.clearFaults();

        try (AcmClient acm = aws.acm()) {
            acm.listCertificates();
        }

        assertThat(proxy.calls("ListCertificates")).as("answered at the first attempt").isEqualTo(1);
    }

    @Test
    void callsAreCountedPerAccessKey() {
        try (Route53Client mine = aws.route53();
             Route53Fixtures dnsAccount = aws.route53Fixtures("222222222222", "dns-validation")) {
            mine.listHostedZones();
            dnsAccount.zones();
            dnsAccount.zones();
        }

        String assumedKey = proxy.callLog().stream().filter(call -> call.operation().equals("ListHostedZones"))
                .map(AwsCall::accessKeyId).filter(key -> !key.equals("test")).findFirst().orElseThrow();
        assertThat(proxy.calls("ListHostedZones", "test")).as("calls with the default key").isEqualTo(1);
        assertThat(proxy.calls("ListHostedZones", assumedKey)).as("calls with the assumed role's key").isEqualTo(2);
        assertThat(proxy.calls("AssumeRole")).isEqualTo(1);
    }

    private static void assertThrottled(Runnable call, String expectedCode) {
        assertThatThrownBy(call::run)
                .as("a persistent throttle must surface as %s after the SDK's retries", expectedCode)
                .isInstanceOfSatisfying(AwsServiceException.class, error -> {
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo(expectedCode);
                    assertThat(error.isThrottlingException()).as("SDK recognises it as throttling").isTrue();
                });
    }

    /** A certificate requested, and ACM's delays passed: ACM knows it and has given its records. */
    private static String requestCertificate(AcmClient acm, String domainName, String... alternativeNames) {
        String arn = acm.requestCertificate(request -> request.domainName(domainName)
                .subjectAlternativeNames(alternativeNames.length == 0 ? null : List.of(alternativeNames))
                .validationMethod(ValidationMethod.DNS)).certificateArn();
        ISSUED_AT_ONCE.conformance().passAcmDelays();
        return arn;
    }

    private static List<String> namesWithRecord(AcmClient acm, String arn) {
        return acm.describeCertificate(request -> request.certificateArn(arn)).certificate()
                .domainValidationOptions().stream()
                .filter(option -> Objects.nonNull(option.resourceRecord()))
                .map(DomainValidation::domainName)
                .toList();
    }
}
