package ca.archivium.dnscert.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hop of the tests' HTTP stand-ins in front of moto (the {@link FaultProxy}, the conformance layer): a request
 * read from the JDK's HTTP server, sent on unchanged, and the answer sent back.
 *
 * <p>Requests go out over a plain socket, which keeps the request as sent (Host included, which
 * {@code java.net.http} would replace). A connection serves one request: moto's server (werkzeug's development
 * server) answers {@code Connection: close} to every request whatever the client asks ("keep-alive connections ...
 * aren't handled well by Python's http.server", werkzeug's {@code serving.py}), so there is no connection to keep
 * alive towards it. The answer is read to its {@code Content-Length} (or last chunk), not to the connection's
 * end: the server closes its side about 10 ms after answering, which every hop would otherwise wait for.
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
            StringBuilder head = new StringBuilder(request.method() + " " + request.pathAndQuery() + " HTTP/1.1\r\n");
            request.headers().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
                }
            });
            head.append("Connection: close\r\nContent-Length: ").append(request.body().length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            return readResponse(new BufferedInputStream(socket.getInputStream()), request.method());
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

    private static ProxyReply readResponse(InputStream in, String method) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ");
        if (parts.length < 2) {
            throw new IOException("moto sent no status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        Map<String, List<String>> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        named.putAll(headers);
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = new byte[0];
        } else if (named.containsKey("Content-Length")) {
            body = in.readNBytes(Integer.parseInt(named.get("Content-Length").get(0)));
        } else if (named.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            body = chunks(in);
        } else {
            body = in.readAllBytes();
        }
        return new ProxyReply(status, headers, body);
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        while (!line(in).isEmpty()) {
            // trailers, none expected
        }
        return body.toByteArray();
    }

    private static int chunkSize(InputStream in) throws IOException {
        String size = line(in);
        int extension = size.indexOf(';');
        return Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
    }

    /** One CRLF-terminated line of an HTTP head, without its end; empty at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
