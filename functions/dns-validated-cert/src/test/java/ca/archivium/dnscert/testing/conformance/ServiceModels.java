package ca.archivium.dnscert.testing.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The published models of the services the product and its tests call: botocore's {@code service-2.json.gz} of ACM,
 * Route 53, STS, Step Functions and KMS, read from the botocore installed next to moto (moto is built on it, so the
 * models are the ones of the Python that runs {@code moto_server}). AWS publishes the same models in every SDK; the
 * layer checks requests against them instead of retyping any constraint. Other tests that read a model (Lambda's
 * Invoke errors) find it here too, so every test settles on the same botocore.
 */
public final class ServiceModels {
    /** botocore's folder names of the services the product calls. */
    static final List<String> SERVICES = List.of("acm", "route53", "sts", "stepfunctions", "kms");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ServiceModel> bySigningName;

    private ServiceModels(Map<String, ServiceModel> bySigningName) {
        this.bySigningName = bySigningName;
    }

    /** The models in {@code botocoreData} ({@code .../site-packages/botocore/data}), the newest version of each. */
    public static ServiceModels load(Path botocoreData) {
        Map<String, ServiceModel> models = new LinkedHashMap<>();
        for (String service : SERVICES) {
            ServiceModel model = ServiceModel.parse(readJson(newestVersion(botocoreData, service), "service-2.json"));
            models.put(model.signingName(), model);
        }
        return new ServiceModels(Map.copyOf(models));
    }

    /**
     * One of botocore's files in a version folder ({@code service-2.json}, {@code waiters-2.json}), gzipped
     * ({@code .gz}, as botocore ships most of them) or not.
     */
    public static JsonNode readJson(Path versionFolder, String name) {
        Path gzipped = versionFolder.resolve(name + ".gz");
        Path file = Files.isRegularFile(gzipped) ? gzipped : versionFolder.resolve(name);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.equals(gzipped) ? new GZIPInputStream(raw) : raw) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the botocore model " + file, e);
        }
    }

    /** The model of the service a request was signed for ({@code acm}, {@code states}, ...), if it is one of ours. */
    public Optional<ServiceModel> forSigningName(String signingName) {
        return Optional.ofNullable(bySigningName.get(signingName));
    }

    /**
     * botocore's {@code data} folder, asked of the Python interpreter that runs {@code moto_server}: the one named by
     * its {@code #!} line, or, when the binary is a pyenv shim (a shell script), by {@code pyenv which}.
     */
    public static Path botocoreDataOf(Path motoServer) {
        Path python = interpreter(motoServer);
        String folder = run(List.of(python.toString(), "-c",
            "import os, botocore; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))"));
        Path data = Path.of(folder.strip());
        if (!Files.isDirectory(data.resolve("acm"))) {
            throw new IllegalStateException(python + " names " + data + " as botocore's data, which holds no acm model");
        }
        return data;
    }

    private static Path interpreter(Path motoServer) {
        String shebang = firstLine(motoServer);
        if (shebang.startsWith("#!") && shebang.contains("python")) {
            String command = shebang.substring(2).strip();
            return Path.of(command.contains(" ") ? command.substring(0, command.indexOf(' ')) : command);
        }
        // A pyenv shim is a bash script that picks a version at run time: ask pyenv which script it would run.
        Path pyenv = motoServer.toAbsolutePath().getParent().resolveSibling("bin").resolve("pyenv");
        Path script = Path.of(run(List.of(Files.isExecutable(pyenv) ? pyenv.toString() : "pyenv", "which",
            motoServer.getFileName().toString())).strip());
        String realShebang = firstLine(script);
        if (!realShebang.startsWith("#!") || !realShebang.contains("python")) {
            throw new IllegalStateException("cannot tell which Python runs " + motoServer + " (" + script + " starts with '"
                + realShebang + "')");
        }
        return Path.of(realShebang.substring(2).strip().split(" ")[0]);
    }

    private static String firstLine(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The newest version folder of a service's models ({@code .../data/lambda/2015-03-31}). */
    public static Path newestVersion(Path botocoreData, String service) {
        Path folder = botocoreData.resolve(service);
        try (Stream<Path> versions = Files.list(folder)) {
            return versions.filter(v -> Files.isRegularFile(v.resolve("service-2.json.gz")))
                .max(Comparator.comparing(Path::toString))
                .orElseThrow(() -> new IllegalStateException("no service-2.json.gz under " + folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
