package dev.unideploy.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A WebSocket client that records text messages and the close code. */
final class SocketRecorder implements WebSocket.Listener {

    final List<String> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static SocketRecorder connect(URI uri, Map<String, String> headers) {
        SocketRecorder recorder = new SocketRecorder();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        recorder.socket =
                builder.buildAsync(uri, recorder).orTimeout(5, TimeUnit.SECONDS).join();
        return recorder;
    }

    String text() {
        return String.join("", messages);
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
