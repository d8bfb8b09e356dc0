package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code unideploy status <id>}: one deployment's current state. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show a deployment's current state (exit 0 when it could be read, whatever the state).")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "The deployment, <provider>:<id>.")
    String id;

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        Output output = parent.output(gateway);
        Deployment deployment = gateway.get(id);
        output.result(deployment, () -> output.details(deployment));
        return ExitCode.SUCCEEDED;
    }
}
