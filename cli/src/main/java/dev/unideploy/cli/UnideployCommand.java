package dev.unideploy.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
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
            ListCommand.class,
            ProvidersCommand.class,
            AppsCommand.class,
            CompletionCommand.class
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
            "  UNIDEPLOY_TOKEN  the gateway API key (never printed)",
            "  GITHUB_ACTIONS, GITLAB_CI  when true, log lines are folded into collapsible groups",
            "  NO_COLOR         no colour even on a terminal (there is none off a terminal)"
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

    @Option(
            names = "--output",
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default) or json: one JSON document on stdout, progress and messages on stderr.")
    Format format = Format.text;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Same as --output json.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment (CI detection, colour); the process's own outside tests. */
    Map<String, String> environment = System.getenv();

    enum Format {
        text,
        json
    }

    boolean jsonMode() {
        return json || format == Format.json;
    }

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
        boolean terminal = System.console() != null
                && !environment.containsKey("NO_COLOR")
                && !"dumb".equals(environment.get("TERM"));
        return new Output(
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                gateway.json(),
                jsonMode(),
                CiLog.of(environment),
                terminal,
                Clock.systemUTC());
    }

    /** The command line with the CLI's error handling, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, System.getenv());
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        UnideployCommand command = new UnideployCommand();
        command.environment = environment;
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
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
