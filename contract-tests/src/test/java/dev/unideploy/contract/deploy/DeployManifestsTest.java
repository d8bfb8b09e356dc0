package dev.unideploy.contract.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart and the plain manifests, checked offline by the Go test in {@code deploy/validate}: Helm's own
 * engine renders the chart (several value sets) and every object is decoded strictly into the Kubernetes API types;
 * the plain manifests must be the chart rendered with {@code deploy/kubernetes/values.yaml}. Skipped, visibly, where
 * Go is not installed (CI's {@code .ci/run} installs it and fetches the modules first).
 */
class DeployManifestsTest {

    static final Path VALIDATE = ComposeFile.ROOT.resolve("deploy/validate");

    @Test
    @DisplayName("the chart renders and every object decodes strictly into the Kubernetes API types (go test)")
    void chartAndManifests() throws IOException, InterruptedException {
        boolean go = succeeds("go", "version");
        if (!go) {
            System.out.println("WARNING Helm chart validation SKIPPED: go not installed");
        }
        assumeTrue(go, "Helm chart validation SKIPPED: go not installed");

        Process test = new ProcessBuilder("go", "test", "-count=1", "./...")
                .directory(VALIDATE.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(test.waitFor(20, TimeUnit.MINUTES)).as("go test finished").isTrue();
        assertThat(test.exitValue()).as(output).isZero();
        assertThat(output).contains("ok");
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
