package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.cfn.ResponseUrlPolicy;
import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.lifecycle.ResponseUrlSeal;
import ca.archivium.dnscert.lifecycle.ResourceRequests;
import ca.archivium.dnscert.log.JsonLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The command line: {@code java -jar dns-validated-cert.jar invoke EVENT.json}. Credentials, region and
 * endpoints come from the SDK's standard sources, so it works against AWS and against an emulator alike.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
        usage: dns-validated-cert <command> [arguments]

        commands:
          invoke EVENT.json   handle one CloudFormation request here: the resource handler, then the wait loop's
                              steps in this process, then the answer PUT to the event's ResponseURL

        AWS credentials, region and endpoints come from the usual places (AWS_REGION, AWS_PROFILE,
        AWS_ENDPOINT_URL, ...). Exit codes: 0 done, 1 failed, 2 bad arguments.""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        try {
            return switch (args[0]) {
                case "invoke" -> invoke(args, err);
                default -> usage(err, "unknown command '" + args[0] + "'");
            };
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private static int invoke(String[] args, PrintStream err) {
        if (args.length != 2) {
            return usage(err, "invoke takes exactly one event file");
        }
        byte[] event;
        try {
            event = Files.readAllBytes(Path.of(args[1]));
        } catch (NoSuchFileException e) {
            return usage(err, "no such event file: " + args[1]);
        } catch (IOException e) {
            err.println("error: cannot read " + args[1] + ": " + e.getMessage());
            return FAILED;
        }
        Region region = DefaultAwsRegionProviderChain.builder().build().getRegion();
        JsonLog log = new JsonLog(err, Clock.systemUTC());
        InProcessWaitLoop waitLoop = new InProcessWaitLoop(err);
        try (ServiceClients clients = new ServiceClients(region)) {
            Lifecycle lifecycle = new Lifecycle(new DnsValidatedCertificates(clients, DnsValidatedCertificates.Pause.SLEEP),
                waitLoop, ResponseUrlSeal.IN_PROCESS, Responder.standard(new ResponseUrlPolicy(System.getenv(ResponseUrlPolicy.ALLOWED_PREFIXES_VARIABLE)), log),
                log, Clock.systemUTC(), RandomGenerator.getDefault());
            ResourceRequests.Handled handled = lifecycle.requests().handle(event);
            if (handled == ResourceRequests.Handled.UNANSWERABLE) {
                err.println("error: the event cannot be answered (no ResponseURL)");
                return FAILED;
            }
            waitLoop.runAll(lifecycle);
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return FAILED;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
