package ca.archivium.dnscert.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/**
 * {@code bin/dnscert}, the launcher, run as users run it against moto: its first run with a JVM and a jar makes the
 * start-up cache (the ahead-of-time cache on Java 25+, an AppCDS archive before), later runs use it, and neither
 * changes what the command prints or the status it exits with.
 */
@IntegrationTest
class LauncherCacheTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    /** Maven runs the tests in the module's directory; the launcher is at the repository's top. */
    private static final Path LAUNCHER = Path.of("..", "..", "bin", "dnscert").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "dns-validated-cert.jar");
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Map<String, String> aws;
    private String arn;

    @BeforeEach
    void start() {
        AwsTestEnvironment direct = ISSUED_AT_ONCE.freshMoto();
        try (Route53Fixtures route53 = direct.route53Fixtures(); AcmClient acm = direct.acm()) {
            route53.createPublicZone("example.com");
            arn = acm.requestCertificate(b -> b.domainName("www.example.com").validationMethod(ValidationMethod.DNS))
                .certificateArn();
        }
        ISSUED_AT_ONCE.conformance().passAcmDelays();
        aws = direct.environmentVariables();
    }

    @Test
    void onJava25TheFirstRunMakesTheAheadOfTimeCacheAndLaterRunsUseItWithTheSameOutput(@TempDir Path dir)
        throws IOException {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")),
            "no JDK 25 at " + JDK_25 + ": the launcher's ahead-of-time cache path is not tested here");

        checkTheCache(JDK_25, dir, ".aot");
    }

    @Test
    void onJava17To24TheFirstRunMakesAnAppCdsArchive(@TempDir Path dir) throws IOException {
        Path home = Path.of(System.getProperty("java.home"));
        assumeTrue(Runtime.version().feature() < 25,
            "this JVM is Java " + Runtime.version().feature() + ": the AppCDS path (Java 17 to 24) is not tested here");

        checkTheCache(home, dir, ".jsa");
    }

    private void checkTheCache(Path javaHome, Path dir, String suffix) throws IOException {
        Path jar = copyOfTheJar(dir);
        Run plain = run(javaHome, jar, Map.of("DNSCERT_CACHE", "off"), "status", arn, "--json");
        assertThat(plain.exitCode()).as("%s", plain).isZero();
        JsonNode status = JSON.readTree(plain.out());
        assertThat(status.path("Arn").asText()).as("%s", plain).isEqualTo(arn);
        assertThat(caches(dir)).as("DNSCERT_CACHE=off makes no cache").isEmpty();

        Run first = run(javaHome, jar, Map.of(), "status", arn, "--json");
        assertThat(first).as("the run that makes the cache prints what a run without one prints").isEqualTo(plain);
        List<Path> made = caches(dir);
        assertThat(made).as("one cache, under its final name, nothing left behind").singleElement()
            .satisfies(cache -> assertThat(cache.getFileName().toString()).endsWith(suffix));
        Path cache = made.get(0);
        BasicFileAttributes before = Files.readAttributes(cache, BasicFileAttributes.class);

        Run second = run(javaHome, jar, Map.of(), "status", arn, "--json");
        assertThat(second).as("a run with the cache prints the same").isEqualTo(plain);
        assertThat(caches(dir)).as("the cache is reused, not made again").containsExactly(cache);
        BasicFileAttributes after = Files.readAttributes(cache, BasicFileAttributes.class);
        assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());
        assertThat(after.fileKey()).isEqualTo(before.fileKey());
        // The classes really come from the cache: the JVM logs where it loaded each from (the java launcher reads
        // JDK_JAVA_OPTIONS and says so on standard error; the output is compared without that line).
        Path log = dir.resolve("class-load.log.txt");
        Run logged = run(javaHome, jar, Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log), "status", arn,
            "--json");
        assertThat(logged).isEqualTo(plain);
        assertThat(Files.readString(log)).as("the command's own classes come from the cache")
            .containsPattern("ca\\.archivium\\.dnscert\\.cli\\.Main source: shared objects file");
        Files.delete(log);

        // The first run of a command that fails still makes the cache, and exits with the command's status.
        Path other = Files.createDirectories(dir.resolve("failing"));
        Path otherJar = copyOfTheJar(other);
        String unknown = arn.substring(0, arn.lastIndexOf('/') + 1) + "00000000-0000-0000-0000-000000000000";
        Run failingPlain = run(javaHome, otherJar, Map.of("DNSCERT_CACHE", "off"), "status", unknown, "--json");
        assertThat(failingPlain.exitCode()).as("%s", failingPlain).isEqualTo(1);
        Run failingFirst = run(javaHome, otherJar, Map.of(), "status", unknown, "--json");
        assertThat(failingFirst).isEqualTo(failingPlain);
        assertThat(caches(other)).singleElement()
            .satisfies(c -> assertThat(c.getFileName().toString()).endsWith(suffix));
    }

    private static Path copyOfTheJar(Path dir) throws IOException {
        assertThat(JAR).as("the command-line jar; build it with mvn -Pcli package").isRegularFile();
        return Files.copy(JAR, dir.resolve("dns-validated-cert.jar"));
    }

    /** Every file next to the jar but the jar itself: caches, and whatever a run might leave behind. */
    private static List<Path> caches(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().equals("dns-validated-cert.jar"))
                .sorted().toList();
        }
    }

    /** What one run of the launcher left behind. */
    record Run(int exitCode, String out, String err) {
    }

    private Run run(Path javaHome, Path jar, Map<String, String> extra, String... args) throws IOException {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args))
                .toList()).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            for (String inherited : List.of("JAVA", "DNSCERT_CACHE", "DNSCERT_CDS", "DNSCERT_JAVA_OPTIONS",
                "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
                environment.remove(inherited);
            }
            Map<String, String> settings = new HashMap<>(aws);
            settings.put("JAVA_HOME", javaHome.toString());
            settings.put("DNSCERT_JAR", jar.toAbsolutePath().toString());
            settings.putAll(extra);
            environment.putAll(settings);
            Process process = builder.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            if (extra.containsKey("JDK_JAVA_OPTIONS")) {
                errors = errors.lines().filter(l -> !l.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS"))
                    .reduce("", (a, b) -> a + b + "\n");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
