package dev.unideploy.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of a deployment's log. {@code stream} is {@code stdout} or {@code stderr} where the provider tells. */
public record LogLine(@Nullable Instant timestamp, @Nullable String stream, String message) {

    public static LogLine of(String message) {
        return new LogLine(null, null, message);
    }
}
