package ca.archivium.dnscert.api;

import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.testing.ProxiedMoto;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.testing.conformance.AwsConformanceLayer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;

/**
 * The engine wired as production wires it ({@code new ServiceClients(region)} with the SDK's default endpoint,
 * region and credential resolution), talking to a real moto through a {@link FaultProxy} that counts calls and
 * injects faults. Tests set up and inspect AWS state through {@link #direct()}, which bypasses the proxy, so
 * their own calls neither count nor meet injected faults.
 */
final class EngineUnderTest implements AutoCloseable {
    /** The DNS account of the cross-account tests, reached through an assumed role. */
    static final String DNS_ACCOUNT = "222222222222";
    static final String DNS_ROLE_NAME = "dns-validation";
    static final String DNS_ACCOUNT_ROLE = "arn:aws:iam::" + DNS_ACCOUNT + ":role/" + DNS_ROLE_NAME;
    static final String OWN_ACCOUNT_ROLE = "arn:aws:iam::" + AwsTestEnvironment.DEFAULT_ACCOUNT + ":role/" + DNS_ROLE_NAME;
    /** The access key id of the default test credentials (the function's own). */
    static final String OWN_ACCESS_KEY = "test";

    private final FaultProxy proxy;
    private final ServiceClients clients;
    private final DnsValidatedCertificates certificates;
    private final AwsTestEnvironment direct;
    private final AwsConformanceLayer conformance;
    private final List<Consumer<FaultProxy>> keepers = new ArrayList<>();
    private final List<Consumer<FaultProxy>> faults = new ArrayList<>();

    private EngineUnderTest(ProxiedMoto aws, ServiceClients clients) {
        this.proxy = aws.proxy();
        this.clients = clients;
        // The engine's short waits are skipped, but AWS's time moves on by as much (ACM's delays pass).
        this.certificates = new DnsValidatedCertificates(clients, aws.conformance().time()::elapse);
        this.direct = aws.direct();
        this.conformance = aws.conformance();
        installRules();
    }

    /**
     * The engine with {@code homeRegion}, over the emulators' moto wiped and behind a fresh proxy; the SDK
     * settings the engine's lazily built clients read stay applied until the test ends.
     */
    static EngineUnderTest start(Emulators emulators, Region homeRegion) {
        return new EngineUnderTest(emulators.freshMotoBehindProxy(),
            new ServiceClients(homeRegion, AwsTestEnvironment.CLIENT_TIMING));
    }

    static EngineUnderTest start(Emulators emulators) {
        return start(emulators, AwsTestEnvironment.REGION);
    }

    DnsValidatedCertificates certificates() {
        return certificates;
    }

    /** The proxy, for its call counts; faults go through {@link #inject}. */
    FaultProxy proxy() {
        return proxy;
    }

    /** Clients that reach AWS without the proxy: set-up and inspection. */
    AwsTestEnvironment direct() {
        return direct;
    }

    /**
     * A certificate requested with ACM directly, as another tool did some time ago: ACM's delays have passed, it
     * knows the certificate and has given its records.
     */
    String certificateRequestedElsewhere(Consumer<RequestCertificateRequest.Builder> request) {
        try (AcmClient acm = direct.acm()) {
            String arn = acm.requestCertificate(request).certificateArn();
            conformance.passAcmDelays();
            return arn;
        }
    }

    /** The conformance layer behind the proxy: ACM's delays and the scripts a test sets. */
    AwsConformanceLayer conformance() {
        return conformance;
    }

    static CertificateProperties properties(Map<String, ?> raw) {
        return PropertyParser.parse(raw);
    }

    /** Plans then provisions, as the Create handler does. */
    Provisioned provision(Map<String, ?> raw, String owner) {
        CertificateProperties properties = properties(raw);
        return certificates.provision(properties, certificates.plan(properties), owner, "request-" + owner);
    }

    /** Route 53 of the default account, bypassing the proxy. */
    Route53Fixtures ownDns() {
        return direct.route53Fixtures();
    }

    /** Route 53 of {@link #DNS_ACCOUNT}, bypassing the proxy. */
    Route53Fixtures dnsAccount() {
        return direct.route53Fixtures(DNS_ACCOUNT, DNS_ROLE_NAME);
    }

