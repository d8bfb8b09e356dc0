package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exit codes 4 and 64, the problem document on stderr, and a token that is never printed. */
class ErrorsTest {

    private static final String WRONG_TOKEN = "wrong-t0ken-7f3a9c";

    @Test
    @DisplayName("a wrong token exits 4 with the problem's title, detail and code, and the token is never printed")
    void wrongToken() {
        Cli.Run run = Cli.runAs(WRONG_TOKEN, "deploy", "coolify:cool-web", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.API_ERROR);
        assertThat(run.err())
                .contains("error: Unauthorized (HTTP 401)")
                .contains("code: unauthorized")
                .contains("hint: set UNIDEPLOY_TOKEN or pass --token");
        assertThat(run.all()).doesNotContain(WRONG_TOKEN);
    }

    @Test
    @DisplayName("no token at all exits 4 with the gateway's detail")
    void noToken() {
        Cli.Run run = Cli.raw("--url", SandboxGateway.url(), "list");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.API_ERROR);
        assertThat(run.err()).contains("code: unauthorized");
    }

    @Test
    @DisplayName("an unknown deployment exits 4 with not_found")
    void notFound() {
        Cli.Run run = Cli.run("status", "coolify:doesnotexist");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.API_ERROR);
        assertThat(run.err()).contains("(HTTP 404)").contains("code: not_found");
    }

    @Test
    @DisplayName("an unreachable gateway exits 4")
    void unreachable() {
        Cli.Run run = Cli.raw("--url", "http://127.0.0.1:1", "--token", WRONG_TOKEN, "status", "coolify:x");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.API_ERROR);
        assertThat(run.err())
                .contains("cannot reach the gateway at http://127.0.0.1:1/")
                .contains("--url or UNIDEPLOY_URL");
        assertThat(run.all()).doesNotContain(WRONG_TOKEN);
    }

    @Test
    @DisplayName("--url and --token may also follow the subcommand")
    void optionsAfterSubcommand() {
        Cli.Run run = Cli.raw("list", "--app", "mist:1", "--url", SandboxGateway.url(), "--token", Cli.TOKEN);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("mist:1");
    }

    @Test
    @DisplayName("usage errors exit 64")
    void usage() {
        assertThat(Cli.raw("deploy").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.raw("list", "--status", "done").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.raw("deploy", "a:b", "--timeout", "soon").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.raw("frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    @DisplayName("--help documents the subcommands, the exit codes and the environment, without the token")
    void help() {
        Cli.Run run = Cli.raw("--token", WRONG_TOKEN, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("deploy", "status", "logs", "cancel", "rollback", "list", "providers", "apps", "completion")
                .contains("Exit codes:", "64", "UNIDEPLOY_TOKEN")
                .doesNotContain(WRONG_TOKEN);
    }
}
