package dev.unideploy.spi;

import java.util.List;

/**
 * A deployment and its log so far, read together: what one poll of a deployment without a native stream needs.
 *
 * @param logs every line so far; empty where the log could not be read (it is best effort while polling)
 */
public record Progress(Deployment deployment, List<LogLine> logs) {

    public Progress {
        logs = List.copyOf(logs);
    }
}
