package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.acm.AcmGateway;
import ca.archivium.dnscert.aws.Partitions;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.dns.RoleSessions;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.renewal.CertificateReport;
import ca.archivium.dnscert.renewal.Finding;
import ca.archivium.dnscert.renewal.GuardianReport;
import ca.archivium.dnscert.renewal.RecordCheck;
import ca.archivium.dnscert.renewal.RenewalGuardian;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * {@code renewals}: the renewal guardian's survey from the command line. Every certificate this product holds, in
 * every ACM region of the partition (or the regions named): will it renew, and what to do if not. {@code --fix}
 * writes back missing validation records, as the guardian function does every day.
 */
final class RenewalsCommand implements Command {
    private static final Arguments.Spec SPEC = new Arguments.Spec(Set.of("--fix", "--json"), Set.of(), Set.of("--region"));

    private final Clock clock;

    RenewalsCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String usage() {
        return """
              renewals [--region REGION]... [--fix] [--json]
                  For every certificate this product holds (its tags), in every ACM region of the partition or in the
                  regions named: days to expiry, in use, ACM's renewal status, its validation records in Route 53 and
                  what public DNS shows of them, and what to do when it will not renew. --fix writes back missing or
                  changed validation records (it never deletes anything). Exit code 1 while a certificate is at risk
                  or a region could not be asked.
                  example: renewals --region us-east-1 --region eu-west-1 --fix""";
    }

    @Override
    public int run(List<String> raw, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(raw, SPEC);
        args.noPositional();
        List<String> named = args.values("--region");
        for (String region : named) {
            if (Partitions.of(region).isEmpty()) {
                throw new BadArgumentsException("--region '" + region + "' is not a region name (such as us-east-1)");
            }
        }
        boolean fix = args.flag("--fix");
        try (ServiceClients clients = new ServiceClients(HomeRegion.of(named.isEmpty() ? null : named.get(0)))) {
            RoleSessions roles = new RoleSessions(clients);
            RenewalGuardian guardian = new RenewalGuardian(region -> new AcmGateway(clients.acm(Region.of(region))),
                roles::route53, PublicDns.fromEnvironment(), clock, RenewalGuardian.REGION_BOUND);
            List<String> regions = named.isEmpty() ? RenewalGuardian.regionsOf(clients.homeRegion().id()) : named;
            GuardianReport report = guardian.survey(regions, fix);
            out.println(args.flag("--json") ? json(report) : text(report));
            report.unchecked().forEach((region, why) ->
                err.println("error: the certificates of " + region + " could not be listed: " + why));
            return report.atRisk() > 0 || !report.unchecked().isEmpty() ? Main.FAILED : Main.OK;
        }
    }

    private static String json(GuardianReport report) {
        Map<String, Object> json = new LinkedHashMap<>(report.summary());
        json.put("CertificateReports", report.certificates().stream().map(CertificateReport::toJson).toList());
        return JsonTrees.write(JsonTrees.of(json));
    }

    private static String text(GuardianReport report) {
        StringBuilder text = new StringBuilder();
        if (report.certificates().isEmpty()) {
            text.append("No certificate of this product in ").append(report.regionsAsked().size()).append(" region")
                .append(report.regionsAsked().size() == 1 ? "" : "s").append(" asked.\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"CERTIFICATE", "NAMES", "REGION", "EXPIRES IN", "IN USE", "RENEWAL", "RECORDS",
                "PUBLIC DNS", "WHAT TO DO"});
            report.certificates().forEach(c -> rows.add(row(c)));
            text.append(TextTable.of(rows)).append('\n');
            for (CertificateReport certificate : report.certificates()) {
                if (!certificate.findings().isEmpty()) {
                    text.append('\n').append(certificate.arn()).append('\n');
                    certificate.findings().forEach(f -> text.append("  ")
                        .append(f.severity() == Finding.Severity.RISK ? "at risk: " : "note: ").append(f.text()).append('\n'));
                }
            }
        }
        text.append('\n').append(report.certificates().size()).append(" certificate")
            .append(report.certificates().size() == 1 ? "" : "s").append(", ").append(report.atRisk()).append(" at risk, ")
            .append(report.recordsRestored()).append(" validation record").append(report.recordsRestored() == 1 ? "" : "s")
            .append(" written again. Regions asked: ").append(report.regionsAsked().size());
        if (!report.notEnabled().isEmpty()) {
            text.append("; not enabled: ").append(String.join(", ", report.notEnabled()));
        }
        if (report.othersSkipped() > 0) {
            text.append(". ").append(report.othersSkipped()).append(" certificate").append(report.othersSkipped() == 1 ? "" : "s")
                .append(" without this product's tags left alone");
        }
        return text.append('.').toString();
    }

    private static String[] row(CertificateReport certificate) {
        String arn = certificate.arn();
        return new String[] {
            arn.substring(arn.lastIndexOf('/') + 1),
            names(List.copyOf(certificate.renewal().certificate().nameSet())),
            certificate.region(),
            certificate.daysToExpiry().map(days -> days < 0 ? "expired" : days + " d").orElse("-"),
            certificate.renewal().certificate().inUseBy().isEmpty() ? "no" : "yes",
            certificate.renewal().renewalStatus() == null ? "not started" : certificate.renewal().renewalStatus(),
            records(certificate),
            publicDns(certificate),
            certificate.atRisk() ? certificate.findings().stream().filter(f -> f.severity() == Finding.Severity.RISK)
                .map(Finding::action).distinct().collect(Collectors.joining("; ")) : "nothing"};
    }

    private static String names(List<String> names) {
        return names.size() <= 2 ? String.join(", ", names) : names.get(0) + ", " + names.get(1) + " +" + (names.size() - 2);
    }

    /** "2 present", "1 restored, 1 present", "not recorded"; "-" for a certificate made elsewhere. */
    private static String records(CertificateReport certificate) {
        if (certificate.origin() == CertificateReport.Origin.ELSEWHERE) {
            return "made elsewhere";
        }
        if (certificate.records().isEmpty()) {
            return "-";
        }
        Map<RecordCheck.State, Integer> counts = new EnumMap<>(RecordCheck.State.class);
        certificate.records().forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        return counts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
            .collect(Collectors.joining(", "));
    }

    /** The worst of the names' public DNS verdicts. */
    private static String publicDns(CertificateReport certificate) {
        if (!certificate.publicDnsChecked()) {
            return "not checked";
        }
        List<ValidationDiagnosis.Kind> worstFirst = List.of(ValidationDiagnosis.Kind.DELEGATION_WRONG,
            ValidationDiagnosis.Kind.CAA_FORBIDS, ValidationDiagnosis.Kind.NOT_VISIBLE, ValidationDiagnosis.Kind.UNKNOWN,
            ValidationDiagnosis.Kind.RECORD_VISIBLE);
        return worstFirst.stream()
            .filter(kind -> certificate.publicDns().stream().anyMatch(d -> d.kind() == kind))
            .findFirst()
            .map(kind -> switch (kind) {
                case DELEGATION_WRONG -> "delegation wrong";
                case CAA_FORBIDS -> "CAA forbids";
                case NOT_VISIBLE -> "not visible";
                case UNKNOWN -> "unknown";
                case RECORD_VISIBLE -> "visible";
            })
            .orElse("-");
    }
}
