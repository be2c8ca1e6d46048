package ca.archivium.dnscert.lambda;

import static org.assertj.core.api.Assertions.assertThatCode;

import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.crac.Core;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void registeringWithoutACracRuntimeDoesNothingHarmful() {
        try (ServiceClients clients = new ServiceClients(AwsTestEnvironment.REGION)) {
            assertThatCode(() -> Priming.register(clients))
                .as("outside SnapStart, registration must not fail the function's start")
                .doesNotThrowAnyException();
        }
    }

    @Test
    void primingBuildsEveryClientAndParsesTheSamplesWithoutCallingAws() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        // Every endpoint points at a port nothing listens on: any AWS call would fail the priming.
        try (var unreachable = new AwsTestEnvironment(URI.create("http://127.0.0.1:" + closedPort)).applySystemProperties();
             ServiceClients clients = new ServiceClients(AwsTestEnvironment.REGION)) {
            assertThatCode(() -> new Priming(clients).beforeCheckpoint(Core.getGlobalContext()))
                .as("priming must complete with no AWS reachable, and its sample documents must parse")
                .doesNotThrowAnyException();
        }
    }
}
