package ca.archivium.dnscert.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.cfn.ResponseDeliveryException;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultRule;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.waitloop.StepFunctionsWaitLoop;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.StepStates;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The two calls outside ACM and Route 53: Step Functions' StartExecution (against moto's Step Functions API, with
 * the product's own client settings) and the response PUT to the ResponseURL. A few faults are ridden out; a
 * persistent one is reported naming the call, and nothing is left behind.
 */
@IntegrationTest
class WaitLoopStartAndResponseFaultsTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Consumer<FaultRule>> KINDS = Map.of(
        "throttling", FaultRule::throttle,
        "HTTP 503", rule -> rule.serverError(503),
        "dropped connection", FaultRule::dropConnection,
        "slow answer", rule -> rule.delay(Duration.ofMillis(1_500)));

    private CloudFormationSimulator cfn;
    private ServiceClients clients;
    private String stateMachineArn;

    @BeforeEach
    void start() {
        cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);
        // Built while the simulator points the SDK at the fault proxy: the product's client, retries included.
        clients = new ServiceClients(AwsTestEnvironment.REGION, AwsTestEnvironment.CLIENT_TIMING);
        try (SfnClient sfn = cfn.direct().sfn()) {
            stateMachineArn = sfn.createStateMachine(b -> b.name("dns-validated-cert-wait-loop")
                .roleArn("arn:aws:iam::123456789012:role/wait-loop")
                .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}")).stateMachineArn();
        }
    }

    @AfterEach
    void stop() {
        clients.close();
        cfn.close();
    }

    @ParameterizedTest(name = "3 × {0}")
    @ValueSource(strings = {"throttling", "HTTP 503", "dropped connection", "slow answer"})
    void aFewFaultsOnStartExecutionStillStartTheLoopOnce(String kind) throws IOException {
        StepFunctionsWaitLoop loop = new StepFunctionsWaitLoop(clients.sfn(), stateMachineArn);
        KINDS.get(kind).accept(cfn.proxy().next(3, "StartExecution"));

        boolean started = loop.start("Certificate-create-0123456789ab", step());

        assertThat(started).isTrue();
        assertThat(executionsNamed("Certificate-create-0123456789ab")).as("one execution of that name").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} on every StartExecution")
    @ValueSource(strings = {"throttling", "HTTP 503", "dropped connection"})
    void startExecutionFailingForGoodIsAnsweredFailedNamingItAndTheRollbackLeavesNothing(String kind) throws IOException {
        StepFunctionsWaitLoop loop = new StepFunctionsWaitLoop(clients.sfn(), stateMachineArn);
        KINDS.get(kind).accept(cfn.proxy().every("StartExecution"));
        AwsCallException failure = org.assertj.core.api.Assertions.catchThrowableOfType(AwsCallException.class,
            () -> loop.start("Certificate-create-0123456789ab", step()));
        assertThat(failure).as("StartExecution fails for good").isNotNull();
        assertThat(failure.getMessage()).startsWith("StartExecution failed");
        // The handler meets that same failure when it hands a Create over to the wait loop.
        cfn.waitLoop().failStartsWith(failure);
        ObjectNode create = cfn.event("create.json");

        assertThat(cfn.deliver(create)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        String arn = cfn.certificateArns().get(0);
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("StartExecution");
        assertThat(answer.physicalResourceId()).as("the rollback Delete must know the certificate").isEqualTo(arn);
        ObjectNode rollback = cfn.event("delete.json").put("PhysicalResourceId", arn);
        cfn.deliver(rollback);
        assertThat(cfn.onlyResponseTo(rollback.path("RequestId").asText()).status()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("nothing orphaned").isEmpty();
    }

    @Test
    void responseUrlFailingFourTimesThenAcceptingGetsExactlyOneResponse() {
        ObjectNode create = cfn.event("create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("WaitForIssuance", "false");
        cfn.sink().refuseNext(4, 503);

        assertThat(cfn.deliver(create)).isEqualTo(Handled.ANSWERED);

        assertThat(cfn.sink().attempts()).as("four refused PUTs, then the accepted one").isEqualTo(5);
        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).containsExactly(answer.physicalResourceId());
    }

    @Test
    void responseUrlFailingFourTimesAtTheEndOfTheWaitLoopGetsExactlyOneResponse() {
        ObjectNode create = cfn.event("create.json");
        assertThat(cfn.deliver(create)).isEqualTo(Handled.WAITING);
        cfn.sink().refuseNext(4, 500);

        cfn.runWaitLoopFor(create);

        assertThat(cfn.sink().attempts()).isEqualTo(5);
        assertThat(cfn.onlyResponse().status()).isEqualTo("SUCCESS");
    }

    @Test
    void responseUrlThatNeverAcceptsFailsTheDeliveryWithoutShowingTheUrlAndLambdasRetryAnswersOnceWithTheSameCertificate() {
        ObjectNode create = cfn.event("create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("WaitForIssuance", "false");
        cfn.sink().refuseNext(6, 503);

        assertThatThrownBy(() -> cfn.deliver(create)).isInstanceOf(ResponseDeliveryException.class)
            .hasMessageContaining("6 attempts").hasMessageNotContaining(ResponseSink.SIGNATURE);
        assertThat(cfn.sink().received()).isEmpty();
        String arn = cfn.certificateArns().get(0);

        // Lambda runs a failed asynchronous invocation again, with the same event.
        assertThat(cfn.deliver(create)).isEqualTo(Handled.ANSWERED);

        assertThat(cfn.onlyResponse().physicalResourceId()).isEqualTo(arn);
        assertThat(cfn.certificateArns()).as("the IdempotencyToken gives the same certificate back").containsExactly(arn);
        assertThat(cfn.log()).doesNotContain(ResponseSink.SIGNATURE);
    }

    @Test
    void expiredResponseUrlIsNotTriedAgain() {
        ObjectNode create = cfn.event("create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("WaitForIssuance", "false");
        cfn.sink().refuseNext(1, 403);

        assertThatThrownBy(() -> cfn.deliver(create)).isInstanceOf(ResponseDeliveryException.class)
            .hasMessageContaining("403");
        assertThat(cfn.sink().attempts()).as("the same URL would be refused again").isEqualTo(1);
    }

    private long executionsNamed(String name) {
        try (SfnClient sfn = cfn.direct().sfn()) {
            return sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions().stream()
                .map(ExecutionListItem::name).filter(name::equals).count();
        }
    }

    private static StepState step() throws IOException {
        return StepStates.fromJson(JSON.readTree(CloudFormationSimulator.eventsDirectory().resolve("wait-loop-input.json")
            .toFile()));
    }
}
