package dev.unideploy.cli;

import dev.unideploy.client.model.App;
import dev.unideploy.client.model.AppList;
import dev.unideploy.client.model.ProviderFailure;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code unideploy apps [--provider P]}: the app ids to deploy, across providers. */
@Command(
        name = "apps",
        mixinStandardHelpOptions = true,
        description = {
            "List the apps (id, name, environment) of every provider connection, or of one.",
            "The ID column is what `unideploy deploy` takes. Providers that could not be listed are named on stderr."
        })
final class AppsCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Option(names = "--provider", paramLabel = "PROVIDER", description = "Only this provider connection's apps.")
    @Nullable
    String provider;

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        Output output = parent.output(gateway);
        AppList apps = gateway.apps(provider);
        output.result(apps, () -> {
            Table table = new Table("ID", "NAME", "ENVIRONMENT");
            for (App app : apps.getItems()) {
                table.row(app.getId(), app.getName(), app.getEnvironment());
            }
            table.print(output);
        });
        for (ProviderFailure failure : apps.getErrors()) {
            output.note("provider " + failure.getProvider() + " could not be listed: " + failure.getDetail() + " ("
                    + failure.getCode() + ")");
        }
        return ExitCode.SUCCEEDED;
    }
}
