package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code list}, {@code status}, {@code logs}, {@code cancel} against the sandbox's seeded apps. */
class CommandsTest {

    @Test
    @DisplayName("list --app shows a table of the app's deployments, newest first")
    void list() {
        Cli.Run run = Cli.run("list", "--app", "coolify:cool-web", "--limit", "5");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().findFirst())
                .hasValueSatisfying(header -> assertThat(header).containsSubsequence("ID", "STATUS", "CREATED", "APP"));
        assertThat(run.out().lines().skip(1))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).startsWith("coolify:").endsWith("coolify:cool-web"));
    }

    @Test
    @DisplayName("list --json and --status filter print the API's DeploymentList")
    void listJson() {
        Cli.Run run =
                Cli.run("list", "--app", "coolify:cool-web", "--app", "mist:1", "--status", "succeeded", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("\"items\"")
                .contains("\"status\" : \"succeeded\"")
                .doesNotContain("\"failed\"");
    }

    @Test
    @DisplayName("status prints one field a line, and --json the Deployment")
    void status() {
        String id = firstId("coolify:cool-web");

        Cli.Run text = Cli.run("status", id);
        Cli.Run json = Cli.run("status", id, "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).containsPattern("id:\\s+" + id).containsPattern("app:\\s+coolify:cool-web");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"id\" : \"" + id + "\"").contains("\"links\"");
    }

    @Test
    @DisplayName("logs prints a finished deployment's lines; --tail only the last ones; --follow too")
    void logs() {
        String id = firstId("coolify:cool-web");

        Cli.Run all = Cli.run("logs", id);
        Cli.Run tail = Cli.run("logs", id, "--tail", "1");
        Cli.Run follow = Cli.run("logs", id, "--follow");

        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out().lines()).hasSizeGreaterThan(1);
        assertThat(tail.out().lines()).hasSize(1);
        assertThat(follow.exitCode()).isZero();
        assertThat(follow.out()).isEqualTo(all.out());
    }

    @Test
    @DisplayName("logs --follow of a running deployment streams its lines until it ends")
    void logsFollow() {
        Cli.Run deployed = Cli.run("deploy", "zectre:zec-web");
        String id = DeployCommandTest.id(deployed.out());

        Cli.Run follow = Cli.run("logs", id, "--follow", "--timeout", "60s");

        assertThat(follow.exitCode()).as(follow.toString()).isZero();
        assertThat(follow.out()).isNotBlank().doesNotContain("==>");
        assertThat(Cli.run("status", id).out()).contains("(terminal)");
    }

    @Test
    @DisplayName("cancel stops a running deployment; cancelling it again succeeds; a succeeded one is a conflict")
    void cancel() {
        String id = DeployCommandTest.id(Cli.run("deploy", "coolify:cool-web").out());

        Cli.Run cancel = Cli.run("cancel", id);
        Cli.Run again = Cli.run("cancel", id);
        Cli.Run finished = Cli.run("cancel", firstId("coolify:cool-web"));

        assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).contains(id);
        assertThat(Cli.run("status", id).out()).containsPattern("status:\\s+cancelled");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains(id + " cancelled");
        assertThat(finished.exitCode()).as(finished.toString()).isEqualTo(ExitCode.API_ERROR);
        assertThat(finished.err()).contains("code: conflict");
    }

    @Test
    @DisplayName("logs --follow exits by the outcome like deploy --wait: 1 for a failed build")
    void logsFollowExitsByOutcome() {
        String id =
                DeployCommandTest.id(Cli.run("deploy", "coolify:cool-broken").out());

        Cli.Run follow = Cli.run("logs", id, "--follow", "--timeout", "60s");
        Cli.Run again = Cli.run("logs", id, "--follow");

        assertThat(follow.exitCode()).as(follow.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(again.exitCode()).as("already finished").isEqualTo(ExitCode.FAILED);
    }

    private static String firstId(String app) {
        Cli.Run run = Cli.run("list", "--app", app, "--status", "succeeded", "--limit", "20");
        return run.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    }
}
