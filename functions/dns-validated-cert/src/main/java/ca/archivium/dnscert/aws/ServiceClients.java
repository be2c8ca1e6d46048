package ca.archivium.dnscert.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the SDK clients once per process and hands them to the gateways. Endpoints, credentials and the
 * home region come from the SDK's standard sources ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL*},
 * the default credentials chain), which is also how tests point the clients at an emulator. Every client shares
 * one HTTP client and one credentials provider: in Lambda the credentials are fetched once per container, not once
 * per client.
 */
public final class ServiceClients implements AutoCloseable {
    /** What {@code UrlConnectionHttpClient.clientName()} says, for the SDK's user agent (checked by a test). */
    static final String URL_CONNECTION_CLIENT_NAME = "UrlConnection";

    private final Region homeRegion;
    private final DeferredDefaultTrust trust = new DeferredDefaultTrust();
    private final SdkHttpClient http;
    private final AwsCredentialsProvider ownCredentials;
    private final ClientOverrideConfiguration overrides;
    private final Map<Region, AcmClient> acm = new ConcurrentHashMap<>();
    private final Map<AwsCredentialsProvider, Route53Client> route53 = new ConcurrentHashMap<>();
    private volatile StsClient sts;
    private volatile SfnClient sfn;
    private volatile KmsClient kms;

    /**
     * The clients of this process: HTTP(S) to AWS (or {@code AWS_ENDPOINT_URL}), the default credentials chain,
     * {@link ClientTiming#standard()}.
     */
    public ServiceClients(Region homeRegion) {
        this(homeRegion, ClientTiming.standard());
    }

    /** As {@link #ServiceClients(Region)}, with other timeouts and backoff. */
    public ServiceClients(Region homeRegion, ClientTiming timing) {
        this(homeRegion, null, DefaultCredentialsProvider.builder().build(), timing);
    }

    /**
     * @param http        the HTTP client every SDK client uses; null for this process's own (url-connection, the
     *                    JDK's CA certificates loaded on the first handshake, the timing's connect and socket
     *                    timeouts), built on a thread of its own while this process goes on
     * @param credentials this process's own credentials, for every client
     */
    public ServiceClients(Region homeRegion, SdkHttpClient http, AwsCredentialsProvider credentials,
                          ClientTiming timing) {
        this.homeRegion = homeRegion;
        this.http = http != null ? http : BackgroundBuiltHttpClient.start(() -> UrlConnectionHttpClient.builder()
            .connectionTimeout(timing.connectTimeout())
            .socketTimeout(timing.socketTimeout())
            .tlsTrustManagersProvider(() -> new TrustManager[] {trust})
            .build(), URL_CONNECTION_CLIENT_NAME);
        this.ownCredentials = credentials;
        this.overrides = ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(timing.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(timing.backoffBase(), timing.maxBackoff()))
                .throttlingBackoffStrategy(
                    BackoffStrategy.exponentialDelay(timing.throttlingBackoffBase(), timing.maxBackoff()))
                .build())
            .apiCallAttemptTimeout(timing.attemptTimeout())
            .apiCallTimeout(timing.callTimeout())
            .build();
    }

    /** The region this process runs in: the default target of certificates. */
    public Region homeRegion() {
        return homeRegion;
    }

    /**
     * Loads the CA certificates now rather than on the first TLS handshake: priming does this before a SnapStart
     * snapshot, so that restored environments start with them.
     */
    public void loadTrustedCertificates() {
        trust.getAcceptedIssuers();
    }

    /** ACM in {@code region} (certificates for CloudFront live in us-east-1, whatever the stack's region). */
    public AcmClient acm(Region region) {
        return acm.computeIfAbsent(region, r -> AcmClient.builder()
            .region(r).credentialsProvider(ownCredentials).httpClient(http).overrideConfiguration(overrides)
            .build());
    }

    /**
     * Route 53 (a global service) with the given credentials, in this process's partition. Built with the home
     * region, not {@code aws-global}: the SDK's endpoint rules turn any region of a partition into that partition's
     * one endpoint and signing region ({@code route53.amazonaws.com} for us-east-1 in aws,
     * {@code route53.amazonaws.com.cn} for cn-northwest-1 in aws-cn, {@code route53.us-gov.amazonaws.com} for
     * us-gov-west-1 in aws-us-gov), where {@code aws-global} would send aws-cn or aws-us-gov credentials to aws.
     */
    public Route53Client route53(AwsCredentialsProvider credentials) {
        return route53.computeIfAbsent(credentials, c -> Route53Client.builder()
            .region(homeRegion).credentialsProvider(c).httpClient(http).overrideConfiguration(overrides).build());
    }

    /** Route 53 with this process's own credentials. */
    public Route53Client route53() {
        return route53(ownCredentials);
    }

    public StsClient sts() {
        if (sts == null) {
            synchronized (this) {
                if (sts == null) {
                    sts = StsClient.builder().region(homeRegion).credentialsProvider(ownCredentials).httpClient(http)
                        .overrideConfiguration(overrides).build();
                }
            }
        }
        return sts;
    }

    public SfnClient sfn() {
        if (sfn == null) {
            synchronized (this) {
                if (sfn == null) {
                    sfn = SfnClient.builder().region(homeRegion).credentialsProvider(ownCredentials).httpClient(http)
                        .overrideConfiguration(overrides).build();
                }
            }
        }
        return sfn;
    }

    /** KMS in the home region: seals the ResponseURL carried by the wait loop. */
    public KmsClient kms() {
        if (kms == null) {
            synchronized (this) {
                if (kms == null) {
                    kms = KmsClient.builder().region(homeRegion).credentialsProvider(ownCredentials).httpClient(http)
                        .overrideConfiguration(overrides).build();
                }
            }
        }
        return kms;
    }

    @Override
    public void close() {
        acm.values().forEach(AcmClient::close);
        route53.values().forEach(Route53Client::close);
        if (sts != null) {
            sts.close();
        }
        if (sfn != null) {
            sfn.close();
        }
        if (kms != null) {
            kms.close();
        }
        http.close();
    }
}
