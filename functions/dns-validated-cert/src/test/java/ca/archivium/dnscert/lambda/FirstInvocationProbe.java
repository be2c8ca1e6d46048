package ca.archivium.dnscert.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh JVM as a Lambda environment sees it: builds the resource handler from the environment, primes it as
 * SnapStart would before the snapshot (when asked), then serves one CloudFormation event and prints how many
 * classes that first invocation loaded, as the last line of its output.
 *
 * <p>Arguments: {@code primed|unprimed EVENT_FILE}.
 */
public final class FirstInvocationProbe {
    private FirstInvocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        Container.Wired wired = Container.wire();
        if ("primed".equals(args[0])) {
            wired.priming().beforeCheckpoint(null);
            wired.priming().afterRestore(null);
        }
        ResourceHandler handler = new ResourceHandler(wired.lifecycle());
        long before = classes.getTotalLoadedClassCount();
        handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
        long loaded = classes.getTotalLoadedClassCount() - before;
        System.out.println("classes loaded by the first invocation: " + loaded);
    }
}
