package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.LogLine;
import dev.unideploy.client.model.LogPage;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code unideploy logs <id>}: the log lines so far, or with {@code --follow} live until the deployment ends. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Print a deployment's log lines; with --follow, stream them live until it finishes.",
            "With --json: the LogPage (with --follow once the deployment has ended; the lines stream to stderr)."
        })
final class LogsCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "The deployment, <provider>:<id>.")
    String id;

    @Option(
            names = {"-f", "--follow"},
            description = {
                "Stream the lines live (every line from the start) until the deployment finishes, and exit by its",
                "outcome as deploy --wait does: 0 succeeded, 1 failed, 2 cancelled, 3 timed out."
            })
    boolean follow;

    @Option(
            names = "--tail",
            paramLabel = "N",
            description = "Only the last N lines (ignored while following a running deployment).")
    @Nullable
    Integer tail;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "With --follow, stop after this long (exit 3). Default: ${DEFAULT-VALUE}.")
    Duration timeout = Duration.ofMinutes(10);

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        Output output = parent.output(gateway);
        if (!follow) {
            print(output, gateway.logs(id, tail));
            return ExitCode.SUCCEEDED;
        }
        Deployment current = gateway.get(id);
        if (current.getTerminal()) {
            // the stream of a finished deployment has no log events, only its status and end
            print(output, gateway.logs(id, tail));
            return ExitCode.of(current);
        }
        Deployment last = new Follower(gateway, output, false, current).follow(timeout);
        if (output.jsonMode()) {
            output.json(gateway.logs(id, null));
        }
        return ExitCode.of(last);
    }

    private static void print(Output output, LogPage page) {
        output.result(page, () -> {
            for (LogLine line : page.getItems()) {
                output.print(line.getMessage());
            }
        });
    }
}
