package dev.unideploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * wrk (Debian's {@code wrk}) as load generator: a small C program with one thread, far lighter than a second JVM, so
 * it takes less of the shared machine from the servers it measures. A Lua {@code done} hook prints the answered
 * requests, the errors and 1,000 latency quantiles, from which a {@link Sample} histogram is rebuilt (each quantile
 * weighted by a thousandth of the requests), so that alternating rounds add up as the Java harness's do.
 */
final class Wrk {

    /** Prints {@code requests errors seconds} and then the 0.1 %…100 % latency quantiles in µs. */
    private static final String DONE = """
            done = function(summary, latency, requests)
              local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                + summary.errors.timeout + summary.errors.status
              io.write(string.format("WRK %d %d %f\\n", summary.requests, errors, summary.duration / 1e6))
              for i = 1, 1000 do
                io.write(string.format("Q %d\\n", latency:percentile(i / 10)))
              end
            end
            """;

    private final Path executable;
    private final Path script;

    private Wrk(Path executable) {
        this.executable = executable;
        try {
            this.script = Files.createTempFile("unideploy-bench-wrk", ".lua");
            Files.writeString(script, DONE);
            script.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** wrk from {@code WRK}, else on the {@code PATH}; empty when not installed. */
    static Optional<Wrk> find() {
        return Executables.find("WRK", "wrk").map(Wrk::new);
    }

    /** {@code connections} keep-alive connections on one thread, GETting {@code url} for {@code period}. */
    Sample run(String url, int connections, Duration period, List<String> headers) {
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "-t1",
                "-c" + connections,
                "-d" + Math.max(1, period.toSeconds()) + "s",
                "--timeout",
                "10s",
                "-s",
                script.toString()));
        headers.forEach(header -> command.addAll(List.of("-H", header)));
        command.add(url);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sample wrk's output (with the {@code done} hook's lines) describes. */
    static Sample parse(String output) {
        long requests = -1;
        long errors = 0;
        double seconds = 0;
        List<Long> quantiles = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("WRK") && words.length == 4) {
                requests = Long.parseLong(words[1]);
                errors = Long.parseLong(words[2]);
                seconds = Double.parseDouble(words[3]);
            } else if (words[0].equals("Q") && words.length == 2) {
                quantiles.add(Long.parseLong(words[1]));
            }
        }
        if (requests < 0) {
            throw new IllegalStateException("no wrk summary in: " + output);
        }
        long ok = Math.max(0, requests - errors);
        Histogram histogram = new Histogram(3);
        long weight = Math.max(1, ok / Math.max(1, quantiles.size()));
        for (long micros : quantiles) {
            histogram.recordValueWithCount(Math.max(1, micros), weight);
        }
        return new Sample(ok, errors, seconds, histogram);
    }
}
