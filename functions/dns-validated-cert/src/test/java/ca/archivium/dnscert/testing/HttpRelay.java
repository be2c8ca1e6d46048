package ca.archivium.dnscert.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hop of the tests' HTTP stand-ins in front of moto (the {@link FaultProxy}, the conformance layer): a request
 * read from the JDK's HTTP server, sent on unchanged, and the answer sent back.
 *
 * <p>Requests go out as HTTP/1.0 over a plain socket: that keeps the request as sent (Host included, which
 * {@code java.net.http} would replace) and makes moto answer without chunking. A connection serves one request:
 * moto's server (werkzeug's development server) answers {@code Connection: close} to every request whatever the
 * client asks, so there is no connection to keep alive towards it.
 */
public final class HttpRelay {
    // Framing headers are recomputed for each hop; Expect was already answered by the stand-in's own server.
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "expect", "date");

    private HttpRelay() {
    }

    /** The request an exchange carries, with the AWS operation it calls. */
    public static ProxiedRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
        AwsCall call = AwsCall.identify(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), headers, body);
        return new ProxiedRequest(exchange.getRequestMethod(), uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), headers, body, call);
    }

    /** Sends the request to {@code target} and returns its answer. */
    public static ProxyReply forward(URI target, ProxiedRequest request) throws IOException {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setTcpNoDelay(true);
            StringBuilder head = new StringBuilder(request.method() + " " + request.pathAndQuery() + " HTTP/1.0\r\n");
            request.headers().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
                }
            });
            head.append("Content-Length: ").append(request.body().length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            return parseResponse(socket.getInputStream().readAllBytes());
        }
    }

    /** Sends an answer back on the exchange (which the caller closes). */
    public static void send(HttpExchange exchange, ProxyReply reply) throws IOException {
        reply.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean empty = reply.body().length == 0;
        exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
        if (!empty) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(reply.body());
            }
        }
    }

    private static ProxyReply parseResponse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("moto sent an incomplete response: " + text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return new ProxyReply(status, headers, Arrays.copyOfRange(raw, headEnd + 4, raw.length));
    }
}
