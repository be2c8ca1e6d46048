package ca.archivium.dnscert.lambda;

import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.lifecycle.StepStates;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: just before Lambda takes the snapshot, builds every SDK client this function may use and
 * parses a sample CloudFormation event and wait-loop step document, so that a restored container starts with
 * those classes loaded and initialised. It never calls AWS. Without a CRaC runtime (the command line, tests, a
 * function without SnapStart) {@link #register} does nothing more than keep the instance, and nothing runs.
 */
final class Priming implements Resource {
    /**
     * The CRaC context holds its resources weakly, so something must keep them: these live as long as the
     * container, as the clients they warm do.
     */
    private static final Set<Priming> REGISTERED = ConcurrentHashMap.newKeySet();

    private final ServiceClients clients;

    Priming(ServiceClients clients) {
        this.clients = clients;
    }

    /** Registers priming of {@code clients} with the global CRaC context. */
    static void register(ServiceClients clients) {
        Priming priming = new Priming(clients);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        clients.acm(clients.homeRegion());
        clients.route53();
        clients.sts();
        clients.sfn();
        clients.kms();
        ObjectMapper json = new ObjectMapper();
        try {
            CfnRequest event = CfnRequest.parse(sample("priming-event.json"));
            PropertyParser.parse(event.resourceProperties());
            StepStates.toJson(StepStates.fromJson(json.readTree(sample("priming-step.json"))));
        } catch (IOException e) {
            throw new UncheckedIOException("the priming samples do not parse", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the clients resolve credentials and open connections when first used.
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = Priming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }
}
