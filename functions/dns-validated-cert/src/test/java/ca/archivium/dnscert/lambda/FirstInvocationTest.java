package ca.archivium.dnscert.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource handler's first invocation in a fresh JVM, as a Lambda environment serves it: its credentials come
 * from the container credentials endpoint Lambda provides (here a local stand-in that counts its callers), AWS is
 * moto, and SnapStart's priming runs before it or not.
 */
@IntegrationTest
class FirstInvocationTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger credentialFetches = new AtomicInteger();
    private AwsTestEnvironment moto;
    private HttpServer credentials;
    private ResponseSink sink;

    @BeforeEach
    void start() throws IOException {
        moto = ISSUED_AT_ONCE.freshMoto();
        try (Route53Fixtures route53 = moto.route53Fixtures()) {
            route53.createPublicZone("example.com");
        }
        credentials = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        credentials.createContext("/credentials", exchange -> {
            credentialFetches.incrementAndGet();
            byte[] body = ("{\"AccessKeyId\":\"ASIACONTAINEREXAMPLE\",\"SecretAccessKey\":\"container-secret\","
                + "\"Token\":\"container-token\",\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        credentials.start();
        sink = new ResponseSink(Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        sink.close();
        credentials.stop(0);
    }

    @Test
    void everyClientSharesOneCredentialsFetchPerEnvironment(@TempDir Path dir) throws Exception {
        Probe probe = run("unprimed", dir);

        assertThat(probe.exitCode()).as("the probe: %s", probe.output()).isZero();
        assertThat(sink.received()).as("the Create was answered: %s", probe.output()).hasSize(1);
        assertThat(sink.received().get(0).status()).as("reason: %s", sink.received().get(0).reason())
            .isEqualTo("SUCCESS");
        assertThat(credentialFetches).as("ACM and Route 53 were both called, with one fetch of the container's "
            + "credentials between them").hasValue(1);
    }

    @Test
    void aPrimedHandlersFirstInvocationLoadsFarFewerClassesThanAnUnprimedOne(@TempDir Path dir) throws Exception {
        Probe unprimed = run("unprimed", dir);
        Probe primed = run("primed", dir);

        assertThat(unprimed.exitCode()).as("unprimed probe: %s", unprimed.output()).isZero();
        assertThat(primed.exitCode()).as("primed probe: %s", primed.output()).isZero();
        assertThat(sink.received()).as("both Creates were answered").hasSize(2)
            .allSatisfy(answer -> assertThat(answer.status()).as(answer.reason()).isEqualTo("SUCCESS"));
        assertThat(primed.classesLoaded())
            .as("classes the first invocation loads: primed %d, unprimed %d", primed.classesLoaded(),
                unprimed.classesLoaded())
            .isLessThan(unprimed.classesLoaded() / 3);
    }

    private Probe run(String mode, Path dir) throws IOException, InterruptedException {
        ObjectNode event = (ObjectNode) JSON.readTree(FirstInvocationTest.class.getResourceAsStream(
            "/ca/archivium/dnscert/lambda/priming-event.json"));
        String requestId = UUID.randomUUID().toString();
        event.put("RequestId", requestId).put("ResponseURL", sink.urlFor(requestId));
        ((ObjectNode) event.path("ResourceProperties")).put("WaitForIssuance", "false");
        Path file = Files.writeString(dir.resolve(mode + ".json"), event.toString());

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), FirstInvocationProbe.class.getName(), mode, file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_REGION", AwsTestEnvironment.REGION.id());
        environment.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://127.0.0.1:" + credentials.getAddress().getPort() + "/credentials");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials-file").toString());
        environment.put("AWS_CONFIG_FILE", dir.resolve("no-config-file").toString());
        environment.put("RESPONSE_URL_ALLOWED_PREFIXES", "http://127.0.0.1:");
        // The DNS checks run (their library loads on the first look-up), asking a port nothing listens on: no public
        // DNS knows moto's zones, and the real example.com must not be asked.
        environment.put("DNSCERT_RESOLVER", "127.0.0.1:" + ca.archivium.dnscert.testing.KnotServer.freeUdpPort());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe did not end: " + output);
        }
        return new Probe(process.exitValue(), output);
    }

    private record Probe(int exitCode, String output) {
        long classesLoaded() {
            String marker = "classes loaded by the first invocation: ";
            int at = output.lastIndexOf(marker);
            if (at < 0) {
                throw new AssertionError("the probe printed no class count: " + output);
            }
            return Long.parseLong(output.substring(at + marker.length()).trim().split("\\s")[0]);
        }
    }
}
