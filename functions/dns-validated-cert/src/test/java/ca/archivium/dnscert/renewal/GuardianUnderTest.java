package ca.archivium.dnscert.renewal;

import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.acm.AcmGateway;
import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.api.Provisioned;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.dns.RoleSessions;
import ca.archivium.dnscert.lambda.GuardianHandler;
import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.ProxiedMoto;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.testing.conformance.AwsConformanceLayer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The product as deployed, over moto behind a fault proxy and the conformance layer: the engine that provisions
 * certificates (and records their zones on them, as the resource does), and the renewal guardian's Lambda handler over
 * clients built the production way, logging into memory. Set-up and inspection go past the proxy, uncounted.
 */
final class GuardianUnderTest implements AutoCloseable {
    /** The regions a survey asks: the test region and CloudFront's. */
    static final List<String> REGIONS = List.of(AwsTestEnvironment.REGION.id(), "us-east-1");
    static final String DNS_ACCOUNT = "222222222222";
    static final String DNS_ROLE = "arn:aws:iam::" + DNS_ACCOUNT + ":role/dns-validation";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGNING_REGION = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/");

    private final ProxiedMoto aws;
    private final ServiceClients clients;
    private final DnsValidatedCertificates engine;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final GuardianHandler handler;

    private GuardianUnderTest(ProxiedMoto aws, PublicDns publicDns) {
        this.aws = aws;
        this.clients = new ServiceClients(AwsTestEnvironment.REGION, AwsTestEnvironment.CLIENT_TIMING);
        // The engine's short waits are skipped, and AWS's time moves on by as much (ACM's delays pass).
        this.engine = new DnsValidatedCertificates(clients, aws.conformance().time()::elapse, PublicDns.OFF);
        RoleSessions roles = new RoleSessions(clients);
        RenewalGuardian guardian = new RenewalGuardian(region -> new AcmGateway(clients.acm(Region.of(region))),
            roles::route53, publicDns, Clock.systemUTC(), Duration.ofSeconds(60));
        this.handler = new GuardianHandler(guardian, REGIONS,
            new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    /** moto wiped, behind a fresh proxy; the guardian asks public DNS through {@code publicDns}. */
    static GuardianUnderTest start(Emulators emulators, PublicDns publicDns) {
        return new GuardianUnderTest(emulators.freshMotoBehindProxy(), publicDns);
    }

    /** A public hosted zone in the test account. */
    HostedZoneFixture zone(String name) {
        try (Route53Fixtures dns = ownDns()) {
            return dns.createPublicZone(name);
        }
    }

    /** A public hosted zone in {@link #DNS_ACCOUNT}. */
    HostedZoneFixture dnsAccountZone(String name) {
        try (Route53Fixtures dns = dnsAccount()) {
            return dns.createPublicZone(name);
        }
    }

    Route53Fixtures ownDns() {
        return aws.direct().route53Fixtures();
    }

    Route53Fixtures dnsAccount() {
        return aws.direct().route53Fixtures(DNS_ACCOUNT, "dns-validation");
    }

    /**
     * A certificate provisioned as the resource provisions it (zones planned, requested with its tags, records
     * written), then issued: ACM's delays passed.
     */
    String provision(Map<String, ?> properties, String owner) {
        CertificateProperties parsed = PropertyParser.parse(properties);
        Provisioned provisioned = engine.provision(parsed, engine.plan(parsed), owner, "request-" + owner);
        aws.conformance().passAcmDelays();
        engine.writeValidationRecords(CertificateArn.of(provisioned.arn()), provisioned.plan().zones());
        return provisioned.arn();
    }

    /** A certificate requested with ACM directly, by another tool, without tags; ACM's delays passed. */
    String requestedElsewhere(String domainName) {
        try (AcmClient acm = aws.direct().acm()) {
            String arn = acm.requestCertificate(b -> b.domainName(domainName)
                .validationMethod(software.amazon.awssdk.services.acm.model.ValidationMethod.DNS)).certificateArn();
            aws.conformance().passAcmDelays();
            return arn;
        }
    }

    /** What ACM asks to be written for the certificate: record name → value, lower case, no final dot. */
    Map<String, String> validationRecords(String arn) {
        Map<String, String> records = new LinkedHashMap<>();
        try (AcmClient acm = aws.direct().acm(Region.of(arn.split(":")[3]))) {
            for (DomainValidation v : acm.describeCertificate(b -> b.certificateArn(arn)).certificate().domainValidationOptions()) {
                records.put(Route53Fixtures.bare(v.resourceRecord().name()), Route53Fixtures.bare(v.resourceRecord().value()));
            }
        }
        return records;
    }

    /** Deletes a certificate behind the product's back. */
    void deleteCertificate(String arn) {
        try (AcmClient acm = aws.direct().acm(Region.of(arn.split(":")[3]))) {
            acm.deleteCertificate(b -> b.certificateArn(arn));
        }
    }

    Map<String, String> tags(String arn) {
        try (AcmClient acm = aws.direct().acm(Region.of(arn.split(":")[3]))) {
            Map<String, String> tags = new LinkedHashMap<>();
            acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
            return tags;
        }
    }

    /** The CNAME records of a zone: name → value, lower case, no final dot. */
    static Map<String, String> cnames(Route53Fixtures dns, String zoneId) {
        return dns.cnames(zoneId);
    }

    /** Deletes a record behind the product's back. */
    void deleteRecord(Route53Fixtures dns, String zoneId, String name) {
        dns.deleteRecord(zoneId, name, RRType.CNAME);
    }

    /** Invokes the guardian's handler with {@code events/<file>} as Lambda would; its answer, as JSON. */
    JsonNode invoke(String eventFile) {
        return invoke(event(eventFile));
    }

    JsonNode invoke(JsonNode event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), answer, null);
            return JSON.readTree(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event in the repository's {@code events/} folder. */
    static ObjectNode event(String file) {
        try {
            Path events = CloudFormationSimulator.eventsDirectory();
            return (ObjectNode) JSON.readTree(Files.readAllBytes(events.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line the guardian logged, parsed. */
    List<JsonNode> logLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logged.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("a log line that is not JSON: " + line, e);
                }
            }
        }
        return lines;
    }

    /** The value the guardian's last run gave an EMF metric. */
    double metric(String name) {
        List<JsonNode> values = logLines().stream().filter(l -> l.has("_aws") && l.has(name)).toList();
        if (values.isEmpty()) {
            throw new AssertionError("no " + name + " metric in the log: " + logged.toString(StandardCharsets.UTF_8));
        }
        return values.get(values.size() - 1).path(name).asDouble();
    }

    /** The guardian's line about one certificate. */
    JsonNode lineAbout(String arn) {
        return logLines().stream().filter(l -> arn.equals(l.path("certificateArn").asText()) && l.has("Records"))
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no line about " + arn + ": " + logged.toString(StandardCharsets.UTF_8)));
    }

    FaultProxy proxy() {
        return aws.proxy();
    }

    AwsConformanceLayer conformance() {
        return aws.conformance();
    }

    /** Starts keeping every request of {@code operation} that reaches the proxy. */
    List<ProxiedRequest> keepRequests(String operation) {
        List<ProxiedRequest> kept = new CopyOnWriteArrayList<>();
        // A rule whose condition never holds sees each request of the operation and changes none.
        aws.proxy().every(operation).when(request -> {
            kept.add(request);
            return false;
        }).throttle();
        return kept;
    }

    /** The region a request is signed for (its credential scope). */
    static String signingRegion(ProxiedRequest request) {
        Matcher credential = SIGNING_REGION.matcher(request.headers().entrySet().stream()
            .filter(header -> header.getKey().equalsIgnoreCase("Authorization"))
            .map(header -> header.getValue().get(0)).findFirst().orElse(""));
        return credential.find() ? credential.group(1) : "";
    }


    @Override
    public void close() {
        clients.close();
    }
}
