package ca.archivium.dnscert.lambda;

import ca.archivium.dnscert.acm.AcmGateway;
import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.dns.RoleSessions;
import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.renewal.GuardianLog;
import ca.archivium.dnscert.renewal.GuardianReport;
import ca.archivium.dnscert.renewal.RenewalGuardian;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * Lambda entry of the renewal guardian: the daily schedule and ACM's "ACM Certificate Renewal Action Required"
 * events (EventBridge, source {@code aws.acm}, the certificate's ARN in {@code resources}: ACM User Guide, "Amazon
 * EventBridge support for ACM"). An ACM event has the certificates it names checked; any other event (the schedule's
 * {@code Scheduled Event}, a test invocation) has every certificate of the product checked in every ACM region of the
 * partition. Either way missing validation records are written again. Its answer is the run's summary; when a region
 * could not be asked it fails, after the rest was checked and logged.
 */
public final class GuardianHandler implements RequestStreamHandler {
    private final RenewalGuardian guardian;
    private final List<String> regions;
    private final JsonLog log;

    public GuardianHandler() {
        this(fromEnvironment(), RenewalGuardian.regionsOf(Container.homeRegion().id()), JsonLog.toStandardOutput());
    }

    /** @param regions the regions a survey asks */
    public GuardianHandler(RenewalGuardian guardian, List<String> regions, JsonLog log) {
        this.guardian = guardian;
        this.regions = List.copyOf(regions);
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (JsonLog.Scope invocation = log.invocation(Invocations.idOf(context))) {
            List<String> named = certificatesNamed(input.readAllBytes());
            GuardianReport report = named.isEmpty() ? guardian.survey(regions, true) : guardian.check(named, true);
            GuardianLog.write(log, report, named.isEmpty());
            if (!report.unchecked().isEmpty()) {
                // The certificates there went unchecked: a failed invocation is what the template's alarm on the
                // function's Errors watches. The template turns Lambda's retries of it off: each would redo the survey.
                throw new IllegalStateException("the certificates of " + report.unchecked().size() + " region"
                    + (report.unchecked().size() == 1 ? "" : "s") + " could not be checked: " + report.unchecked());
            }
            output.write(JsonTrees.writeBytes(JsonTrees.of(report.summary())));
        }
    }

    /** The certificate ARNs of an ACM event; none for any other event (or one that is not JSON). */
    public static List<String> certificatesNamed(byte[] event) {
        List<String> arns = new ArrayList<>();
        try {
            JsonNode tree = JsonTrees.read(event);
            if ("aws.acm".equals(tree.path("source").asText())) {
                tree.path("resources").forEach(resource -> {
                    if (CertificateArn.parse(resource.asText()).isPresent()) {
                        arns.add(resource.asText());
                    }
                });
            }
        } catch (IOException notJson) {
            // Not an event from EventBridge: survey everything.
        }
        return arns;
    }

    /** Clients built once per container, as the other handlers' ({@link Container}). */
    private static RenewalGuardian fromEnvironment() {
        ServiceClients clients = new ServiceClients(Container.homeRegion());
        RoleSessions roles = new RoleSessions(clients);
        return new RenewalGuardian(region -> new AcmGateway(clients.acm(Region.of(region))), roles::route53,
            PublicDns.fromEnvironment(), Clock.systemUTC(), RenewalGuardian.REGION_BOUND);
    }
}
