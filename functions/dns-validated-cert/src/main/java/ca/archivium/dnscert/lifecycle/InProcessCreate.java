package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.RequestType;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.time.Sleeper;
import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import ca.archivium.dnscert.waitloop.StepOutcome;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.StepStates;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A Create handled wholly in this process, for the command line's {@code provision}: the resource handler's first
 * step ({@link Provisioning}), then the wait loop played by {@link InProcessStateMachine} over the Reconcile step,
 * ending with the step document the Respond step answers CloudFormation from. The same decisions, waits and reasons
 * as the resource's, as they are the same code; nothing is sent anywhere: the caller reads the last document.
 *
 * <p>The loop's documents carry a request, since each step reads the properties and the request's token from it:
 * here a Create made from the properties, with the caller's token as its RequestId, and a ResponseURL that is never
 * used (nothing answers it).
 */
public final class InProcessCreate {
    /** Stands in the carried request where CloudFormation's pre-signed URL would be; never used. */
    static final String NO_RESPONSE_URL = "none:in-process";

    private final Provisioning provisioning;
    private final ReconcileStep reconcile;
    private final Clock clock;

    public InProcessCreate(CertificateEngine engine, JsonLog log, Clock clock, RandomGenerator random) {
        this.provisioning = new Provisioning(engine, clock, random, log);
        this.reconcile = new ReconcileStep(engine, log, clock, random);
        this.clock = clock;
    }

    /**
     * The handler's step: zones, pre-flight, the certificate requested or reused, its records written. DONE when
     * nothing needs waiting for; FAILED when refused (nothing created) or when it failed once the certificate existed;
     * otherwise WAIT, for {@link #waitFor}.
     *
     * @param properties   the resource's properties, as a template gives them (the wait loop's steps read them from
     *                     the carried request)
     * @param parsed       the same, parsed and checked by the caller ({@code PropertyParser}, {@code SamePartition})
     * @param owner        who holds the certificate (recorded in its used-by tag)
     * @param requestToken what makes this request unique: a retried run with the same token gets the same certificate
     * @param timeout      the resource's ServiceTimeout: the deadline is the resource's for it, counted from now
     */
    public StepState start(Map<String, Object> properties, CertificateProperties parsed, String owner,
                           String requestToken, Duration timeout) {
        CfnRequest request = new CfnRequest(RequestType.CREATE, NO_RESPONSE_URL, "in-process", requestToken,
            "Certificate", null, "Custom::DnsValidatedCert", properties, null);
        return provisioning.start(request, owner, parsed, Deadlines.deadline(clock.millis(), timeout));
    }

    /**
     * Plays the wait loop from {@code first} (a WAIT) to its end, with the state machine's waits, Retry and Catch.
     *
     * @return the last document: DONE with the attributes, or FAILED with the reason (a step's error included)
     */
    public StepState waitFor(StepState first, Sleeper sleeper, InProcessStateMachine.Observer observer)
        throws InterruptedException {
        if (first.outcome() != StepOutcome.WAIT) {
            return first;
        }
        InProcessStateMachine loop = new InProcessStateMachine(Lifecycle.reconcileTask(reconcile),
            step -> StepStates.toJson(RespondStep.outcome(step)), sleeper, observer);
        return StepStates.fromJson(loop.run(StepStates.toJson(first)).output());
    }
}