    /** Every certificate in the region, whatever its status or key algorithm, read with the real SDK. */
    List<String> certificateArns(Region region) {
        try (AcmClient acm = direct.acm(region)) {
            return acm.listCertificatesPaginator(b -> b.includes(i -> i.keyTypes(KeyAlgorithm.knownValues())))
                .certificateSummaryList().stream().map(CertificateSummary::certificateArn).toList();
        }
    }

    CertificateDetail describe(String arn) {
        try (AcmClient acm = direct.acm(regionOf(arn))) {
            return acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
        }
    }

    Map<String, String> tags(String arn) {
        try (AcmClient acm = direct.acm(regionOf(arn))) {
            Map<String, String> tags = new LinkedHashMap<>();
            acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
            return tags;
        }
    }

    /** What ACM asks to be written, name by name: domain name to "record name → value", lower case, no final dot. */
    Map<String, String> validationRecordNames(String arn) {
        Map<String, String> names = new LinkedHashMap<>();
        for (DomainValidation v : describe(arn).domainValidationOptions()) {
            names.put(v.domainName().toLowerCase(Locale.ROOT), Route53Fixtures.bare(v.resourceRecord().name()));
        }
        return names;
    }

    /** The value ACM asks for under {@code recordName}. */
    String validationValue(String arn, String recordName) {
        return describe(arn).domainValidationOptions().stream()
            .filter(v -> Route53Fixtures.bare(v.resourceRecord().name()).equals(recordName))
            .map(v -> Route53Fixtures.bare(v.resourceRecord().value())).findFirst().orElseThrow();
    }

    /** The CNAME records of a zone: name → value, lower case, no final dot. */
    static Map<String, String> cnames(Route53Fixtures dns, String zoneId) {
        return dns.cnames(zoneId);
    }

    /** Starts keeping every request of {@code operation} that reaches the proxy, faulty or not. */
    List<ProxiedRequest> keepRequests(String operation) {
        List<ProxiedRequest> kept = new CopyOnWriteArrayList<>();
        // A rule whose condition never holds sees each request of the operation and changes none of them.
        keepers.add(proxy -> proxy.every(operation).when(request -> {
            kept.add(request);
            return false;
        }).throttle());
        installRules();
        return kept;
    }

    /** Adds a fault, such as {@code proxy -> proxy.next(2, "AssumeRole").throttle()}. */
    void inject(Consumer<FaultProxy> fault) {
        faults.add(fault);
        installRules();
    }

    /** Removes the injected faults; later calls reach moto unchanged. */
    void clearFaults() {
        faults.clear();
        installRules();
    }

    // The proxy hands a request to the first rule that claims it: keepers must see everything, faults must come
    // before the rules that answer for moto.
    private void installRules() {
        proxy.clearFaults();
        keepers.forEach(keeper -> keeper.accept(proxy));
        faults.forEach(fault -> fault.accept(proxy));
    }

    /** The role ARN of an AssumeRole request (query protocol: a form-encoded body). */
    static String roleArnOf(ProxiedRequest assumeRole) {
        for (String pair : assumeRole.bodyText().split("&")) {
            if (pair.startsWith("RoleArn=")) {
                return URLDecoder.decode(pair.substring("RoleArn=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("AssumeRole request without RoleArn: " + assumeRole.bodyText());
    }

    /** The hosted zone id a ChangeResourceRecordSets request writes to (the path names it). */
    static String zoneIdOf(ProxiedRequest change) {
        String path = change.pathAndQuery();
        String afterZone = path.substring(path.indexOf("/hostedzone/") + "/hostedzone/".length());
        return afterZone.substring(0, afterZone.indexOf('/'));
    }

    /** How many changes one ChangeResourceRecordSets request holds. */
    static int changeCount(ProxiedRequest change) {
        return change.bodyText().split("<Change>", -1).length - 1;
    }

    static Region regionOf(String arn) {
        return Region.of(arn.split(":")[3]);
    }


    @Override
    public void close() {
        clients.close();
    }
}
