package ca.archivium.dnscert.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * moto just wiped, a fresh {@link FaultProxy} in front of it, and the SDK system properties pointing at the proxy,
 * so clients the code under test builds the default way go through it. Handed out by {@link Emulators}, which
 * closes it at the end of the scope that asked for it.
 */
public final class ProxiedMoto {
    private final FaultProxy proxy;
    private final AwsTestEnvironment direct;
    private final AwsTestEnvironment.AppliedSystemProperties applied;

    private ProxiedMoto(FaultProxy proxy, AwsTestEnvironment direct) {
        this.proxy = proxy;
        this.direct = direct;
        // The SDK reads these when clients are built and credentials resolved, which code under test may do
        // lazily, so they stay set until the scope ends.
        this.applied = new AwsTestEnvironment(proxy.endpoint()).applySystemProperties();
    }

    static ProxiedMoto start(MotoServer moto) {
        moto.reset();
        try {
            return new ProxiedMoto(FaultProxy.start(moto.endpoint()), new AwsTestEnvironment(moto.endpoint()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fault proxy in front of " + moto.endpoint(), e);
        }
    }

    /** The proxy every default-built client goes through: call counts and injected faults. */
    public FaultProxy proxy() {
        return proxy;
    }

    /** Clients that reach moto without the proxy: set-up and inspection, neither counted nor faulted. */
    public AwsTestEnvironment direct() {
        return direct;
    }

    void close() {
        applied.close();
        proxy.close();
    }
}
