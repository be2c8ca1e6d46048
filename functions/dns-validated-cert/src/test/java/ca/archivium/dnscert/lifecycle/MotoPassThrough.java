package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

/**
 * Sends a request the fault proxy caught on to moto, so a proxy {@code reply} hook can answer with moto's own
 * answer, changed or remembered.
 */
public final class MotoPassThrough {
    // Headers java.net.http sets itself and refuses to take from the caller.
    private static final Set<String> SET_BY_CLIENT =
        Set.of("connection", "content-length", "expect", "host", "upgrade", "date", "transfer-encoding");

    private final URI moto;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public MotoPassThrough(URI moto) {
        this.moto = moto;
    }

    public ProxyReply forward(ProxiedRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(moto + request.pathAndQuery()))
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ProxyReply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("moto did not answer " + request.call().operation(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking moto", e);
        }
    }
}
