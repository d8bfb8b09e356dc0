package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.UnideployApplication;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Property-based fuzzing of the gateway's own spec, as served at {@code /v1/openapi.yaml}, with schemathesis against
 * its own sandbox: no 5xx but the documented 501, every response (errors included) conforming to the spec, invalid
 * input rejected. Checks are configured in {@code contract-tests/schemathesis.toml}. Needs {@code st} on the PATH
 * (or {@code SCHEMATHESIS=/path/to/st}); skipped, visibly, without it. {@code SCHEMATHESIS_SEED} varies the run.
 */
@SandboxOnFreePorts
@SpringBootTest(
        classes = UnideployApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"unideploy.sandbox.step=100ms", "unideploy.events.poll-interval=100ms"})
class SchemathesisTest {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("schemathesis finds no server error and no response outside the spec")
    void fuzzesTheSpec() throws IOException, InterruptedException {
        Optional<String> st = schemathesis();
        if (st.isEmpty()) {
            System.out.println("WARNING schemathesis fuzzing SKIPPED: `st` not installed (pip install schemathesis)");
        }
        Assumptions.assumeTrue(st.isPresent(), "schemathesis fuzzing SKIPPED: `st` not installed");
        String seed = Optional.ofNullable(System.getenv("SCHEMATHESIS_SEED")).orElse("20261122");
        Path report = Files.createTempFile("schemathesis", ".log");
        Process process = new ProcessBuilder(List.of(
                        st.get(),
                        "--config-file",
                        "schemathesis.toml",
                        "run",
                        "http://127.0.0.1:" + port + "/v1/openapi.yaml",
                        "-H",
                        "Authorization: Bearer sandbox",
                        "--checks",
                        "all",
                        "--exclude-path-regex",
                        // streams never end by themselves; the browser session endpoints set cookies and are
                        // proven by BrowserAccessTest, OidcTest and DashboardBrowserTest
                        ".*/events$|^/v1/session.*",
                        "--max-examples",
                        "25",
                        "--workers",
                        "1",
                        "--request-timeout",
                        "30",
                        "--seed",
                        seed))
                .redirectErrorStream(true)
                .redirectOutput(report.toFile())
                .start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        String output = Files.readString(report, StandardCharsets.UTF_8);
        System.out.println(output);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("schemathesis finished in time").isTrue();
        assertThat(output).contains("API Operations:");
        assertThat(process.exitValue())
                .as("schemathesis exit code (report above)")
                .isZero();
    }

    private static Optional<String> schemathesis() {
        String configured = System.getenv("SCHEMATHESIS");
        if (configured != null && new File(configured).canExecute()) {
            return Optional.of(configured);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> new File(dir, "st"))
                .filter(File::canExecute)
                .map(File::getAbsolutePath)
                .findFirst();
    }
}
