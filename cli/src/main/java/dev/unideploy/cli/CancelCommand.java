package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
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
            "Prints its state: cancelled, or still in_progress while the provider stops it. Cancelling a cancelled",
            "deployment again succeeds; one that succeeded or failed cannot be cancelled (exit 4, conflict), nor",
            "one whose provider cannot cancel (exit 4, 501)."
        })
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "The deployment, <provider>:<id>.")
    String id;

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        Output output = parent.output(gateway);
        Deployment deployment = gateway.cancel(id);
        output.result(deployment, () -> output.status(deployment));
        return ExitCode.SUCCEEDED;
    }
}
