package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.cfn.ResponseUrlPolicy;
import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.lifecycle.ResourceRequests;
import ca.archivium.dnscert.lifecycle.ResponseUrlSeal;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.time.Sleeper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * {@code invoke}: one CloudFormation request handled in this process: the resource handler, then the wait loop's
 * steps, then the answer PUT to the event's ResponseURL (which {@code RESPONSE_URL_ALLOWED_PREFIXES} may widen, as
 * for the deployed function).
 */
final class InvokeCommand implements Command {
    private static final Arguments.Spec SPEC = new Arguments.Spec(Set.of(), Set.of(), Set.of());

    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final UnaryOperator<String> environment;

    InvokeCommand(Clock clock, Sleeper sleeper, RandomGenerator random, UnaryOperator<String> environment) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.environment = environment;
    }

    @Override
    public String usage() {
        return """
              invoke EVENT.json
                  Handles one CloudFormation event here, as the deployed functions and state machine would: the
                  resource handler, the wait loop's steps in this process, then the answer PUT to the event's ResponseURL.
                  example: invoke events/create.json""";
    }

    @Override
    public int run(List<String> raw, PrintStream out, PrintStream err) throws InterruptedException {
        Path file = Path.of(Arguments.parse(raw, SPEC).onlyPositional("the event file"));
        byte[] event;
        try {
            event = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadArgumentsException("no such event file: " + file);
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getMessage());
            return Main.FAILED;
        }
        JsonLog log = new JsonLog(err, clock);
        InProcessWaitLoop waitLoop = new InProcessWaitLoop(err, sleeper);
        try (ServiceClients clients = new ServiceClients(HomeRegion.of(null))) {
            Responder responder = Responder.standard(
                new ResponseUrlPolicy(environment.apply(ResponseUrlPolicy.ALLOWED_PREFIXES_VARIABLE),
                    clients.homeRegion().id()), log);
            Lifecycle lifecycle = new Lifecycle(new DnsValidatedCertificates(clients, sleeper), waitLoop,
                ResponseUrlSeal.IN_PROCESS, responder, log, clock, random);
            if (lifecycle.requests().handle(event) == ResourceRequests.Handled.UNANSWERABLE) {
                err.println("error: the event cannot be answered (no ResponseURL)");
                return Main.FAILED;
            }
            return waitLoop.runAll(lifecycle) ? Main.OK : Main.FAILED;
        }
    }
}
