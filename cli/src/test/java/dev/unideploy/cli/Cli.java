package dev.unideploy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in this JVM as a shell would, capturing what it prints. */
final class Cli {

    static final String TOKEN = "sandbox";

    /** One run: its exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Against the sandbox gateway with the sandbox token. */
    static Run run(String... args) {
        return runAs(TOKEN, args);
    }

    static Run runAs(String token, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", SandboxGateway.url(), "--token", token));
        all.addAll(List.of(args));
        return raw(all.toArray(String[]::new));
    }

    /** Exactly these arguments. */
    static Run raw(String... args) {
        Cli cli = new Cli();
        int code = cli.execute(args);
        return new Run(code, cli.out(), cli.err());
    }

    int execute(String... args) {
        return UnideployCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    /** What was printed so far (safe to read while another thread runs the CLI). */
    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
