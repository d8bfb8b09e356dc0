package dev.unideploy.cli;

import dev.unideploy.client.Deployments;
import dev.unideploy.client.ProblemException;
import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.TriggerDeploymentRequest;
import dev.unideploy.client.model.TriggerSource;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code unideploy deploy <appId>}: triggers a deployment, and with {@code --wait} follows it to its outcome. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        footer = {
            "%nExit codes: 0 succeeded (or started, without --wait), 1 failed,",
            "2 cancelled, 3 timed out or unknown, 4 API or network error, 64 usage error."
        },
        description = {
            "Trigger a deployment of an app (<provider>:<app>, e.g. coolify:cool-web; `unideploy apps` lists them).",
            "Prints the new deployment's id first (id=$(unideploy deploy APP | head -1)), then its progress."
        })
final class DeployCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Parameters(paramLabel = "APP_ID", description = "The app to deploy, <provider>:<app>.")
    String appId;

    @Option(names = "--branch", description = "The branch to deploy.")
    @Nullable
    String branch;

    @Option(names = "--commit", paramLabel = "SHA", description = "The commit to deploy.")
    @Nullable
    String commit;

    @Option(names = "--image", description = "The container image to deploy.")
    @Nullable
    String image;

    @Option(names = "--environment", description = "The target environment, where the provider has environments.")
    @Nullable
    String environment;

    @Option(names = "--force", description = "Rebuild without cache / deploy even if unchanged, where supported.")
    boolean force;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = {
                "Retry-safe trigger: the same key and request answer the first deployment again.",
                "Default: a new key for this command, reused when it retries an unknown outcome (504, a reset)."
            })
    @Nullable
    String idempotencyKey;

    @Mixin
    WaitOptions waiting;

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        Output output = parent.output(gateway);
        TriggerDeploymentRequest request = new TriggerDeploymentRequest().appId(appId);
        if (branch != null || commit != null || image != null) {
            request.source(new TriggerSource().branch(branch).commitSha(commit).image(image));
        }
        request.environment(environment);
        if (force) {
            request.force(true);
        }
        String key = idempotencyKey != null ? idempotencyKey : Deployments.newIdempotencyKey();
        Deployment started;
        try {
            started = gateway.trigger(request, key);
        } catch (ProblemException problem) {
            if (problem.status() == 404 && "not_found".equals(problem.code())) {
                throw new ApiErrors.Hinted(problem, unknownApp(gateway));
            }
            throw problem;
        }
        return waiting.finish(gateway, output, started);
    }

    /** What to say when the gateway does not know {@link #appId}: near matches, and where to look. */
    private String unknownApp(Gateway gateway) {
        String list = "`unideploy apps` lists the app ids";
        try {
            List<String> near = AppSuggestions.near(appId, gateway.apps(null).getItems());
            return near.isEmpty() ? list : "did you mean " + String.join(" or ", near) + "? " + list;
        } catch (RuntimeException appsUnreadable) {
            return list;
        }
    }
}
