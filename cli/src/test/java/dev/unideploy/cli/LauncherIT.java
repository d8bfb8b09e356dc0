package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The packaged CLI as a pipeline runs it: the {@code unideploy} launcher and the executable jar in their own
 * process (nothing from the test classpath), the gateway URL and token from the environment.
 */
class LauncherIT {

    record Result(int exitCode, String out) {}

    @Test
    @DisplayName("unideploy deploy --wait deploys a sandbox app and exits 0")
    void deploysAndExitsByOutcome() throws Exception {
        Result ok = unideploy("deploy", "coolify:cool-web", "--wait");

        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("Building docker image").contains("finished: succeeded");
    }

    @Test
    @DisplayName("a wrong UNIDEPLOY_TOKEN exits 4 and is not printed")
    void wrongToken() throws Exception {
        Result run = run(Map.of("UNIDEPLOY_TOKEN", "env-t0ken-not-valid"), "list");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.API_ERROR);
        assertThat(run.out()).contains("code: unauthorized").doesNotContain("env-t0ken-not-valid");
    }

    private static Result unideploy(String... args) throws IOException, InterruptedException {
        return run(Map.of("UNIDEPLOY_TOKEN", Cli.TOKEN), args);
    }

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder process = new ProcessBuilder(concat(List.of("sh", "unideploy"), args)).redirectErrorStream(true);
        process.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process.environment().put("UNIDEPLOY_URL", SandboxGateway.url());
        process.environment().putAll(env);
        process.directory(new File(System.getProperty("user.dir")));
        Process started = process.start();
        String out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(started.exitValue(), out);
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail))
                .toList();
    }
}
