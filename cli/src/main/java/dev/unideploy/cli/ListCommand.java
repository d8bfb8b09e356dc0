package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentList;
import dev.unideploy.client.model.DeploymentStatus;
import dev.unideploy.client.model.ProviderFailure;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code unideploy list}: deployments newest first, merged across apps and providers. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "List deployments newest first (id, status, created, app), across the given apps or all apps.",
            "Providers that could not be listed are named on stderr; the others' rows are still printed."
        })
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    UnideployCommand parent;

    @Option(
            names = "--app",
            paramLabel = "APP_ID",
            description = "Only this app's deployments; repeat for several apps.")
    @Nullable
    List<String> apps;

    @Option(
            names = "--status",
            converter = StatusConverter.class,
            description =
                    "Only deployments with this status: queued, in_progress, succeeded, failed, cancelled, unknown.")
    @Nullable
    DeploymentStatus status;

    @Option(
            names = "--limit",
            defaultValue = "20",
            description = "At most this many rows (1-100). Default: ${DEFAULT-VALUE}.")
    int limit = 20;

    @Option(
            names = "--cursor",
            description = "The next page: the cursor the previous page named (nextCursor with --json).")
    @Nullable
    String cursor;

    @Override
    public Integer call() {
        Gateway gateway = parent.gateway();
        Output output = parent.output(gateway);
        DeploymentList page = gateway.list(apps, status, limit, cursor);
        output.result(page, () -> {
            Table table = new Table("ID", "STATUS", "CREATED", "APP");
            for (Deployment d : page.getItems()) {
                table.row(d.getId(), d.getStatus(), Output.time(d.getCreatedAt()), d.getAppId());
            }
            table.print(output);
        });
        for (ProviderFailure failure : page.getErrors()) {
            output.note("provider " + failure.getProvider() + " could not be listed: " + failure.getDetail() + " ("
                    + failure.getCode() + ")");
        }
        if (page.getNextCursor() != null && !output.jsonMode()) {
            output.note("more: --cursor " + page.getNextCursor());
        }
        return ExitCode.SUCCEEDED;
    }

    /** The API's lower-case status names. */
    static final class StatusConverter implements ITypeConverter<DeploymentStatus> {
        @Override
        public DeploymentStatus convert(String value) {
            try {
                return DeploymentStatus.fromValue(value);
            } catch (IllegalArgumentException unknown) {
                throw new TypeConversionException("'" + value + "' is not a status");
            }
        }
    }
}
