package dev.unideploy.sdks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each SDK as a user gets it: installed from its package in target/dist (never from the source folders) into a fresh
 * project under target/smoke, then its smoke test — providers, trigger, follow a deployment live, wait, typed problems,
 * webhook verification — run by the language's own test runner against one in-process sandbox gateway ({@code
 * UNIDEPLOY_URL}, {@code UNIDEPLOY_TOKEN}). A language whose toolchain is not installed is skipped, visibly.
 */
class SdkSmokeIT {

    /** The sdks module (Failsafe runs in it). */
    private static final Path MODULE = Path.of("").toAbsolutePath();

    private static final Path DIST = MODULE.resolve("target/dist");
    private static final Path SMOKE = MODULE.resolve("target/smoke");
    private static final Duration INSTALL = Duration.ofMinutes(3);
    private static final Duration RUN = Duration.ofMinutes(3);
    /** pytest, pinned. */
    private static final String PYTEST = "pytest==9.2.0";

    private static SandboxGateway gateway;

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @DisplayName("the npm tarball installs and passes sdks/typescript/smoke.test.mjs under node --test")
    void typescript() throws Exception {
        requireToolchain("TypeScript", "node >= 18 and npm", Toolchains.node());
        Path project = fresh("typescript");
        Files.writeString(project.resolve("package.json"), "{\"name\":\"smoke\",\"private\":true}\n");
        Files.copy(MODULE.resolve("typescript/smoke.test.mjs"), project.resolve("smoke.test.mjs"));

        install(
                "typescript",
                project,
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                only(DIST.resolve("typescript"), ".tgz"));
        smoke("typescript", project, "node", "--test", "smoke.test.mjs");
    }

    @Test
    @DisplayName("the Python wheel installs and passes sdks/python/test_smoke.py under pytest")
    void python() throws Exception {
        requireToolchain("Python", "python3 with venv", Toolchains.python());
        Path project = fresh("python");
        Files.copy(MODULE.resolve("python/test_smoke.py"), project.resolve("test_smoke.py"));
        Path venv = project.resolve("venv");

        install("python", project, "python3", "-m", "venv", venv.toString());
        String python = venv.resolve("bin/python").toString();
        install(
                "python",
                project,
                python,
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                only(DIST.resolve("python"), ".whl"),
                PYTEST);
        smoke("python", project, python, "-B", "-m", "pytest", "-p", "no:cacheprovider", "-v", "test_smoke.py");
    }

    @Test
    @DisplayName("the Go module installs through GOPROXY=file:// and passes sdks/go/smoke under go test")
    void go() throws Exception {
        requireToolchain("Go", "go 1.23+", Toolchains.go());
        Path project = fresh("go");
        try (Stream<Path> tests = Files.list(MODULE.resolve("go/smoke"))) {
            for (Path test :
                    tests.filter(p -> p.toString().endsWith("_test.go")).toList()) {
                Files.copy(test, project.resolve(test.getFileName()));
            }
        }
        Files.writeString(project.resolve("go.mod"), """
                module github.com/unideploy/unideploy-go/smoke

                go 1.23

                require github.com/unideploy/unideploy-go v0.1.0
                """);
        // the module from target/dist/go, its two dependencies from the Go module proxy; a module cache of this
        // build's own (writable, so that `clean` removes it): the machine's cache keeps the first v0.1.0 it saw
        Map<String, String> env = Map.of(
                "GOPROXY",
                DIST.resolve("go").toUri() + ",https://proxy.golang.org",
                "GONOSUMDB",
                "github.com/unideploy",
                "GOMODCACHE",
                MODULE.resolve("target/smoke-gomodcache").toString(),
                "GOFLAGS",
                "-mod=mod -modcacherw");

        install("go", project, env, "go", "mod", "tidy");
        smoke("go", project, env, "go", "test", "-count=1", "-v", "./...");
    }

    private static void requireToolchain(String language, String tools, boolean installed) {
        String message = language + " SDK smoke test SKIPPED: " + tools + " not installed";
        if (!installed) {
            System.out.println("WARNING " + message);
        }
        assumeTrue(installed, message);
    }

    private static Path fresh(String language) throws IOException {
        Path project = SMOKE.resolve(language);
        if (Files.exists(project)) {
            try (Stream<Path> files = Files.walk(project)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(project);
    }

    /** The one package file with this suffix in {@code folder}: what `package` built. */
    private static String only(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> packages =
                    files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertThat(packages).as("packages in " + folder).hasSize(1);
            return packages.get(0).toString();
        }
    }

    private static void install(String label, Path directory, String... argv) throws InterruptedException {
        install(label, directory, Map.of(), argv);
    }

    private static void install(String label, Path directory, Map<String, String> env, String... argv)
            throws InterruptedException {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("npm_config_update_notifier", "false");
        run(new Command(label, directory, List.of(argv), environment, INSTALL));
    }

    private static void smoke(String label, Path directory, String... argv) throws InterruptedException {
        smoke(label, directory, Map.of(), argv);
    }

    private static void smoke(String label, Path directory, Map<String, String> env, String... argv)
            throws InterruptedException {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("UNIDEPLOY_URL", gateway().url());
        environment.put("UNIDEPLOY_TOKEN", SandboxGateway.TOKEN);
        run(new Command(label, directory, List.of(argv), environment, RUN));
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
