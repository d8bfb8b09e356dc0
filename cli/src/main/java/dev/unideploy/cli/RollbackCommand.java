package dev.unideploy.cli;

import dev.unideploy.client.Deployments;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code unideploy rollback <id>}: runs again what an earlier, succeeded deployment ran, as a new deployment. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        footer = {
            "%nExit codes: 0 succeeded (or started, without --wait), 1 failed,",
            "2 cancelled, 3 timed out or unknown, 4 API or network error, 64 usage error."
        },
        description = {
            "Roll the app back to what an earlier, succeeded deployment ran.",
            "Starts a new deployment (kind rollback), prints its id first; with --wait follows it and exits by its",
            "outcome."
        })
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Parameters(paramLabel = "DEPLOYMENT_ID", description = "The deployment to roll back to, <provider>:<id>.")
    String id;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "Retry-safe rollback: the same key answers the first rollback again (default: a new one).")
    @Nullable
    String idempotencyKey;

    @Mixin
    WaitOptions waiting;

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        Output output = parent.output(gateway);
        String key = idempotencyKey != null ? idempotencyKey : Deployments.newIdempotencyKey();
        return waiting.finish(gateway, output, gateway.rollback(id, key));
    }
}
