package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.time.Sleeper;
import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import ca.archivium.dnscert.waitloop.StepStates;
import ca.archivium.dnscert.waitloop.WaitLoop;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The resource's operations wired together over one engine: what the Lambda entry points and the command
 * line's {@code invoke} both run ({@code provision} runs its Create part, {@link InProcessCreate}).
 */
public final class Lifecycle {
    private final ResourceRequests requests;
    private final ReconcileStep reconcile;
    private final RespondStep respond;
    private final JsonLog log;

    public Lifecycle(CertificateEngine engine, WaitLoop waitLoop, ResponseUrlSeal seal, Responder responder,
                     JsonLog log, Clock clock, RandomGenerator random) {
        CreateHandler create = new CreateHandler(engine, clock, random, log);
        this.requests = new ResourceRequests(engine, create, new UpdateHandler(engine, create, log),
            new DeleteHandler(engine, clock, random, log), waitLoop, seal, responder, log, clock);
        this.reconcile = new ReconcileStep(engine, log, clock, random);
        this.respond = new RespondStep(engine, seal, responder, log);
        this.log = log;
    }

    /**
     * Until closed, every line this thread logs carries {@code invocationId} (a Lambda invocation's id); null
     * leaves the lines without one.
     */
    public JsonLog.Scope invocation(String invocationId) {
        return log.invocation(invocationId);
    }

    /** Handles a CloudFormation event. */
    public ResourceRequests requests() {
        return requests;
    }

    /** One step of the wait loop. */
    public ReconcileStep reconcile() {
        return reconcile;
    }

    /** The wait loop's answer. */
    public RespondStep respond() {
        return respond;
    }

    /**
     * {@code statemachine/wait-loop.asl.json} played in this process over these steps, each document crossing as JSON
     * as it does between the Lambda handlers: for the command line's {@code invoke}.
     */
    public InProcessStateMachine inProcess(Sleeper sleeper, InProcessStateMachine.Observer observer) {
        return new InProcessStateMachine(reconcileTask(reconcile), step -> JsonTrees.of(respond.respond(step)),
            sleeper, observer);
    }

    /** The Reconcile Task as the state machine calls it: a step document in, the next out. */
    static InProcessStateMachine.Function reconcileTask(ReconcileStep reconcile) {
        return step -> StepStates.toJson(reconcile.step(StepStates.fromJson(step)));
    }
}
