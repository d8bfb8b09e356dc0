package dev.unideploy.spi;

import java.util.List;

/**
 * The log of a deployment so far.
 *
 * @param complete true when the deployment is terminal and no more lines will come
 */
public record Logs(List<LogLine> items, boolean complete) {

    public Logs {
        items = List.copyOf(items);
    }
}
