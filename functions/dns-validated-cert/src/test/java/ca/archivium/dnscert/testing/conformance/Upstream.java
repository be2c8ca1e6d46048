package ca.archivium.dnscert.testing.conformance;

import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import java.io.IOException;

/** Sends a request on to moto, as the layer does with what it lets through. */
@FunctionalInterface
interface Upstream {
    ProxyReply forward(ProxiedRequest request) throws IOException;
}
