package dev.unideploy.sdks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each generated SDK passes its own smoke test — list providers, trigger {@code coolify:cool-web}, wait for it, read
 * its logs — written in its language and run by its own test runner against one in-process sandbox gateway
 * ({@code UNIDEPLOY_URL}, {@code UNIDEPLOY_TOKEN}). A language whose toolchain is not installed is skipped, visibly.
 */
class SdkSmokeTest {

    /** The sdks module (Surefire runs in it); the SDKs are generated under target/generated/{typescript,python,go}. */
    private static final Path MODULE = Path.of("").toAbsolutePath();

    private static final Path GENERATED = MODULE.resolve("target/generated");
    private static final Duration INSTALL = Duration.ofMinutes(3);
    private static final Duration SMOKE = Duration.ofMinutes(2);

    private static SandboxGateway gateway;

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @DisplayName("the TypeScript SDK passes sdks/typescript/smoke.test.mjs under node --test")
    void typescript() throws InterruptedException {
        requireToolchain(
                "TypeScript",
                "node >= 18 and npm",
                Command.succeeds("node", "-e", "process.exit(+process.versions.node.split('.')[0] >= 18 ? 0 : 1)")
                        && Command.succeeds("npm", "--version"));

        // npm install fetches typescript, and the package's prepare script compiles the SDK into dist/
        install("typescript", GENERATED.resolve("typescript"), "npm", "install", "--no-audit", "--no-fund");
        smoke("typescript", MODULE, "node", "--test", "typescript/smoke.test.mjs");
    }

    @Test
    @DisplayName("the Python SDK passes sdks/python/test_smoke.py under pytest")
    void python() throws InterruptedException {
        requireToolchain("Python", "python3 with venv", Command.succeeds("python3", "-c", "import venv, ensurepip"));

        Path venv = MODULE.resolve("target/venv");
        if (!Files.isExecutable(venv.resolve("bin/python"))) {
            install("python", MODULE, "python3", "-m", "venv", venv.toString());
        }
        String python = venv.resolve("bin/python").toString();
        install(
                "python",
                MODULE,
                python,
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--progress-bar",
                "off",
                GENERATED.resolve("python").toString(),
                "pytest");
        // no .pytest_cache or __pycache__ beside the committed test
        smoke("python", MODULE, python, "-B", "-m", "pytest", "-p", "no:cacheprovider", "-v", "python");
    }

    @Test
    @DisplayName("the Go SDK passes sdks/go/smoke under go test")
    void go() throws InterruptedException {
        requireToolchain("Go", "go", Command.succeeds("go", "version"));

        // go.mod replaces the SDK module with target/generated/go; the SDK itself needs no other module
        smoke("go", MODULE.resolve("go/smoke"), "go", "test", "-count=1", "-v", "./...");
    }

    private static void requireToolchain(String language, String tools, boolean installed) {
        String message = language + " SDK smoke test SKIPPED: " + tools + " not installed";
        if (!installed) {
            System.out.println("WARNING " + message);
        }
        assumeTrue(installed, message);
    }

    private static void install(String label, Path directory, String... argv) throws InterruptedException {
        run(new Command(label, directory, List.of(argv), Map.of("npm_config_update_notifier", "false"), INSTALL));
    }

    private static void smoke(String label, Path directory, String... argv) throws InterruptedException {
        Map<String, String> environment =
                Map.of("UNIDEPLOY_URL", gateway().url(), "UNIDEPLOY_TOKEN", SandboxGateway.TOKEN);
        run(new Command(label, directory, List.of(argv), environment, SMOKE));
    }

    private static void run(Command command) throws InterruptedException {
        assertThat(command.run()).as("exit code of %s", command).isZero();
    }

    private static synchronized SandboxGateway gateway() {
        if (gateway == null) {
            gateway = SandboxGateway.start();
        }
        return gateway;
    }
}
