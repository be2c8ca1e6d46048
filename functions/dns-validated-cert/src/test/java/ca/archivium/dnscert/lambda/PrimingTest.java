package ca.archivium.dnscert.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.stream.LongStream;
import org.crac.Core;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void registeringWithoutACracRuntimeDoesNothingHarmful() {
        try (ServiceClients clients = new ServiceClients(AwsTestEnvironment.REGION)) {
            assertThatCode(() -> new Priming(clients, RestorableRandom.seeded()).register())
                .as("outside SnapStart, registration must not fail the function's start")
                .doesNotThrowAnyException();
        }
    }

    @Test
    void primingRunsEveryKindOfCallAndParsesTheSamplesWithoutCallingAws() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        // Every endpoint points at a port nothing listens on: any AWS call would fail the priming.
        try (var unreachable = new AwsTestEnvironment(URI.create("http://127.0.0.1:" + closedPort)).applySystemProperties();
             ServiceClients clients = new ServiceClients(AwsTestEnvironment.REGION)) {
            assertThatCode(() -> new Priming(clients, RestorableRandom.seeded()).beforeCheckpoint(Core.getGlobalContext()))
                .as("priming must complete with no AWS reachable, and its samples and recorded answers must parse")
                .doesNotThrowAnyException();
        }
    }

    @Test
    void environmentsRestoredFromOneSnapshotDrawDifferentJitter() {
        // Two environments restored from one snapshot start with the same generator state.
        RestorableRandom first = new RestorableRandom(42);
        RestorableRandom second = new RestorableRandom(42);
        assertThat(draws(first)).as("the premise: the same state draws the same numbers").isEqualTo(draws(new RestorableRandom(42)));

        try (ServiceClients clients = new ServiceClients(AwsTestEnvironment.REGION)) {
            new Priming(clients, first).afterRestore(Core.getGlobalContext());
            new Priming(clients, second).afterRestore(Core.getGlobalContext());
        }

        assertThat(draws(first)).as("after each restore the generator is seeded anew").isNotEqualTo(draws(second));
    }

    private static long[] draws(RestorableRandom random) {
        return LongStream.generate(random::nextLong).limit(4).toArray();
    }
}
