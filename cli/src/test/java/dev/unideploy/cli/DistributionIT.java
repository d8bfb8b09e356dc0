package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jlink distribution as a CI runner without Java gets it: target/unideploy-cli-*-linux-x64.tar.gz unpacked and
 * run with a PATH that holds a few shell tools and no {@code java}, and no JAVA_HOME; and the GitHub Action's deploy
 * step (.github/actions/deploy/deploy.sh) run with it, as the action runs it.
 */
class DistributionIT {

    @TempDir
    static Path machine;

    private static Path unideploy;
    private static Path tools;

    @BeforeAll
    static void unpack() throws Exception {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        Path archive;
        try (var files = Files.list(target)) {
            archive = files.filter(p -> p.getFileName().toString().matches("unideploy-cli-.*-linux-x64\\.tar\\.gz"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no distribution in " + target + "; run ./mvnw package"));
        }
        tools = Files.createDirectories(machine.resolve("tools"));
        for (String tool : List.of("sh", "bash", "dirname", "tar", "gzip", "mktemp", "sed", "head", "rm")) {
            Path found = List.of(Path.of("/bin", tool), Path.of("/usr/bin", tool)).stream()
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow();
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
        assertThat(run(List.of("tar", "-xzf", archive.toString(), "-C", machine.toString()), Map.of())
                        .exitCode())
                .isZero();
        try (var unpacked = Files.list(machine)) {
            Path home = unpacked.filter(p -> p.getFileName().toString().startsWith("unideploy-cli-"))
                    .findFirst()
                    .orElseThrow();
            unideploy = home.resolve("bin/unideploy");
        }
    }

    @Test
    @DisplayName("the machine of this test has no java on its PATH")
    void noJava() throws Exception {
        assertThat(run(List.of("sh", "-c", "command -v java"), Map.of()).exitCode())
                .isNotZero();
    }

    @Test
    @DisplayName("bin/unideploy runs on its own runtime: --version, and providers against the sandbox gateway")
    void runsWithoutJava() throws Exception {
        LauncherIT.Result version = run(List.of(unideploy.toString(), "--version"), Map.of());
        LauncherIT.Result providers = run(
                List.of(unideploy.toString(), "providers", "--json"),
                Map.of("UNIDEPLOY_URL", SandboxGateway.url(), "UNIDEPLOY_TOKEN", Cli.TOKEN));

        assertThat(version.exitCode()).as(version.out()).isZero();
        assertThat(version.out()).startsWith("unideploy ");
        assertThat(providers.exitCode()).as(providers.out()).isZero();
        assertThat(providers.out()).contains("\"coolify\"", "\"mist\"");
    }

    @Test
    @DisplayName("deploy --wait from the distribution follows a deployment to its end over HTTP")
    void deploys() throws Exception {
        LauncherIT.Result run = run(
                List.of(unideploy.toString(), "deploy", "coolify:cool-web", "--wait"),
                Map.of("UNIDEPLOY_URL", SandboxGateway.url(), "UNIDEPLOY_TOKEN", Cli.TOKEN));

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("finished: succeeded");
    }

    @Test
    @DisplayName(
            "the GitHub Action's deploy step exits by the outcome, sets its outputs, and its key never deploys twice")
    void githubAction() throws Exception {
        Path deploy = Path.of(System.getProperty("user.dir"), "../.github/actions/deploy/deploy.sh")
                .normalize();
        String key = "run-42-1-" + System.nanoTime();

        Map<String, String> first = action(deploy, "coolify:cool-web", key, 0);
        Map<String, String> again = action(deploy, "coolify:cool-web", key, 0);
        Map<String, String> broken = action(deploy, "coolify:cool-broken", "", ExitCode.FAILED);

        assertThat(first.get("deployment-id")).startsWith("coolify:");
        assertThat(first.get("status")).isEqualTo("succeeded");
        assertThat(again.get("deployment-id"))
                .as("the same key: the same deployment")
                .isEqualTo(first.get("deployment-id"));
        assertThat(broken.get("status")).isEqualTo("failed");
    }

    /** Runs the action's step script with its inputs, as the composite action does; answers its outputs. */
    private static Map<String, String> action(Path script, String app, String key, int exitCode) throws Exception {
        Path outputs = Files.createTempFile(machine, "github-output", ".txt");
        LauncherIT.Result run = run(
                List.of("bash", script.toString()),
                Map.of(
                        "PATH",
                        unideploy.getParent() + ":" + tools,
                        "GITHUB_ACTIONS",
                        "true",
                        "GITHUB_OUTPUT",
                        outputs.toString(),
                        "UNIDEPLOY_URL",
                        SandboxGateway.url(),
                        "UNIDEPLOY_TOKEN",
                        Cli.TOKEN,
                        "INPUT_APP",
                        app,
                        "INPUT_TIMEOUT",
                        "60s",
                        "INPUT_IDEMPOTENCY_KEY",
                        key));
        assertThat(run.exitCode()).as(run.out()).isEqualTo(exitCode);
        assertThat(run.out()).contains("::group::log").contains("::endgroup::");
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : Files.readAllLines(outputs)) {
            int equals = line.indexOf('=');
            values.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return values;
    }

    private static LauncherIT.Result run(List<String> argv, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(argv)).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", tools.toString());
        builder.environment().put("HOME", machine.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new LauncherIT.Result(process.exitValue(), out);
    }
}
