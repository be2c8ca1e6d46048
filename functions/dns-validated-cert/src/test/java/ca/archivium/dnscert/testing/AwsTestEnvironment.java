package ca.archivium.dnscert.testing;

import ca.archivium.dnscert.aws.ClientTiming;
import ca.archivium.dnscert.dns.PublicDns;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Points AWS SDK clients at an emulated AWS (moto, usually through a {@link FaultProxy}).
 *
 * <p>Code under test is reached the standard way, with no switch of its own: {@link #applySystemProperties()} sets
 * {@code aws.endpointUrl}, {@code aws.region} and static credentials, which the SDK's default endpoint, region and
 * credential resolution honour for every client built afterwards. {@link #environmentVariables()} does the same for a
 * child process. Tests' own clients come from {@link #acm()}, {@link #route53()} and friends.
 */
public final class AwsTestEnvironment {

    /** The account moto serves to the default test credentials. */
    public static final String DEFAULT_ACCOUNT = "123456789012";
    /** The region the default clients use. */
    public static final Region REGION = Region.EU_WEST_1;
    private static final AwsBasicCredentials TEST_CREDENTIALS = AwsBasicCredentials.create("test", "test");
    /**
     * The product's {@link ClientTiming#standard()} with every timeout and backoff a fifth as long, for the
     * product's clients in tests: the same attempts, retries and time-outs happen, the waits between them are
     * shorter. A fifth still leaves moto, on a busy machine, seconds per answer.
     */
    public static final ClientTiming CLIENT_TIMING = fifthOf(ClientTiming.standard());

    private final URI endpoint;

    /** An environment whose requests all go to {@code endpoint}. */
    public AwsTestEnvironment(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Where every request goes. */
    public URI endpoint() {
        return endpoint;
    }

    private static ClientTiming fifthOf(ClientTiming timing) {
        return new ClientTiming(timing.maxAttempts(), timing.connectTimeout().dividedBy(5),
            timing.socketTimeout().dividedBy(5), timing.attemptTimeout().dividedBy(5), timing.callTimeout().dividedBy(5),
            timing.backoffBase().dividedBy(5), timing.throttlingBackoffBase().dividedBy(5),
            timing.maxBackoff().dividedBy(5));
    }

    /** The SDK system properties that send default-built clients to {@link #endpoint()}. */
    public Map<String, String> systemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aws.endpointUrl", endpoint.toString());
        properties.put("aws.region", REGION.id());
        properties.put("aws.accessKeyId", TEST_CREDENTIALS.accessKeyId());
        properties.put("aws.secretAccessKey", TEST_CREDENTIALS.secretAccessKey());
        // moto's zones exist in no public DNS: tests that check DNS start a DNS server of their own and say so.
        properties.put(PublicDns.RESOLVER_PROPERTY, "off");
        return properties;
    }

    /** The same settings as environment variables, for a child process (a CLI run, a state machine runner). */
    public Map<String, String> environmentVariables() {
        return Map.of(
                "AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_REGION", REGION.id(),
                "AWS_DEFAULT_REGION", REGION.id(),
                "AWS_ACCESS_KEY_ID", TEST_CREDENTIALS.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", TEST_CREDENTIALS.secretAccessKey(),
                PublicDns.RESOLVER_VARIABLE, "off");
    }

    /**
     * Sets {@link #systemProperties()} until the returned scope is closed, which restores the previous values.
     * Clients must be built inside the scope; the SDK reads these settings when a client is built.
     */
    public AppliedSystemProperties applySystemProperties() {
        return AppliedSystemProperties.apply(systemProperties());
    }

    /** An ACM client in {@link #REGION} with the default test credentials. */
    public AcmClient acm() {
        return acm(REGION);
    }

    /** An ACM client in the given region (certificates live per region, in moto as in AWS). */
    public AcmClient acm(Region region) {
        return AcmClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(TEST_CREDENTIALS))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A Route 53 client of the default account. */
    public Route53Client route53() {
        return route53(StaticCredentialsProvider.create(TEST_CREDENTIALS));
    }

    /** A Route 53 client acting with the given credentials, e.g. from {@link #assumeRole}. */
    public Route53Client route53(AwsCredentialsProvider credentials) {
        // Route 53 is global; the SDK signs it for aws-global whatever region the client has.
        return Route53Client.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An STS client of the default account. */
    public StsClient sts() {
        return StsClient.builder().endpointOverride(endpoint).region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(TEST_CREDENTIALS))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A KMS client of the default account. */
    public KmsClient kms() {
        return KmsClient.builder().endpointOverride(endpoint).region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(TEST_CREDENTIALS))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A Step Functions client of the default account. */
    public SfnClient sfn() {
        return SfnClient.builder().endpointOverride(endpoint).region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(TEST_CREDENTIALS))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * Credentials of {@code arn:aws:iam::<accountId>:role/<roleName>} from STS AssumeRole. moto keeps accounts
     * apart: these credentials see only that account's resources.
     */
    public AwsCredentialsProvider assumeRole(String accountId, String roleName) {
        try (StsClient sts = sts()) {
            Credentials credentials = sts.assumeRole(request -> request
                    .roleArn("arn:aws:iam::" + accountId + ":role/" + roleName)
                    .roleSessionName("integration-test")).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        }
    }

    /** Route 53 fixtures in the default account. */
    public Route53Fixtures route53Fixtures() {
        return new Route53Fixtures(route53());
    }

    /** Route 53 fixtures in another account, reached through the given role there. */
    public Route53Fixtures route53Fixtures(String accountId, String roleName) {
        return new Route53Fixtures(route53(assumeRole(accountId, roleName)));
    }

    /** System properties set by {@link #applySystemProperties()} or {@link #apply}; closing puts the previous values back. */
    public static final class AppliedSystemProperties implements AutoCloseable {
        private final Map<String, String> previous;

        private AppliedSystemProperties(Map<String, String> previous) {
            this.previous = previous;
        }

        /** Sets {@code properties}, remembering what they were. */
        public static AppliedSystemProperties apply(Map<String, String> properties) {
            Map<String, String> previous = new HashMap<>();
            properties.forEach((name, value) -> {
                previous.put(name, System.getProperty(name));
                System.setProperty(name, value);
            });
            return new AppliedSystemProperties(previous);
        }

        @Override
        public void close() {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }
}
