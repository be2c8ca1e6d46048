package ca.archivium.dnscert.lambda;

import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.cfn.ResponseUrlPolicy;
import ca.archivium.dnscert.lifecycle.KmsResponseUrlSeal;
import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.lifecycle.ResponseUrlSeal;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.time.Sleeper;
import ca.archivium.dnscert.waitloop.StepFunctionsWaitLoop;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the lifecycle from the Lambda environment, once per container: {@code AWS_REGION},
 * {@code STATE_MACHINE_ARN} (the resource handler only), {@code RESPONSE_URL_KEY_ARN} (the KMS key that seals the
 * ResponseURL in the wait loop's state) and {@code RESPONSE_URL_ALLOWED_PREFIXES}.
 */
final class Container {
    private Container() {
    }

    static Lifecycle fromEnvironment() {
        Wired wired = wire();
        wired.priming().register();
        return wired.lifecycle();
    }

    /** The lifecycle and its SnapStart priming, built from the environment; nothing registered yet. */
    static Wired wire() {
        ServiceClients clients = new ServiceClients(homeRegion());
        String homeRegion = clients.homeRegion().id();
        RestorableRandom random = RestorableRandom.seeded();
        JsonLog log = JsonLog.toStandardOutput();
        String stateMachine = System.getenv("STATE_MACHINE_ARN");
        StepFunctionsWaitLoop waitLoop = new StepFunctionsWaitLoop(clients.sfn(), stateMachine);
        Responder responder = Responder.standard(
            new ResponseUrlPolicy(System.getenv(ResponseUrlPolicy.ALLOWED_PREFIXES_VARIABLE), homeRegion), log);
        String sealKey = System.getenv("RESPONSE_URL_KEY_ARN");
        ResponseUrlSeal seal = sealKey == null || sealKey.isBlank()
            ? ResponseUrlSeal.IN_PROCESS : new KmsResponseUrlSeal(clients::kms, sealKey);
        Lifecycle lifecycle = new Lifecycle(new DnsValidatedCertificates(clients,
            Sleeper.atMost(DnsValidatedCertificates.LONGEST_PAUSE)),
            waitLoop, seal, responder, log, Clock.systemUTC(), random);
        return new Wired(lifecycle, new Priming(clients, random));
    }

    record Wired(Lifecycle lifecycle, Priming priming) {
    }

    /** The function's region: Lambda sets {@code AWS_REGION}; us-east-1 when it is not set (outside Lambda). */
    static Region homeRegion() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null ? "us-east-1" : region);
    }
}
