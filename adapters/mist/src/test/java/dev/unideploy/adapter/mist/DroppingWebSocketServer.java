package dev.unideploy.adapter.mist;

import java.io.BufferedReader;
import java.io.IOException;
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

/**
 * One WebSocket connection that ends as Mist's do: text frames, then the TCP connection is closed without a close
 * frame (gorilla/websocket's {@code conn.Close()}, after a terminal status or a failed ping).
 */
final class DroppingWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private final ServerSocket server;

    DroppingWebSocketServer(List<String> frames) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> serve(frames), "dropping-ws");
        thread.setDaemon(true);
        thread.start();
    }

    URI httpBase() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve(List<String> frames) {
        try (Socket socket = server.accept()) {
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String key = null;
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String accept = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(50); // as over a network: the client has switched to WebSocket frames by then
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
            }
            // No close frame: the connection just goes (FIN), as gorilla's conn.Close() does.
            Thread.sleep(200);
            socket.shutdownOutput();
            while (socket.getInputStream().read() != -1) {
                // until the client closes its side
            }
        } catch (Exception ignored) {
            // the test sees what the client saw
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
