package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lambda.ReconcileHandler;
import ca.archivium.dnscert.lambda.RespondHandler;
import ca.archivium.dnscert.lambda.ResourceHandler;
import ca.archivium.dnscert.statemachine.AslExecution;
import ca.archivium.dnscert.statemachine.ExecutionResult;
import ca.archivium.dnscert.statemachine.StateMachineWorkspace;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployed wait loop ({@code statemachine/wait-loop.asl.json}) executed by aws-local-stepfunctions, its Task
 * states bound to the real Reconcile and Respond Lambda handlers, against moto: one Create from event to answer.
 * Needs {@code npm ci --prefix statemachine/test} once; without it the test fails and says so.
 */
@IntegrationTest
class WaitLoopEndToEndTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fresh world for every test, closed after it. */
    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void createLoopsThroughTheStateMachineUntilIssuedThenAnswersSuccessExactlyOnce() {
        StateMachineWorkspace workspace = StateMachineWorkspace.find().orElseThrow(() -> new AssertionError(
            "no " + StateMachineWorkspace.WAIT_LOOP + " above the working directory"));
        ObjectNode event = cfn.event("create.json");
        invoke(new ResourceHandler(cfn.lifecycle()), event);
        JsonNode started = cfn.waitLoop().input(cfn.waitLoop().executionNames().get(0));
        // ACM still validating for the first two looks of the loop.
        cfn.proxy().next(2, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        ReconcileHandler reconcile = new ReconcileHandler(cfn.lifecycle());
        Function<JsonNode, JsonNode> reconcileAfterTheWait = step -> {
            // The machine's Wait lasts a millisecond here; the lifecycle's clock jumps by what it asked for.
            cfn.clock().advance(Duration.ofSeconds(step.path("waitSeconds").asLong()));
            return invoke(reconcile, step);
        };
        RespondHandler respond = new RespondHandler(cfn.lifecycle());

        ExecutionResult result = new AslExecution(workspace, workspace.waitLoopDefinition(),
            Map.of("WakeRespond", wake -> invoke(respond, wake), "Reconcile", reconcileAfterTheWait,
                "Respond", step -> invoke(respond, step))).run(started);

        assertThat(result.succeeded()).as("execution (%s: %s)", result.error(), result.cause()).isTrue();
        assertThat(result.inputsOf("Reconcile")).as("looked while ACM was validating, then once more").hasSize(3);
        assertThat(result.inputsOf("Respond")).hasSize(1);
        assertThat(result.inputsOf("WakeRespond")).as("the real Respond handler woken first").hasSize(1);
        ResponseSink.Received answer = cfn.onlyResponse();
        String arn = cfn.certificateArns().get(0);
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId()).isEqualTo(arn);
        assertThat(answer.data().path("Status").asText()).isEqualTo("ISSUED");
        assertThat(result.output().path("status").asText()).isEqualTo("SUCCESS");
        assertThat(result.output().toString()).as("the execution's output never carries the ResponseURL")
            .doesNotContain(ResponseSink.SIGNATURE);
    }

    private static JsonNode invoke(RequestStreamHandler handler, JsonNode input) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), output, null);
            return output.size() == 0 ? JSON.nullNode() : JSON.readTree(output.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
