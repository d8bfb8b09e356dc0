package dev.unideploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code unideploy cancel <id>}: asks the provider to stop a queued or running deployment. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = {
            "Cancel a queued or running deployment.",
            "Prints its state: cancelled, or still in_progress while the provider stops it. A finished deployment",
            "cannot be cancelled (exit 4, conflict), nor one whose provider cannot cancel (exit 4, 501)."
        })
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "The deployment, <provider>:<id>.")
    String id;

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        parent.output(gateway).status(gateway.cancel(id));
        return ExitCode.SUCCEEDED;
    }
}
