package dev.unideploy.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top command: gateway URL and token for every subcommand, the exit codes, and {@code main}. */
@Command(
        name = "unideploy",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Deploy, follow and inspect deployments through a Unideploy gateway (for CI pipelines).",
        subcommands = {
            DeployCommand.class,
            StatusCommand.class,
            LogsCommand.class,
            CancelCommand.class,
            RollbackCommand.class,
            ListCommand.class
        },
        exitCodeOnInvalidInput = ExitCode.USAGE,
        exitCodeOnExecutionException = ExitCode.API_ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success (deploy/rollback --wait: the deployment succeeded)",
            " 1:the deployment failed",
            " 2:the deployment was cancelled",
            " 3:timed out, or the outcome is unknown",
            " 4:API or network error (the problem's title, detail and code on stderr)",
            "64:usage error"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  UNIDEPLOY_URL    the gateway URL (default http://localhost:8080)",
            "  UNIDEPLOY_TOKEN  the gateway API key (never printed)"
        })
public final class UnideployCommand implements Runnable {

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            defaultValue = "${env:UNIDEPLOY_URL:-http://localhost:8080}",
            description = "The gateway URL (env UNIDEPLOY_URL; default: http://localhost:8080).")
    String url = "http://localhost:8080";

    // No ${DEFAULT-VALUE} in the description: the help must never show the token.
    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            defaultValue = "${env:UNIDEPLOY_TOKEN}",
            showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "The gateway API key (env UNIDEPLOY_TOKEN).")
    @Nullable
    String token;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A client of the gateway these options name. */
    Gateway gateway() {
        return new Gateway(url, token);
    }

    /** Where the subcommands print: this command line's out and err. */
    Output output(Gateway gateway) {
        return new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), gateway.json());
    }

    /** The command line with the CLI's error handling, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new UnideployCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(new ApiErrors());
        // the annotation's exit codes hold for the top command only
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            subcommand.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
            subcommand.getCommandSpec().exitCodeOnExecutionException(ExitCode.API_ERROR);
        }
        return commandLine;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
