package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.dns.ZoneTarget;
import ca.archivium.dnscert.time.Sleeper;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code delete}: the resource's Delete, once. The owner lets go of the certificate, which is deleted only when this
 * product requested it and no other owner (a stack, another command-line user) still holds it. A certificate still
 * attached to a load balancer or distribution is not deleted: the command says by what, and fails.
 */
final class DeleteCommand implements Command {
    private static final Arguments.Spec SPEC =
        new Arguments.Spec(Set.of("--cleanup-records"), Set.of("--region", "--owner"), Set.of());

    private final Sleeper sleeper;

    DeleteCommand(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public String usage() {
        return """
              delete ARN [--region REGION] [--cleanup-records] [--owner KEY]
                  Lets go of the certificate for --owner (default "command-line", the owner provision records) and
                  deletes it when this product requested it and nobody else holds it; a certificate made elsewhere is
                  left in place. --cleanup-records also removes its validation records from Route 53, unless a
                  certificate in any region of the account still needs them; when a region cannot be asked, every
                  record is kept, with a warning. --region, if given, must be the ARN's.
                  example: delete arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-... --cleanup-records""";
    }

    @Override
    public int run(List<String> raw, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(raw, SPEC);
        CertificateArn arn = args.onlyCertificateArn();
        String owner = ProvisionCommand.owner(args);
        try (ServiceClients clients = new ServiceClients(HomeRegion.of(arn.region()))) {
            DnsValidatedCertificates engine = new DnsValidatedCertificates(clients, sleeper);
            Plan plan = new Plan(arn.region(), args.flag("--cleanup-records") ? cleanupZones(engine, arn, err) : Map.of());
            Release release = engine.release(arn, owner, plan.zones());
            switch (release.kind()) {
                case DELETED -> {
                    out.println("deleted " + arn + (release.recordsKept() ? "; its validation records were kept"
                        : !plan.zones().isEmpty() ? "; validation records no other certificate of the account needs were "
                            + "removed from hosted zones " + plan.hostedZoneIds() : ""));
                    if (release.recordsKept()) {
                        err.println("warning: " + release.detail());
                    }
                }
                case ALREADY_GONE -> out.println("nothing to delete: " + release.detail() + " (" + arn + ")");
                case LEFT_IN_PLACE -> out.println("left in place: " + release.detail() + " (" + arn + ")");
                case IN_USE -> {
                    err.println("error: " + arn + " was not deleted: " + release.detail()
                        + "; detach it from these resources (or delete them), then run delete again");
                    return Main.FAILED;
                }
            }
            return Main.OK;
        }
    }

    /**
     * The zones of the certificate's names; names whose zone cannot be found keep their records. None at all (the
     * certificate is gone, or no name has a zone) keeps every record, without asking any region about them.
     */
    private static Map<String, ZoneTarget> cleanupZones(DnsValidatedCertificates engine, CertificateArn arn,
                                                        PrintStream err) {
        Optional<CertificateStatus> status = engine.status(arn, Map.of());
        if (status.isEmpty() || status.get().names().isEmpty()) {
            return Map.of();
        }
        CertificateZones zones = CertificateZones.of(engine,
            status.get().names().stream().map(CertificateStatus.NameStatus::domainName).toList());
        zones.problems().forEach(problem -> err.println("validation records stay where their hosted zone is unknown: " + problem));
        return zones.zones();
    }
}
