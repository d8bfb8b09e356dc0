package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout}, shared by the commands that start a deployment. */
final class WaitOptions {

    @Option(
            names = "--wait",
            description = "Follow the deployment live (status changes and logs) and exit by its outcome.")
    boolean wait;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description =
                    "With --wait, give up after this long (exit 3): 90s, 10m, 1h or ISO-8601. Default: ${DEFAULT-VALUE}.")
    Duration timeout = Duration.ofMinutes(10);

    /**
     * Prints the started deployment's id, then its first state; with {@code --wait} follows it and answers its exit
     * code, else 0. With {@code --json} the result is the last Deployment seen.
     */
    int finish(Gateway gateway, Output output, Deployment started) {
        output.id(started.getId());
        output.started(started);
        if (!wait) {
            output.result(started, () -> {});
            return ExitCode.SUCCEEDED;
        }
        Deployment last = new Follower(gateway, output, true, started).follow(timeout);
        output.outcome(last);
        if (!last.getTerminal()) {
            output.note("gave up waiting for " + last.getId() + " after " + timeout.toSeconds() + " s");
        }
        output.result(last, () -> {});
        return ExitCode.of(last);
    }
}
