package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.config.AcmTags;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.config.SamePartition;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.failure.FailureKind;
import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.lifecycle.InProcessCreate;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.time.Sleeper;
import ca.archivium.dnscert.waitloop.StepOutcome;
import ca.archivium.dnscert.waitloop.StepState;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code provision}: the resource's Create, run from a terminal ({@link InProcessCreate}: the resource handler's step,
 * then the wait loop in this process). The options become the resource's properties and are checked by its rules; the
 * certificate is reused or requested, its records written, and (unless {@code --no-wait}) the command waits until ACM
 * issues it, with the resource's waits, decisions and FAILED reasons. The result is one JSON object on stdout.
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

    /** The resource's own default ServiceTimeout, which {@code --timeout} stands for. */
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
                  The resource's Create, in this process: requests (or reuses) a DNS-validated certificate, writes its
                  validation records to Route 53 and waits until ACM issues it, as the resource's wait loop would; prints
                  {"Arn", "DomainName", "Region", "Status", "Reused", "HostedZoneIds"} as JSON. The options follow the
                  resource's properties and rules, and failures are its FAILED reasons. Unlike the resource, an existing
                  certificate with the same names is reused unless --no-reuse. --no-wait returns once the records are in
                  place. --timeout is the resource's ServiceTimeout and bounds the whole command (default 3600).
                  --owner (default "command-line") is recorded as a user of the certificate:
                  delete with the same --owner lets go of it.
                  example: provision --domain example.com --san '*.example.com' --region us-east-1""";
    }

    @Override
    public int run(List<String> raw, PrintStream out, PrintStream err) throws InterruptedException {
        Arguments args = Arguments.parse(raw, SPEC);
        args.noPositional();
        int timeoutSeconds = args.positiveNumber("--timeout", DEFAULT_TIMEOUT_SECONDS);
        String owner = owner(args);
        Map<String, Object> options = OptionProperties.of(args);
        CertificateProperties properties;
        try {
            properties = PropertyParser.parse(options);
            SamePartition.check(properties, HomeRegion.of(properties.region()).id());
        } catch (InvalidPropertyException e) {
            throw new BadArgumentsException(OptionProperties.inOptionTerms(e.getMessage()));
        }
        try (ServiceClients clients = new ServiceClients(HomeRegion.of(properties.region()))) {
            // The resource's log lines would repeat the progress lines below in JSON: a terminal gets only these.
            JsonLog quiet = new JsonLog(new PrintStream(OutputStream.nullOutputStream()), clock);
            InProcessCreate create = new InProcessCreate(new DnsValidatedCertificates(clients, sleeper), quiet, clock,
                random);
            StepState first = create.start(options, properties, owner, HexFormat.of().toHexDigits(random.nextLong()),
                Duration.ofSeconds(timeoutSeconds));
            ProgressLines progress = new ProgressLines(err);
            progress.certificate(first.certificateArn(), first.reused(), first.plan().region());
            StepState last = create.waitFor(first, sleeper, progress);
            if (last.outcome() == StepOutcome.DONE) {
                out.println(result(last, properties));
                return Main.OK;
            }
            Failure failure = last.failureTold() != null ? last.failureTold()
                : Failure.unexpectedStep(String.valueOf(last.outcome()));
            err.println("error: " + OptionProperties.inOptionTerms(failure.reason()) + afterFailure(last, failure));
            return Main.FAILED;
        }
    }

    /** What the user can do with a certificate a failed provision leaves: it is not deleted, unlike a stack's. */
    private static String afterFailure(StepState failed, Failure failure) {
        String arn = failed.certificateArn();
        if (arn == null) {
            return "";
        }
        if (failure.kind() == FailureKind.NOT_VALIDATED_IN_TIME) {
            return " Run provision again to keep waiting (without --no-reuse it takes the same certificate), or delete "
                + arn + " (with the same --owner).";
        }
        return " The certificate " + arn + " stays in place; 'delete " + arn + "' (with the same --owner) lets go of it.";
    }

    private static String result(StepState done, CertificateProperties properties) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
            .put("Arn", done.certificateArn())
            .put("DomainName", properties.domainName())
            .put("Region", done.plan().region())
            .put("Status", String.valueOf(done.data().get("Status")))
            .put("Reused", done.reused());
        ArrayNode zones = json.putArray("HostedZoneIds");
        done.plan().hostedZoneIds().forEach(zones::add);
        return JsonTrees.write(json);
    }
}
