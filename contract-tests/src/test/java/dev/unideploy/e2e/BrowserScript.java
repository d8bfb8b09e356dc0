package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code src/test/browser/dashboard.mjs}: Node drives Debian's Chromium through playwright-core (from {@code
 * PLAYWRIGHT_DIR}, an npm prefix). Skipped, visibly, where one of the three is missing; under {@code CI} that fails
 * instead, since CI installs them. Screenshots go to {@code target/screenshots/}.
 */
final class BrowserScript {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private BrowserScript() {}

    static JsonNode run(String... arguments) throws IOException, InterruptedException {
        Optional<String> node = onPath("node");
        Optional<String> chromium = Optional.ofNullable(System.getenv("CHROMIUM"))
                .or(() -> onPath("chromium"))
                .or(() -> onPath("chromium-browser"));
        String playwright = System.getenv().getOrDefault("PLAYWRIGHT_DIR", "/tmp/unideploy-playwright");
        boolean hasPlaywright = Files.isDirectory(Path.of(playwright, "node_modules", "playwright-core"));
        List<String> missing = new ArrayList<>();
        node.ifPresentOrElse(n -> {}, () -> missing.add("node"));
        chromium.ifPresentOrElse(c -> {}, () -> missing.add("chromium (apt-get install chromium)"));
        if (!hasPlaywright) {
            missing.add("playwright-core in PLAYWRIGHT_DIR=" + playwright + " (npm install --prefix " + playwright
                    + " playwright-core@1.57.0)");
        }
        if (!missing.isEmpty()) {
            String message = "browser test SKIPPED: missing " + String.join(", ", missing);
            System.out.println("WARNING " + message);
            assertThat(System.getenv("CI")).as(message + " — CI installs them").isNull();
            Assumptions.abort(message);
        }
        Files.createDirectories(SCREENSHOTS);
        List<String> command = new ArrayList<>(List.of(
                node.get(), Path.of("src", "test", "browser", "dashboard.mjs").toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("dashboard", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PLAYWRIGHT_DIR", playwright);
        builder.environment().put("CHROMIUM", chromium.get());
        Process process = builder.start();
        boolean finished = process.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(finished).as("the browser script finished in time").isTrue();
        assertThat(process.exitValue())
                .as("browser script exit code; its output:\n" + text)
                .isZero();
        String last = text.lines()
                .filter(line -> line.startsWith("{"))
                .reduce((a, b) -> b)
                .orElse("{}");
        return JsonMapper.builder().build().readTree(last);
    }

    private static Optional<String> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> new File(dir, name))
                .filter(File::canExecute)
                .map(File::getAbsolutePath)
                .findFirst();
    }
}
