package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.MalformedRequestException;
import ca.archivium.dnscert.cfn.ReplyAddress;
import ca.archivium.dnscert.cfn.RequestJson;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.cfn.ResponseDeliveryException;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.WaitLoop;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * Entry of every CloudFormation request: parse it, send it to Create, Update or Delete, and make sure it is
 * answered exactly once, now or by the wait loop, whatever goes wrong (bad input, AWS failures, bugs).
 */
public final class ResourceRequests {
    private final CertificateEngine engine;
    private final CreateHandler create;
    private final UpdateHandler update;
    private final DeleteHandler delete;
    private final WaitLoop waitLoop;
    private final ResponseUrlSeal seal;
    private final Responder responder;
    private final JsonLog log;
    private final Clock clock;

    public ResourceRequests(CertificateEngine engine, CreateHandler create, UpdateHandler update, DeleteHandler delete,
                            WaitLoop waitLoop, ResponseUrlSeal seal, Responder responder, JsonLog log, Clock clock) {
        this.engine = engine;
        this.create = create;
        this.update = update;
        this.delete = delete;
        this.waitLoop = waitLoop;
        this.seal = seal;
        this.responder = responder;
        this.log = log;
        this.clock = clock;
    }

    /** What became of a request, for the caller's log and tests. */
    public enum Handled { ANSWERED, WAITING, ALREADY_HANDLED, UNANSWERABLE }

    public Handled handle(byte[] event) {
        long received = clock.millis();
        CfnRequest request;
        try {
            request = CfnRequest.parse(event);
        } catch (MalformedRequestException e) {
            if (e.replyAddress().isEmpty() || e.replyAddress().get().responseUrl() == null
                || responder.refusal(e.replyAddress().get().responseUrl()).isPresent()) {
                log.error("request cannot be answered: " + e.getMessage(), e);
                return Handled.UNANSWERABLE;
            }
            ReplyAddress to = e.replyAddress().get();
            return deliver(to.responseUrl(), FailedAnswer.ofMalformed(to, Failure.malformedRequest(e.getMessage())), log);
        }
        JsonLog requestLog = RequestLog.of(log, request).with(JsonLog.PHASE, request.requestType().wireName());
        Optional<String> refusal = responder.refusal(request.responseUrl());
        if (refusal.isPresent()) {
            // Nobody would ever hear the answer, so nothing may be created (it could never be cleaned up).
            requestLog.error("request not handled: its ResponseURL will not be used: " + refusal.get(), null);
            return Handled.UNANSWERABLE;
        }
        requestLog.info("request received",
            Collections.singletonMap("physicalResourceId", request.physicalResourceId()));
        Optional<Failure> late = Deadlines.tooLate(request, received);
        if (late.isPresent()) {
            // CloudFormation stops waiting soon, or already has: whatever this request made could not be reported.
            requestLog.warn("request arrived after its deadline: nothing done", Map.of("reason", late.get().reason()));
            return deliver(request.responseUrl(), FailedAnswer.of(request, late.get()), requestLog);
        }
        long sent = Deadlines.sentEpochMs(request, received);
        Answer answer;
        try {
            answer = switch (request.requestType()) {
                case CREATE -> create.handle(request, sent);
                case UPDATE -> update.handle(request, sent);
                case DELETE -> delete.handle(request, sent);
            };
        } catch (RuntimeException e) {
            requestLog.error("request failed", e);
            return deliver(request.responseUrl(), FailedAnswer.of(request, Failure.unforeseen(e)), requestLog);
        }
        if (answer instanceof Answer.Now now) {
            return deliver(request.responseUrl(), now.response(), requestLog);
        }
        StepState state = ((Answer.Later) answer).state();
        String name = ExecutionNames.of(request);
        try {
            ObjectNode carried = RequestJson.copyOf(request);
            carried.put("ResponseURL", seal.seal(request.responseUrl(), ResponseUrlSeal.contextOf(request)));
            state = state.withRequest(carried);
            if (!waitLoop.start(name, state)) {
                requestLog.info("this delivery of the request is already being handled", Map.of("execution", name));
                return Handled.ALREADY_HANDLED;
            }
            requestLog.with(JsonLog.CERTIFICATE_ARN, state.certificateArn()).info("waiting",
                Map.of("execution", name, "phase", state.phase().name(), "waitSeconds", state.waitSeconds()));
            return Handled.WAITING;
        } catch (RuntimeException e) {
            requestLog.error("could not start the wait loop", e);
            return deliver(request.responseUrl(), StepAnswer.failed(engine, request, state.certificateArn(),
                state.reused(), Failure.waitNotStarted(e.getMessage())), requestLog);
        }
    }

    private Handled deliver(String responseUrl, CfnResponse response, JsonLog requestLog) {
        return deliver(responder, responseUrl, response, requestLog);
    }

    /** Delivers an answer the handler makes itself, and logs it (or that it could not be delivered). */
    static Handled deliver(Responder responder, String responseUrl, CfnResponse response, JsonLog requestLog) {
        try {
            responder.deliver(responseUrl, response);
            requestLog.info("answered CloudFormation", Map.of("status", response.status().name(),
                "physicalResourceId", response.physicalResourceId()));
            return Handled.ANSWERED;
        } catch (ResponseDeliveryException e) {
            requestLog.error("the answer could not be delivered", e);
            throw e;
        }
    }
}
