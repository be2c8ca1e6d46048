package ca.archivium.dnscert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cli.CommandLineUnderTest.Run;
import ca.archivium.dnscert.lifecycle.AcmReplies;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code invoke} of the repository's own event files: the whole request handled here, answered to a local sink. */
@IntegrationTest
class InvokeCommandTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Maven runs the tests in the module's directory; the events are at the repository's top. */
    private static final Path EVENTS = Path.of("..", "..", "events");

    private CommandLineUnderTest cli;
    private ResponseSink sink;

    @BeforeEach
    void start() throws IOException {
        cli = CommandLineUnderTest.start(ISSUED_AT_ONCE);
        sink = new ResponseSink(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void invokeOfTheCreateEventRunsTheWaitLoopHereAndAnswersSuccessToTheResponseUrl(@TempDir Path dir) throws IOException {
        cli.proxy().next(2, "DescribeCertificate").reply(AcmReplies.stillValidating(cli.moto()));
        Path file = createEventAnsweredToTheSink(dir);
        String requestId = JSON.readTree(file.toFile()).path("RequestId").asText();

        Run run = cli.run(Map.of("RESPONSE_URL_ALLOWED_PREFIXES", "http://127.0.0.1:"), "invoke", file.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(sink.receivedFor(requestId)).as("one answer: %s", run).hasSize(1);
        ResponseSink.Received answer = sink.receivedFor(requestId).get(0);
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(cli.certificateArns()).containsExactly(answer.physicalResourceId());
        assertThat(answer.data().path("Status").asText()).isEqualTo("ISSUED");
        assertThat(run.err()).as("the wait loop ran here").contains("wait loop").contains("looking again in");
        assertThat(cli.waits()).as("its waits were waited").isNotEmpty();
    }

    @Test
    void aReconcileStepThatThrowsIsStillAnsweredFailedAsTheDeployedStateMachineCatchesIt(@TempDir Path dir)
        throws IOException {
        cli.proxy().every("DescribeCertificate").reply(AcmReplies.withoutStatus(cli.moto()));
        Path file = createEventAnsweredToTheSink(dir);
        String requestId = JSON.readTree(file.toFile()).path("RequestId").asText();

        Run run = cli.run(Map.of("RESPONSE_URL_ALLOWED_PREFIXES", "http://127.0.0.1:"), "invoke", file.toString());

        assertThat(sink.receivedFor(requestId)).as("exactly one answer, as the state machine's Catch gives: %s", run)
            .hasSize(1);
        ResponseSink.Received answer = sink.receivedFor(requestId).get(0);
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).as("the reason names the failure")
            .contains("Internal error while waiting").contains("NullPointerException");
        assertThat(answer.physicalResourceId()).as("the certificate, so that the rollback Delete removes it")
            .isEqualTo(cli.certificateArns().get(0));
        assertThat(run.err()).as("the step failed inside the wait loop").contains("Reconcile failed");
        assertThat(run.err().lines().filter(line -> line.contains("\"the wait-loop step failed\"")))
            .as("the step's failure is logged with its request").singleElement().asString()
            .contains("\"cloudFormationRequestId\":\"" + requestId + "\"").contains("NullPointerException");
        assertThat(run.exitCode()).as("answered: %s", run).isZero();
    }

    @Test
    void invokeWithAResponseUrlThePolicyRefusesSendsNothingThere(@TempDir Path dir) throws IOException {
        Path file = createEventAnsweredToTheSink(dir);
        String requestId = JSON.readTree(file.toFile()).path("RequestId").asText();

        Run run = cli.run("invoke", file.toString());

        assertThat(sink.received()).as("without RESPONSE_URL_ALLOWED_PREFIXES only AWS hosts are answered: %s", run)
            .isEmpty();
    }

    /** {@code events/create.json} with its ResponseURL pointing at the sink, written to {@code dir}. */
    private Path createEventAnsweredToTheSink(Path dir) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(EVENTS.resolve("create.json").toFile());
        event.put("ResponseURL", sink.urlFor(event.path("RequestId").asText()));
        return Files.writeString(dir.resolve("create.json"), event.toString());
    }
}
