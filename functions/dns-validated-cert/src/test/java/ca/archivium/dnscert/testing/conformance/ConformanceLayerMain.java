package ca.archivium.dnscert.testing.conformance;

import ca.archivium.dnscert.testing.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The conformance layer on its own, in front of a moto_server someone else started: what {@code bin/local-run}
 * puts between its demo and moto. Runs until the process is stopped.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(dependencies) ca.archivium.dnscert.testing.conformance.ConformanceLayerMain \
 *     --moto http://127.0.0.1:5000 --refusals /tmp/refusals.log [--timing aws|suite]
 * </pre>
 *
 * Prints the layer's endpoint on the first line of standard output. The timing is AWS's magnitude unless
 * {@code --timing suite} asks for the test suite's ({@link ConformanceTiming}).
 */
public final class ConformanceLayerMain {
    private ConformanceLayerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        URI moto = null;
        Optional<Path> refusals = Optional.empty();
        ConformanceTiming timing = ConformanceTiming.AWS;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (rest.isEmpty()) {
                usage("a value after " + option);
            }
            String value = rest.remove(0);
            switch (option) {
                case "--moto" -> moto = URI.create(value);
                case "--refusals" -> refusals = Optional.of(Path.of(value));
                case "--timing" -> timing = switch (value) {
                    case "aws" -> ConformanceTiming.AWS;
                    case "suite" -> ConformanceTiming.SUITE;
                    default -> throw usage("--timing aws or --timing suite, not " + value);
                };
                default -> usage("one of --moto, --refusals, --timing, not " + option);
            }
        }
        if (moto == null) {
            throw usage("--moto http://host:port");
        }
        ServiceModels models = ServiceModels.load(ServiceModels.botocoreDataOf(MotoServer.locateBinary()));
        AwsConformanceLayer layer = AwsConformanceLayer.start(moto, models, timing, refusals, "bin/local-run");
        Runtime.getRuntime().addShutdownHook(new Thread(layer::close, "aws-conformance-layer-stop"));
        System.out.println(layer.endpoint());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static IllegalArgumentException usage(String expected) {
        System.err.println("usage: ConformanceLayerMain --moto URL [--refusals FILE] [--timing aws|suite]; expected "
            + expected);
        System.exit(2);
        return new IllegalArgumentException(expected);
    }
}
