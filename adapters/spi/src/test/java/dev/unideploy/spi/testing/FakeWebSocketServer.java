package dev.unideploy.spi.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** A one-connection RFC 6455 server for tests: sends text frames, optionally closes, records the upgrade. */
public final class FakeWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private final ServerSocket server;
    public final Map<String, String> headers = new ConcurrentHashMap<>();
    public final CountDownLatch clientClosed = new CountDownLatch(1);
    public volatile String requestLine = "";

    public FakeWebSocketServer(List<String> frames, boolean serverCloses) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> serve(frames, serverCloses), "fake-ws");
        thread.setDaemon(true);
        thread.start();
    }

    public URI httpBase() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve(List<String> frames, boolean serverCloses) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            requestLine = reader.readLine();
            String line;
            while ((line = reader.readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            String accept = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((headers.get("sec-websocket-key") + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (String frame : frames) {
                byte[] payload = frame.getBytes(StandardCharsets.UTF_8);
                out.write(0x81);
                if (payload.length < 126) {
                    out.write(payload.length);
                } else {
                    out.write(126);
                    out.write(payload.length >> 8);
                    out.write(payload.length & 0xff);
                }
                out.write(payload);
                out.flush();
                Thread.sleep(20);
            }
            if (serverCloses) {
                out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8});
                out.flush();
            }
            // The client's close frame (opcode 8, masked) or EOF.
            int first;
            while ((first = in.read()) != -1) {
                if ((first & 0x0f) == 0x8) {
                    clientClosed.countDown();
                    break;
                }
            }
            clientClosed.countDown();
        } catch (Exception e) {
            clientClosed.countDown();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
