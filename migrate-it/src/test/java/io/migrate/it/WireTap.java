package io.migrate.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay between a PostgreSQL client and the server that records what the server receives:
 * the text of each simple-protocol query ({@code Q} message) and the data of each {@code COPY ... FROM
 * stdin} ({@code d} messages up to {@code c}). One client connection at a time, without TLS (the
 * client must use {@code sslmode=disable} and {@code gssencmode=disable}).
 */
final class WireTap implements AutoCloseable {

    /** What the server received, in order: a query, or the data that followed a COPY. */
    record Message(String query, String copyData) {
    }

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;

    private final String host;
    private final int port;
    private final ServerSocket listener;
    private final List<Message> received = new ArrayList<>();
    private final Thread acceptor;

    WireTap(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "wire-tap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What the server received so far, from every connection. */
    synchronized List<Message> received() {
        return List.copyOf(received);
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept(); Socket server = new Socket(host, port)) {
                Thread back = new Thread(() -> copy(server, client), "wire-tap-back");
                back.setDaemon(true);
                back.start();
                relay(new DataInputStream(client.getInputStream()), server.getOutputStream());
                back.join(10_000);
            } catch (IOException | InterruptedException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed: the session is over
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private void relay(DataInputStream in, OutputStream out) throws IOException {
        // The start-up packet has no type byte; a request for TLS or GSS encryption comes before it.
        int code;
        do {
            int length = in.readInt();
            byte[] body = in.readNBytes(length - 4);
            writeInt(out, length);
            out.write(body);
            out.flush();
            code = body.length >= 4 ? ((body[0] & 0xff) << 24 | (body[1] & 0xff) << 16 | (body[2] & 0xff) << 8 | body[3] & 0xff) : 0;
        } while (code == SSL_REQUEST || code == GSSENC_REQUEST);
        ByteArrayOutputStream copyData = null;
        while (true) {
            int type;
            try {
                type = in.readUnsignedByte();
            } catch (EOFException e) {
                return;
            }
            int length = in.readInt();
            byte[] body = in.readNBytes(length - 4);
            out.write(type);
            writeInt(out, length);
            out.write(body);
            out.flush();
            switch (type) {
                case 'Q' -> record(new Message(new String(body, 0, body.length - 1, StandardCharsets.UTF_8), null));
                case 'd' -> {
                    if (copyData == null) {
                        copyData = new ByteArrayOutputStream();
                    }
                    copyData.write(body);
                }
                case 'c', 'f' -> {
                    record(new Message(null, copyData == null ? "" : copyData.toString(StandardCharsets.UTF_8)));
                    copyData = null;
                }
                case 'X' -> {
                    return;
                }
                default -> {
                }
            }
        }
    }

    private synchronized void record(Message message) {
        received.add(message);
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        acceptor.join(10_000);
    }
}
