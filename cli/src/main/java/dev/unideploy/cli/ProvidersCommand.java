package dev.unideploy.cli;

import dev.unideploy.client.model.Provider;
import dev.unideploy.client.model.ProviderList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code unideploy providers}: the gateway's provider connections, their type and health. */
@Command(
        name = "providers",
        mixinStandardHelpOptions = true,
        description = "List the provider connections (id, type, health); app ids start with a connection id.")
final class ProvidersCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        Output output = parent.output(gateway);
        ProviderList providers = gateway.providers();
        output.result(providers, () -> {
            Table table = new Table("ID", "TYPE", "HEALTH", "SANDBOX");
            for (Provider provider : providers.getItems()) {
                table.row(provider.getId(), provider.getType(), provider.getHealth(), provider.getSandbox());
            }
            table.print(output);
        });
        return ExitCode.SUCCEEDED;
    }
}
