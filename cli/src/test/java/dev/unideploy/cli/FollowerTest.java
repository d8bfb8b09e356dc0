package dev.unideploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How {@code deploy --wait} copes with an event stream that fails or drops. */
class FollowerTest {

    @Test
    @DisplayName(
            "a stream that fails at once falls back to polling waitFor=terminal and the log, each line printed once")
    void pollsWhenTheStreamFails() throws Exception {
        try (StubGateway stub = new StubGateway(true)) {
            Cli.Run run = Cli.raw("--url", stub.url(), "--token", "t0k3n-xyz", "deploy", "stub:app", "--wait");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).contains("the event stream failed").contains("by polling");
            assertThat(run.out()).containsSubsequence("polled line 1", "polled line 2", "finished: succeeded");
            assertThat(run.out().split("polled line 1", -1)).as("printed once").hasSize(2);
            assertThat(stub.waits)
                    .hasSize(2)
                    .allSatisfy(query -> assertThat(query).contains("waitFor=terminal"));
            assertThat(run.all()).doesNotContain("t0k3n-xyz");
        }
    }

    @Test
    @DisplayName("a stream that drops after an event is resumed with Last-Event-ID")
    void resumesADroppedStream() throws Exception {
        try (StubGateway stub = new StubGateway(false)) {
            Cli.Run run = Cli.raw("--url", stub.url(), "--token", "t", "deploy", "stub:app", "--wait");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(stub.eventRequests).containsExactly("", "1");
            assertThat(run.out()).containsSubsequence("in_progress", "resumed line", "finished: succeeded");
            assertThat(stub.waits).isEmpty();
        }
    }
}
