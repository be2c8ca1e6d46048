package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.api.CertificateFailureException;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.DnsPreflightException;
import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Provisioned;
import ca.archivium.dnscert.api.RecordWrite;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.config.AcmTags;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.config.SamePartition;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import ca.archivium.dnscert.time.Sleeper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code provision}: the resource's Create, run from a terminal. The options are checked by the resource's own
 * property rules; the certificate is reused or requested, its records written, and (unless {@code --no-wait}) the
 * command waits until ACM issues it. The result is one JSON object on stdout.
 */
final class ProvisionCommand implements Command {
    /** Who holds certificates provisioned without {@code --owner}; {@code delete} lets go for the same key. */
    static final String DEFAULT_OWNER = "command-line";
    /**
     * The {@code --owner} given, or {@link #DEFAULT_OWNER}. It is recorded in the certificate's used-by tag, so it
     * must be a value ACM takes in a tag ({@link AcmTags}): {@code web-stack/Certificate}, not
     * {@code web-stack#Certificate}.
     */
    static String owner(Arguments args) {
        String owner = args.value("--owner").orElse(DEFAULT_OWNER);
        if (owner.isEmpty()) {
            throw new BadArgumentsException("--owner: must not be empty");
        }
        AcmTags.valueProblem(owner).ifPresent(problem -> {
            throw new BadArgumentsException("--owner: " + problem + "; the owner goes into a tag of the certificate");
        });
        return owner;
    }

    /** The resource's own default ServiceTimeout. */
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;

    private static final Arguments.Spec SPEC = new Arguments.Spec(
        Set.of("--no-wait", "--no-reuse"),
        Set.of("--domain", "--region", "--hosted-zone-role-arn", "--external-id", "--key-algorithm", "--timeout", "--owner"),
        Set.of("--san", "--zone", "--tag"));

    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    ProvisionCommand(Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    @Override
    public String usage() {
        return """
              provision --domain NAME [--san NAME]... [--region REGION] [--hosted-zone-role-arn ARN] [--external-id ID]
                        [--zone NAME=ZONE_ID]... [--key-algorithm RSA_2048|EC_prime256v1|EC_secp384r1] [--tag KEY=VALUE]...
                        [--no-wait] [--no-reuse] [--timeout SECONDS] [--owner KEY]
                  Requests (or reuses) a DNS-validated certificate, writes its validation records to Route 53 and waits
                  until ACM issues it; prints {"Arn", "DomainName", "Region", "Status", "Reused", "HostedZoneIds"} as JSON.
                  The options follow the resource's properties and rules. Unlike the resource, an existing certificate
                  with the same names is reused unless --no-reuse. --no-wait returns once the records are in place.
                  --timeout bounds the whole command (default 3600). --owner (default "command-line") is recorded as a
                  user of the certificate: delete with the same --owner lets go of it.
                  example: provision --domain example.com --san '*.example.com' --region us-east-1""";
    }

    @Override
    public int run(List<String> raw, PrintStream out, PrintStream err) throws InterruptedException {
        Arguments args = Arguments.parse(raw, SPEC);
        args.noPositional();
        int timeoutSeconds = args.positiveNumber("--timeout", DEFAULT_TIMEOUT_SECONDS);
        String owner = owner(args);
        CertificateProperties properties;
        try {
            properties = PropertyParser.parse(OptionProperties.of(args));
            SamePartition.check(properties, HomeRegion.of(properties.region()).id());
        } catch (InvalidPropertyException e) {
            throw new BadArgumentsException(OptionProperties.inOptionTerms(e.getMessage()));
        }
        long started = clock.millis();
        try (ServiceClients clients = new ServiceClients(HomeRegion.of(properties.region()))) {
            DnsValidatedCertificates engine = new DnsValidatedCertificates(clients, sleeper);
            Plan plan;
            try {
                plan = engine.plan(properties);
            } catch (ZoneResolutionException e) {
                err.println("error: no usable hosted zone: " + e.getMessage() + ". Nothing was created.");
                return Main.FAILED;
            }
            try {
                // The resource's DNS pre-flight (DnsPreflight defaults to FAIL): a zone public DNS does not use, or
                // CAA that forbids Amazon, means the certificate could never be validated.
                engine.preflight(properties, plan);
            } catch (DnsPreflightException e) {
                err.println("error: " + e.getMessage() + ". Nothing was created.");
                return Main.FAILED;
            }
            Provisioned provisioned;
            try {
                provisioned = engine.provision(properties, plan, owner, HexFormat.of().toHexDigits(random.nextLong()));
            } catch (CertificateFailureException e) {
                err.println("error: " + e.getMessage() + ". " + leftInPlace(e.arn()));
                return Main.FAILED;
            }
            err.println((provisioned.reused() ? "reusing " : "requested ") + provisioned.arn() + " in " + plan.region());
            IssuanceWait wait = new IssuanceWait(engine, clock, sleeper, random, err, started,
                started + timeoutSeconds * 1000L);
            return finish(provisioned, properties, wait, out, err);
        }
    }

    private int finish(Provisioned provisioned, CertificateProperties properties, IssuanceWait wait, PrintStream out,
                       PrintStream err) throws InterruptedException {
        String arn = provisioned.arn();
        RecordWrite records = provisioned.records() instanceof RecordWrite.NotYet
            ? wait.recordsWritten(arn, provisioned.plan()) : provisioned.records();
        if (records instanceof RecordWrite.CertificateFailed failed) {
            err.println("error: " + failed.reason() + ". " + leftInPlace(arn));
            return Main.FAILED;
        }
        if (!records.written()) {
            err.println("error: ACM did not give every validation record of " + arn + " within --timeout. " + leftInPlace(arn));
            return Main.FAILED;
        }
        if (!properties.waitForIssuance() || provisioned.status() == AcmStatus.ISSUED) {
            out.println(result(provisioned, properties, provisioned.status()));
            return Main.OK;
        }
        CertificateStatus status = wait.untilDecided(arn, provisioned.plan());
        if (status.issuance() instanceof Issuance.Issued) {
            out.println(result(provisioned, properties, status.acmStatus()));
            return Main.OK;
        }
        if (status.issuance() instanceof Issuance.Failed failed) {
            err.println("error: " + failed.reason() + ". " + leftInPlace(arn));
            return Main.FAILED;
        }
        err.println("error: ACM had not validated " + arn + " after " + wait.elapsedSeconds() + " s (--timeout). Still pending: "
            + status.describePending() + ". " + CertificateStatus.WHEN_VALIDATION_STALLS
            + " Run provision again to keep waiting (without --no-reuse it takes the same certificate), or delete " + arn + ".");
        return Main.FAILED;
    }

    private static String leftInPlace(String arn) {
        return "The certificate " + arn + " stays in place; 'delete " + arn + "' (with the same --owner) lets go of it";
    }

    private static String result(Provisioned provisioned, CertificateProperties properties, AcmStatus status) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
            .put("Arn", provisioned.arn())
            .put("DomainName", properties.domainName())
            .put("Region", provisioned.plan().region())
            .put("Status", String.valueOf(status))
            .put("Reused", provisioned.reused());
        ArrayNode zones = json.putArray("HostedZoneIds");
        provisioned.plan().hostedZoneIds().forEach(zones::add);
        return json.toString();
    }
}
