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
        description = "Print a deployment's log lines; with --follow, stream them live until it finishes.")
final class LogsCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "The deployment, <provider>:<id>.")
    String id;

    @Option(
            names = {"-f", "--follow"},
            description =
                    "Stream the lines live (every line from the start) until the deployment finishes (exit 3 on timeout).")
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
        if (follow) {
            Deployment current = gateway.get(id);
            // the stream of a finished deployment has no log events, only its status and end
            if (!current.getTerminal()) {
                Deployment last = new Follower(gateway, output, false, current).follow(timeout);
                return last.getTerminal() ? ExitCode.SUCCEEDED : ExitCode.UNFINISHED;
            }
        }
        LogPage page = gateway.logs(id, tail);
        for (LogLine line : page.getItems()) {
            output.log(line);
        }
        return ExitCode.SUCCEEDED;
    }
}
