package dev.unideploy.adapter.mist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.LogLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mist's raw build log, decoded as its dashboard does (parseDockerLogLine). */
class MistLogLinesTest {

    /** A failed build's log file as a running Mist v1.0.6 wrote it: Docker's JSON messages, \r\n-separated. */
    static final String FAILED_BUILD = String.join(
            "",
            "[GIT]: Cloning into /var/lib/mist/projects/1/apps/web\n",
            "{\"stream\":\"Step 1/7 : FROM node:20-alpine\\n\"}\r\n",
            "{\"status\":\"Pulling from library/node\",\"id\":\"20-alpine\"}\r\n",
            "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1,\"total\":9},\"id\":\"6e771e15690e\"}\r\n",
            "{\"status\":\"Pull complete\",\"id\":\"6e771e15690e\"}\r\n",
            "{\"stream\":\" ---\\u003e 4f3c2b1a0d9e\\n\"}\r\n",
            "{\"stream\":\"\\n\"}\r\n",
            "{\"aux\":{\"ID\":\"sha256:4f3c2b1a0d9e\"}}\r\n",
            "{\"errorDetail\":{\"code\":1,\"message\":\"The command '/bin/sh -c npm run build' returned a non-zero code:"
                    + " 1\"},\"error\":\"The command '/bin/sh -c npm run build' returned a non-zero code: 1\"}\r\n",
            "error deploying docker: build image failed");

    @Test
    void aFinishedLogFileIsDecodedAsMistsDashboardShowsIt() {
        List<LogLine> lines = MistLogLines.ofFile(FAILED_BUILD);

        assertThat(lines)
                .extracting(LogLine::message)
                .containsExactly(
                        "[GIT]: Cloning into /var/lib/mist/projects/1/apps/web",
                        "Step 1/7 : FROM node:20-alpine",
                        "Pulling from library/node: 20-alpine",
                        "Pull complete: 6e771e15690e",
                        " ---> 4f3c2b1a0d9e",
                        "",
                        "The command '/bin/sh -c npm run build' returned a non-zero code: 1",
                        "error deploying docker: build image failed");
        assertThat(lines)
                .extracting(LogLine::stream)
                .containsExactly("stdout", "stdout", "stdout", "stdout", "stdout", "stdout", "stderr", "stderr");
        assertThat(lines).extracting(LogLine::message).noneMatch(line -> line.endsWith("\n") || line.startsWith("{"));
    }

    @Test
    void keywordsMakeStderrAsInTheDashboard() {
        assertThat(MistLogLines.decode("{\"stream\":\"npm ERR! failed to build\\n\"}"))
                .hasValueSatisfying(line -> assertThat(line.stream()).isEqualTo("stderr"));
        assertThat(MistLogLines.decode("  warning: deprecated  "))
                .hasValue(new LogLine(null, "stderr", "warning: deprecated"));
        assertThat(MistLogLines.decode("{not json")).hasValue(new LogLine(null, "stdout", "{not json"));
        assertThat(MistLogLines.decode("{\"aux\":{\"ID\":\"x\"}}")).isEmpty();
        assertThat(MistLogLines.decode("{\"foo\":1}")).hasValue(new LogLine(null, "stdout", "{\"foo\":1}"));
    }

    @Test
    void aLiveFrameLosesDockersTrailingNewlineAndKeepsItsStream() {
        assertThat(MistLogLines.ofFrame("Successfully built 4f3c\n", "stdout", null)
                        .message())
                .isEqualTo("Successfully built 4f3c");
        assertThat(MistLogLines.ofFrame("\n", "stdout", null).message()).isEmpty();
        assertThat(MistLogLines.ofFrame("fatal: no repo\r\n", null, null).stream())
                .isEqualTo("stderr");
    }
}
