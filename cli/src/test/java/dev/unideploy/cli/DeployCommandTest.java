package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code deploy} and {@code rollback}: trigger, follow live, and exit by the deployment's outcome. */
class DeployCommandTest {

    private static final Pattern STARTED = Pattern.compile("==> \\w+ (\\S+) of ");

    @Test
    @DisplayName("deploy --wait of an app that builds prints status changes and log lines, and exits 0")
    void succeeds() {
        Cli.Run run = Cli.run("deploy", "coolify:cool-web", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .containsPattern("==> deploy coolify:\\S+ of coolify:cool-web: (queued|in_progress)")
                .contains("Building docker image")
                .containsPattern("==> coolify:\\S+ finished: succeeded");
        assertThat(run.all()).doesNotContain("Bearer").doesNotContain(Cli.TOKEN + " ");
    }

    @Test
    @DisplayName("deploy --wait of an app whose build fails exits 1")
    void fails() {
        Cli.Run run = Cli.run("deploy", "coolify:cool-broken", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out()).containsPattern("finished: failed");
    }

    @Test
    @DisplayName("deploy --wait exits 2 when the deployment is cancelled meanwhile; status then shows it cancelled")
    void cancelledWhileWaiting() throws Exception {
        Cli waiting = new Cli();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> waiting.execute(
                "--url", SandboxGateway.url(), "--token", Cli.TOKEN, "deploy", "mist:1", "--wait", "--timeout", "60s"));
        String id = startedId(waiting);

        Cli.Run cancel = Cli.run("cancel", id);
        assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).contains(id);

        assertThat(exit.get(30, TimeUnit.SECONDS))
                .as(waiting.out() + waiting.err())
                .isEqualTo(ExitCode.CANCELLED);
        assertThat(waiting.out()).contains("finished: cancelled");
        Cli.Run status = Cli.run("status", id);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).containsPattern("status:\\s+cancelled \\(terminal\\)");
    }

    @Test
    @DisplayName("deploy --wait exits 3 when the timeout passes before the deployment ends")
    void timesOut() throws Exception {
        // a gateway whose deployment is still queued when the timeout passes (the sandbox's may finish first)
        try (StubGateway stub = new StubGateway(true)) {
            Cli.Run run =
                    Cli.raw("--url", stub.url(), "--token", "t", "deploy", "stub:app", "--wait", "--timeout", "300ms");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNFINISHED);
            assertThat(run.out()).contains("not finished");
            assertThat(run.err()).contains("gave up waiting");
        }
    }

    @Test
    @DisplayName("deploy without --wait prints the new deployment and exits 0 at once")
    void noWait() {
        Cli.Run run = Cli.run("deploy", "zectre:zec-web", "--branch", "main", "--idempotency-key", "ci-run-17");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .containsPattern("==> deploy zectre:\\S+ of zectre:zec-web")
                .doesNotContain("finished");
        assertThat(run.out().lines().findFirst()).as("the id alone first").hasValue(id(run.out()));
    }

    @Test
    @DisplayName("rollback --wait to a succeeded deployment starts a rollback and exits by its outcome")
    void rollback() {
        Cli.Run deployed = Cli.run("deploy", "dooor:door-web", "--wait");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        String id = id(deployed.out());

        Cli.Run run = Cli.run("rollback", id, "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .containsPattern("==> rollback dooor:\\S+ of dooor:door-web")
                .contains("finished: succeeded");
    }

    private static String startedId(Cli cli) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            Matcher matcher = STARTED.matcher(cli.out());
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no deployment started: " + cli.out() + cli.err());
    }

    static String id(String out) {
        Matcher matcher = STARTED.matcher(out);
        assertThat(matcher.find()).as(out).isTrue();
        return matcher.group(1);
    }
}
