package dev.unideploy.sandbox;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * Dokploy's {@code /listen-deployment?logPath=}: {@code tail -n +1 -f} of the log file as raw text chunks, no JSON; the
 * server never closes the socket when the deployment ends (clients poll the status and close). Every upgrade is
 * accepted; then a missing or invalid {@code logPath} closes with 4000, a missing or wrong key closes without a status
 * code (the client sees 1005), and a log file that does not exist gets tail's error and the same close.
 */
public final class DokployLogSocket extends LogSocket {

    /** {@code readValidDirectory}: these characters only, and under Dokploy's base path. */
    private static final Pattern VALID = Pattern.compile("^[\\w/. :\\[\\]-]{1,500}$");

    private static final Path BASE = Path.of("/etc/dokploy");

    private final @Nullable String logPath;
    private final boolean authenticated;
    private final Supplier<@Nullable String> log;
    private int sent;

    /** {@code log} reads the log file's text so far (null when there is no such file). */
    DokployLogSocket(Duration step, @Nullable String logPath, boolean authenticated, Supplier<@Nullable String> log) {
        super(step);
        this.logPath = logPath;
        this.authenticated = authenticated;
        this.log = log;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        if (logPath == null || logPath.isEmpty()) {
            opened.close(4000, "logPath no provided", Callback.NOOP);
        } else if (!valid(logPath)) {
            opened.close(4000, "Invalid log path", Callback.NOOP);
        } else if (!authenticated) {
            opened.close(StatusCode.NO_CODE, null, Callback.NOOP);
        } else if (log.get() == null) {
            opened.sendText(
                    "tail error: tail: cannot open '" + logPath + "' for reading: No such file or directory\n",
                    Callback.from(() -> opened.close(StatusCode.NO_CODE, null, Callback.NOOP), failed -> {}));
        } else {
            super.onWebSocketOpen(opened);
        }
    }

    static boolean valid(String logPath) {
        if (!VALID.matcher(logPath).matches()) {
            return false;
        }
        try {
            Path path = Path.of(logPath);
            return path.isAbsolute() && path.normalize().startsWith(BASE);
        } catch (InvalidPathException unreadable) {
            return false;
        }
    }

    @Override
    @Nullable
    String next() {
        String text = log.get();
        if (text == null || text.length() <= sent) {
            return null;
        }
        String chunk = text.substring(sent);
        sent = text.length();
        return chunk;
    }
}
