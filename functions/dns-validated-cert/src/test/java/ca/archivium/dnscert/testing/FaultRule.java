package ca.archivium.dnscert.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A fault being set up on a {@link FaultProxy}: which requests it hits, how many times, and what happens to them.
 * Choosing what happens (the last call) puts the rule in force.
 */
public final class FaultRule {

    /** What the proxy does with one request the rule hit; an empty answer drops the connection. */
    interface Fault {
        Optional<ProxyReply> answer(ProxiedRequest request, Upstream upstream) throws IOException, InterruptedException;
    }

    /** Sends a request on to moto. */
    interface Upstream {
        ProxyReply forward(ProxiedRequest request) throws IOException;
    }

    private final String operation;
    private final AtomicInteger remaining;
    private final Consumer<FaultRule> activation;
    private Predicate<ProxiedRequest> condition = request -> true;
    private Fault fault;

    FaultRule(String operation, int times, Consumer<FaultRule> activation) {
        this.operation = operation;
        this.remaining = new AtomicInteger(times);
        this.activation = activation;
    }

    /** Narrows the rule to requests that also pass this test (a given ARN in the body, a given access key). */
    public FaultRule when(Predicate<ProxiedRequest> extraCondition) {
        condition = condition.and(extraCondition);
        return this;
    }

    /** Answers with the service's usual throttling error: {@code ThrottlingException} (JSON) or {@code Throttling}. */
    public void throttle() {
        activate((request, upstream) -> Optional.of(ProxyReply.awsError(request.call(), 400, "Sender",
                request.call().speaksJson() ? "ThrottlingException" : "Throttling", "Rate exceeded")));
    }

    /** Answers HTTP 400 with the given error code, such as Route 53's {@code PriorRequestNotComplete}. */
    public void throttle(String errorCode) {
        activate((request, upstream) -> Optional.of(
                ProxyReply.awsError(request.call(), 400, "Sender", errorCode, "Rate exceeded")));
    }

    /**
     * Forwards requests within {@code limit} and answers the rest as {@link #throttle()} does: AWS's published request
     * rates, for a burst of many resources at once.
     */
    public void throttleBeyond(RateLimit limit) {
        activate((request, upstream) -> Optional.of(limit.admit(request)
                ? upstream.forward(request)
                : ProxyReply.awsError(request.call(), 400, "Sender",
                        request.call().speaksJson() ? "ThrottlingException" : "Throttling", "Rate exceeded")));
    }

    /** Answers with a server-side error, {@code InternalFailure} for 500 and {@code ServiceUnavailable} otherwise. */
    public void serverError(int status) {
        String code = status == 500 ? "InternalFailure" : "ServiceUnavailable";
        activate((request, upstream) -> Optional.of(
                ProxyReply.awsError(request.call(), status, "Receiver", code, "Injected server error")));
    }

    /** Closes the connection without sending any response. */
    public void dropConnection() {
        activate((request, upstream) -> Optional.empty());
    }

    /** Waits this long before forwarding the request. */
    public void delay(Duration delay) {
        activate((request, upstream) -> {
            Thread.sleep(delay.toMillis());
            return Optional.of(upstream.forward(request));
        });
    }

    /** Forwards the request, then removes ResourceRecords from the DescribeCertificate answer. */
    public void withholdResourceRecords(ResourceRecordWithholding withholding) {
        activate((request, upstream) -> Optional.of(withholding.applyTo(upstream.forward(request))));
    }

    /** Answers with whatever the test makes of the request, without asking moto. */
    public void reply(Function<ProxiedRequest, ProxyReply> responder) {
        activate((request, upstream) -> Optional.of(responder.apply(request)));
    }

    /** True, and one use is spent, when the rule applies to this request. */
    boolean claim(ProxiedRequest request) {
        if (!(operation.equals(FaultProxy.ANY_OPERATION) || operation.equals(request.call().operation()))
                || !condition.test(request)) {
            return false;
        }
        return remaining.get() == FaultProxy.ALWAYS
                || remaining.getAndUpdate(left -> Math.max(left - 1, 0)) > 0;
    }

    Fault fault() {
        return fault;
    }

    private void activate(Fault chosen) {
        if (fault != null) {
            throw new IllegalStateException("a fault rule does one thing; start another rule for a second fault");
        }
        fault = chosen;
        activation.accept(this);
    }
}
