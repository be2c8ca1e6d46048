package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.cfn.ResponseUrlPolicy;
import ca.archivium.dnscert.cfn.RetrySchedule;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resource handler's on-failure destination: Lambda's record of a CloudFormation event it gave up on
 * ({@code events/unhandled-create.json}, in the shape of the Lambda developer guide's example record) is answered
 * FAILED once, saying why, so the stack does not wait for ServiceTimeout.
 */
@IntegrationTest
class UnhandledRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResponseSink sink = new ResponseSink(Clock.systemUTC());
    private final ByteArrayOutputStream logLines = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logLines, true, StandardCharsets.UTF_8), Clock.systemUTC());
    private final UnhandledRequests unhandled = new UnhandledRequests(
        new Responder(new ResponseUrlPolicy("http://127.0.0.1:", "us-east-1"), RetrySchedule.standard(), wait -> { }, log), log);

    UnhandledRequestsTest() throws IOException {
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    @Test
    void createWhoseHandlerFailedEveryAttemptIsAnsweredFailedWithTheLastError() throws IOException {
        ObjectNode record = record("unhandled-create.json");

        assertThat(unhandled.answer(bytes(record))).isEqualTo(Handled.ANSWERED);

        assertThat(sink.received()).as("one answer").hasSize(1);
        ResponseSink.Received answer = sink.received().get(0);
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("failed on every attempt (3 attempts)",
            "Task timed out after 180.00 seconds", "Deploy again");
        assertThat(answer.physicalResourceId()).as("a Create without a known certificate: rule 8's not-created id")
            .isEqualTo("not-created:Certificate:" + record.path("requestPayload").path("RequestId").asText());
        assertThat(logLines.toString(StandardCharsets.UTF_8)).as("the log names the request, never its URL")
            .contains("RetriesExhausted").doesNotContain(ResponseSink.SIGNATURE);
    }

    @Test
    void eventThatAgedOutBeforeTheHandlerRanIsAnsweredFailedSayingSo() throws IOException {
        ObjectNode record = record("unhandled-create.json");
        ((ObjectNode) record.path("requestContext")).put("condition", "EventAgeExceeded").put("approximateInvokeCount", 0);
        record.remove(java.util.List.of("responseContext", "responsePayload"));

        assertThat(unhandled.answer(bytes(record))).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = sink.received().get(0);
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("older than the maximum age", "(0 attempts)").doesNotContain("last error");
    }

    @Test
    void deleteThatCouldNotBeHandledKeepsItsPhysicalIdSoTheCertificateIsNotForgotten() throws IOException {
        ObjectNode record = record("unhandled-create.json");
        ObjectNode delete = (ObjectNode) JSON.readTree(CloudFormationSimulator.eventsDirectory().resolve("delete.json").toFile());
        delete.put("ResponseURL", sink.urlFor(delete.path("RequestId").asText()));
        record.set("requestPayload", delete);

        unhandled.answer(bytes(record));

        ResponseSink.Received answer = sink.received().get(0);
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.physicalResourceId()).isEqualTo(delete.path("PhysicalResourceId").asText());
    }

    @Test
    void recordWithoutACloudFormationRequestIsNotAnsweredAnywhere() throws IOException {
        ObjectNode record = record("unhandled-create.json");
        record.putObject("requestPayload").put("key", "value");

        assertThat(unhandled.answer(bytes(record))).isEqualTo(Handled.UNANSWERABLE);
        assertThat(unhandled.answer("not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(Handled.UNANSWERABLE);
        assertThat(sink.attempts()).isZero();
    }

    /** The events/ record, its request's ResponseURL pointing at the sink. */
    private ObjectNode record(String file) throws IOException {
        ObjectNode record = (ObjectNode) JSON.readTree(CloudFormationSimulator.eventsDirectory().resolve(file).toFile());
        ObjectNode request = (ObjectNode) record.path("requestPayload");
        request.put("ResponseURL", sink.urlFor(request.path("RequestId").asText()));
        return record;
    }

    private static byte[] bytes(ObjectNode record) {
        return record.toString().getBytes(StandardCharsets.UTF_8);
    }
}
