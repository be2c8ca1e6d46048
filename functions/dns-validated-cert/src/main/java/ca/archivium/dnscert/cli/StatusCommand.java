package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.acm.ValidationStatus;
import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.time.Sleeper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code status}: one certificate, name by name: ACM's validation status, the record ACM wants, and the hosted zone
 * the resource would write it to (found with the caller's own credentials; "unknown" when it cannot be found). For each
 * name still pending, what public DNS shows: record visible / not visible / delegation wrong / CAA forbids (the
 * resolver is {@code DNSCERT_RESOLVER}'s, by default the system's).
 */
final class StatusCommand implements Command {
    private static final Arguments.Spec SPEC = new Arguments.Spec(Set.of("--json"), Set.of("--region"), Set.of());
    private static final String UNKNOWN = "unknown";

    private final Sleeper sleeper;

    StatusCommand(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public String usage() {
        return """
              status ARN [--region REGION] [--json]
                  Shows the certificate's status and, for each name, its validation status, the CNAME record ACM wants
                  and the hosted zone that receives it, in the ARN's region. --json prints one JSON object.
                  example: status arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-... --json""";
    }

    @Override
    public int run(List<String> raw, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(raw, SPEC);
        CertificateArn arn = args.onlyCertificateArn();
        String region = arn.region();
        try (ServiceClients clients = new ServiceClients(HomeRegion.of(region))) {
            DnsValidatedCertificates engine = new DnsValidatedCertificates(clients, sleeper);
            Optional<CertificateStatus> found = engine.status(arn, Map.of());
            if (found.isEmpty()) {
                err.println("error: there is no certificate " + arn + " in " + region);
                return Main.FAILED;
            }
            List<String> names = found.get().names().stream().map(CertificateStatus.NameStatus::domainName).toList();
            CertificateZones zones = names.isEmpty() ? new CertificateZones(Map.of(), List.of()) : CertificateZones.of(engine, names);
            Plan plan = new Plan(region, zones.zones());
            CertificateStatus status = engine.status(arn, plan.zones()).orElse(found.get());
            Map<String, String> dns = diagnosis(engine, status, plan);
            out.println(args.flag("--json") ? json(status, zones, dns) : table(status, zones, dns));
            return Main.OK;
        }
    }

    /** Public DNS's view of each pending name, by name; empty when nothing is pending or look-ups are off. */
    private static Map<String, String> diagnosis(DnsValidatedCertificates engine, CertificateStatus status, Plan plan) {
        Map<String, String> byName = new LinkedHashMap<>();
        boolean pending = status.names().stream().anyMatch(n -> n.validationStatus() != ValidationStatus.SUCCESS && n.recordName() != null);
        if (!pending) {
            return byName;
        }
        for (ValidationDiagnosis d : engine.diagnose(status, engine.zoneNameServers(plan))) {
            byName.put(d.name(), d.summary());
        }
        return byName;
    }

    private static String json(CertificateStatus status, CertificateZones zones, Map<String, String> dns) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
            .put("Arn", status.arn())
            .put("Region", status.region())
            .put("Status", String.valueOf(status.acmStatus()));
        if (status.issuance() instanceof Issuance.Failed failed) {
            json.put("Reason", failed.reason());
        }
        ArrayNode inUseBy = json.putArray("InUseBy");
        status.inUseBy().forEach(inUseBy::add);
        ArrayNode names = json.putArray("Names");
        for (CertificateStatus.NameStatus name : status.names()) {
            names.addObject()
                .put("DomainName", name.domainName())
                .put("ValidationStatus", String.valueOf(name.validationStatus()))
                .put("RecordName", name.recordName())
                .put("RecordValue", name.recordValue())
                .put("HostedZoneId", name.hostedZoneId())
                .put("HostedZoneName", name.hostedZoneName());
            if (dns.containsKey(name.domainName())) {
                ((ObjectNode) names.get(names.size() - 1)).put("PublicDns", dns.get(name.domainName()));
            }
        }
        ArrayNode problems = json.putArray("HostedZoneProblems");
        zones.problems().forEach(problems::add);
        return JsonTrees.write(json);
    }

    private static String table(CertificateStatus status, CertificateZones zones, Map<String, String> dns) {
        StringBuilder text = new StringBuilder()
            .append("Certificate  ").append(status.arn()).append('\n')
            .append("Region       ").append(status.region()).append('\n')
            .append("Status       ").append(status.acmStatus()).append('\n');
        if (status.issuance() instanceof Issuance.Failed failed) {
            text.append("Reason       ").append(failed.reason()).append('\n');
        }
        if (!status.inUseBy().isEmpty()) {
            text.append("In use by    ").append(String.join(", ", status.inUseBy())).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        boolean withDns = !dns.isEmpty();
        rows.add(withDns ? new String[] {"NAME", "VALIDATION", "RECORD", "HOSTED ZONE", "PUBLIC DNS"}
            : new String[] {"NAME", "VALIDATION", "RECORD", "HOSTED ZONE"});
        for (CertificateStatus.NameStatus name : status.names()) {
            String[] row = {
                name.domainName(),
                String.valueOf(name.validationStatus()),
                name.recordName() == null ? "(not yet given by ACM)" : name.recordName() + " CNAME " + name.recordValue(),
                name.hostedZoneId() == null ? UNKNOWN : name.hostedZoneId() + " (" + name.hostedZoneName() + ")"};
            if (withDns) {
                row = java.util.Arrays.copyOf(row, 5);
                row[4] = dns.getOrDefault(name.domainName(), "-");
            }
            rows.add(row);
        }
        text.append('\n').append(TextTable.of(rows));
        zones.problems().forEach(problem -> text.append("\nhosted zone unknown: ").append(problem));
        return text.toString();
    }
}
