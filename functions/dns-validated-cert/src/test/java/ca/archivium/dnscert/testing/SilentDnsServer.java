package ca.archivium.dnscert.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;

/** A UDP port on 127.0.0.1 that takes DNS questions and never answers: a resolver that hangs. */
public final class SilentDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread reader;

    private SilentDnsServer(DatagramSocket socket) {
        this.socket = socket;
        this.reader = new Thread(this::swallow, "silent-dns");
        reader.setDaemon(true);
        reader.start();
    }

    public static SilentDnsServer start() {
        try {
            return new SilentDnsServer(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port}, the form of DNSCERT_RESOLVER. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void swallow() {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        while (!socket.isClosed()) {
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
