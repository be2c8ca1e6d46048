package ca.archivium.dnscert.testing;

import ca.archivium.dnscert.testing.conformance.AwsConformanceLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * moto just wiped, a fresh {@link FaultProxy} in front of it (faults first, then the conformance layer, then moto),
 * and the SDK system properties pointing at the proxy, so clients the code under test builds the default way go
 * through it. Handed out by {@link Emulators}, which closes it at the end of the scope that asked for it.
 */
public final class ProxiedMoto {
    private final FaultProxy proxy;
    private final AwsTestEnvironment direct;
    private final AwsConformanceLayer conformance;
    private final AwsTestEnvironment.AppliedSystemProperties applied;

    private ProxiedMoto(FaultProxy proxy, AwsTestEnvironment direct, AwsConformanceLayer conformance) {
        this.proxy = proxy;
        this.direct = direct;
        this.conformance = conformance;
        // The SDK reads these when clients are built and credentials resolved, which code under test may do
        // lazily, so they stay set until the scope ends.
        this.applied = new AwsTestEnvironment(proxy.endpoint()).applySystemProperties();
    }

    /** A fault proxy in front of {@code aws} (the conformance layer, or moto as it comes), already wiped. */
    static ProxiedMoto start(URI aws, AwsConformanceLayer conformance) {
        try {
            return new ProxiedMoto(FaultProxy.start(aws), new AwsTestEnvironment(aws), conformance);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fault proxy in front of " + aws, e);
        }
    }

    /** The proxy every default-built client goes through: call counts and injected faults. */
    public FaultProxy proxy() {
        return proxy;
    }

    /** Clients that reach AWS without the proxy: set-up and inspection, neither counted nor faulted. */
    public AwsTestEnvironment direct() {
        return direct;
    }

    /**
     * The conformance layer behind the proxy: ACM's delays and scripts, the refusals, and the clock to move when the
     * code under test skips a wait instead of sleeping ({@code conformance().time()::elapse}).
     */
    public AwsConformanceLayer conformance() {
        return conformance;
    }

    void close() {
        applied.close();
        proxy.close();
    }
}
