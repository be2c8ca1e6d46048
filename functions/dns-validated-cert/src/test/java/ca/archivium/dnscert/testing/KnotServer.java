package ca.archivium.dnscert.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real authoritative DNS server (Knot DNS, Debian package {@code knot}) on a free port of 127.0.0.1, serving the
 * zones a test gives it. {@link #serve} replaces them all (the server restarts on the same port, which takes a few
 * milliseconds). It answers what an authoritative server answers: records, NODATA, NXDOMAIN within its zones,
 * REFUSED outside them. The process never outlives the JVM.
 */
public final class KnotServer implements AutoCloseable {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(15);

    private final Path directory;
    private final int port;
    private final Thread stopAtExit;
    private Process process;

    private KnotServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
        this.stopAtExit = new Thread(this::stopProcess, "knotd-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** A server with no zones yet (every question REFUSED). */
    public static KnotServer start() {
        IllegalStateException last = null;
        // A port free when chosen can be taken before knotd binds it (other tests start servers too): try another.
        for (int attempt = 0; attempt < 5; attempt++) {
            KnotServer server;
            try {
                server = new KnotServer(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "knot-"), freePort());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start knotd", e);
            }
            try {
                server.serve(Map.of());
                return server;
            } catch (IllegalStateException e) {
                server.close();
                last = e;
                if (!e.getMessage().contains("already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** {@code host:port}, the form of DNSCERT_RESOLVER. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * Serves exactly these zones from now on.
     *
     * @param zones zone name (no trailing dot) → zone file body, records relative to the zone ({@code @ NS ns1.x.}).
     *              A SOA is added when the body has none.
     */
    public void serve(Map<String, String> zones) {
        stopProcess();
        try {
            StringBuilder config = new StringBuilder()
                .append("server:\n    rundir: \"").append(directory).append("\"\n")
                .append("    listen: 127.0.0.1@").append(port).append('\n')
                .append("    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\n")
                .append("database:\n    storage: \"").append(directory.resolve("db")).append("\"\n")
                .append("log:\n  - target: stderr\n    any: warning\n")
                .append("template:\n  - id: default\n    storage: \"").append(directory).append("\"\n")
                .append("    file: \"%s.zone\"\n    journal-content: none\n    semantic-checks: off\n")
                .append("    zonefile-sync: -1\n    zonefile-load: whole\n");
            if (!zones.isEmpty()) {
                config.append("zone:\n");
            }
            for (Map.Entry<String, String> zone : zones.entrySet()) {
                config.append("  - domain: ").append(zone.getKey()).append('\n');
                String body = zone.getValue();
                if (!body.contains("SOA")) {
                    body = "@ 300 SOA ns1." + zone.getKey() + ". hostmaster." + zone.getKey() + ". 1 3600 600 86400 60\n" + body;
                }
                Files.writeString(directory.resolve(zone.getKey() + ".zone"),
                    "$ORIGIN " + zone.getKey() + ".\n$TTL 60\n" + body + "\n");
            }
            Path conf = Files.writeString(directory.resolve("knot.conf"), config);
            Path log = directory.resolve("knotd.log");
            for (int attempt = 0; ; attempt++) {
                Files.deleteIfExists(log);
                process = new ProcessBuilder(locateBinary().toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                try {
                    awaitReady(zones.keySet().stream().findFirst(), log);
                    return;
                } catch (IllegalStateException e) {
                    // A restart can find the port still held for a moment by the previous process: try again.
                    stopProcess();
                    if (attempt >= 10 || !e.getMessage().contains("already in use")) {
                        throw e;
                    }
                    pause(100);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start knotd in " + directory, e);
        }
    }

    private void awaitReady(Optional<String> zone, Path log) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_LIMIT);
        byte[] query = soaQuery(zone.orElse("ready.invalid"));
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(100);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("knotd exited with " + process.exitValue() + ": " + Files.readString(log));
                }
                socket.send(new DatagramPacket(query, query.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                try {
                    socket.receive(reply);
                    int rcode = reply.getData()[3] & 0x0f;
                    // REFUSED while the zones are still loading; with no zones, REFUSED is the steady answer.
                    if (zone.isEmpty() || rcode != 5) {
                        return;
                    }
                } catch (SocketTimeoutException | java.net.PortUnreachableException notYet) {
                    // poll again
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("knotd did not answer on " + address() + ": " + Files.readString(log));
    }

    /** A minimal DNS query for the SOA of {@code name}, built by hand to keep the readiness check independent. */
    private static byte[] soaQuery(String name) {
        List<Byte> bytes = new ArrayList<>(List.of((byte) 0x12, (byte) 0x34, (byte) 0, (byte) 0, (byte) 0, (byte) 1,
            (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0));
        for (String label : name.split("\\.")) {
            bytes.add((byte) label.length());
            for (char c : label.toCharArray()) {
                bytes.add((byte) c);
            }
        }
        bytes.add((byte) 0);
        bytes.addAll(List.of((byte) 0, (byte) 6, (byte) 0, (byte) 1));
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook finds the process gone
        }
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** {@code knotd} from PATH or /usr/sbin (where Debian puts it, often not on a user's PATH). */
    static Path locateBinary() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "knotd"));
            }
        }
        candidates.add(Path.of("/usr/sbin/knotd"));
        return candidates.stream().filter(Files::isExecutable).findFirst()
            .orElseThrow(() -> new IllegalStateException("knotd (Knot DNS) is not installed: apt-get install knot"));
    }

    /** A port of 127.0.0.1 free for both TCP and UDP right now (knotd listens on both). */
    private static int freePort() throws IOException {
        while (true) {
            try (java.net.ServerSocket tcp = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                try (DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                    return udp.getLocalPort();
                } catch (java.net.SocketException udpTaken) {
                    // try another
                }
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A UDP port nothing listens on right now. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Zone bodies by zone name, in insertion order, for {@link #serve}. */
    public static Map<String, String> zones(String... nameThenBody) {
        Map<String, String> zones = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenBody.length; i += 2) {
            zones.put(nameThenBody[i], nameThenBody[i + 1]);
        }
        return zones;
    }
}
