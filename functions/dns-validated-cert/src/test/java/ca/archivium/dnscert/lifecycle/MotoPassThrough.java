package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.testing.HttpRelay;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * Sends a request the fault proxy caught on to what stands behind it (the conformance layer, then moto), so a proxy
 * {@code reply} hook can answer with AWS's own answer, changed or remembered.
 */
public final class MotoPassThrough {
    private final URI aws;

    public MotoPassThrough(URI aws) {
        this.aws = aws;
    }

    public ProxyReply forward(ProxiedRequest request) {
        try {
            return HttpRelay.forward(aws, request);
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + request.call().operation() + " from " + aws, e);
        }
    }
}
