package dev.unideploy.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Runtime health of what a deployment runs: replicas ready of total. */
public record RuntimeHealth(int ready, int total, @Nullable String phase, List<String> conditions) {

    public RuntimeHealth {
        conditions = List.copyOf(conditions);
    }
}
