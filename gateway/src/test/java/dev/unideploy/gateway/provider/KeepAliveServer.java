package dev.unideploy.gateway.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keep-alive HTTP/1.1 server on raw sockets that ends connections the way a provider's server does when its idle
 * timer fires: after {@code idle} without a request (Node's keepAliveTimeout), or — the race a client cannot avoid —
 * just as a request arrives on a connection it reuses. It records what reached it and what it acted on, so a test can
 * tell how many deployments a provider would have.
 */
final class KeepAliveServer implements AutoCloseable {

    /** What becomes of a request on a connection that has already served one. */
    enum OnReuse {
        /** Answered, as a healthy server does. */
        ANSWER,
        /** The idle timer fired as the request landed: the connection ends and the request is never acted on. */
        DROP_UNREAD,
        /** The request is acted on (a deployment made), then the connection ends before the answer. */
        ACT_THEN_DROP
    }

    /** How a connection ends: an orderly close (FIN) or a reset (RST, what closing with unread data sends). */
    enum Ending {
        CLOSE,
        RESET
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Duration idle;
    private final OnReuse onReuse;
    private final Ending ending;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger idleCloses = new AtomicInteger();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> acted = new CopyOnWriteArrayList<>();

    /** @param idle after how long without a request a connection is ended (zero: never) */
    KeepAliveServer(Duration idle, OnReuse onReuse, Ending ending) throws IOException {
        this.idle = idle;
        this.onReuse = onReuse;
        this.ending = ending;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Connections ended by the idle timer. */
    int idleCloses() {
        return idleCloses.get();
    }

    /** Every request that reached the server ("POST /deploy"), acted on or not. */
    List<String> received() {
        return List.copyOf(received);
    }

    /** The requests the server acted on: what the provider ends up with. */
    List<String> acted() {
        return List.copyOf(acted);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout((int) idle.toMillis());
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            for (int served = 0; ; served++) {
                String request;
                try {
                    request = read(in);
                } catch (SocketTimeoutException idleTooLong) {
                    idleCloses.incrementAndGet();
                    end(connection);
                    return;
                }
                if (request == null) {
                    return; // the client closed it
                }
                received.add(request);
                OnReuse action = served == 0 ? OnReuse.ANSWER : onReuse;
                if (action != OnReuse.DROP_UNREAD) {
                    acted.add(request);
                }
                if (action != OnReuse.ANSWER) {
                    end(connection);
                    return;
                }
                byte[] body = ("{\"acted\":" + acted.size() + "}").getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                if (!request.startsWith("HEAD ")) {
                    out.write(body);
                }
                out.flush();
            }
        } catch (IOException broken) {
            // the client went away
        }
    }

    private void end(Socket connection) throws IOException {
        if (ending == Ending.RESET) {
            connection.setSoLinger(true, 0);
        }
        connection.close();
    }

    /** One request's "METHOD path", its body read by Content-Length; null at the end of the stream. */
    private static String read(InputStream in) throws IOException {
        String start = line(in);
        if (start == null) {
            return null;
        }
        long length = 0;
        for (String header; (header = line(in)) != null && !header.isEmpty(); ) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(
                        lower.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes((int) length);
        String[] parts = start.split(" ");
        return parts[0] + " " + parts[1];
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.US_ASCII);
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
