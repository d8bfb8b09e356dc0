package dev.unideploy.contract.mist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.adapter.mist.MistAdapterFactory;
import dev.unideploy.sandbox.Sandbox;
import dev.unideploy.sandbox.SandboxOptions;
import dev.unideploy.sandbox.SimulatedProvider;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentEvent;
import dev.unideploy.spi.LogLine;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.TriggerRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The Mist adapter against the simulator of a running Mist v1.0.6 (the facts in PROVIDERS.md's "Verified"). */
class MistSandboxTest {

    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.ephemeral(Duration.ofMillis(100)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ProviderAdapter adapter(SimulatedProvider mist) {
        return new MistAdapterFactory().create(ProviderConnection.of("mist", "mist", mist.baseUrl(), mist.settings()));
    }

    private static Deployment finished(ProviderAdapter mist, String app) {
        Deployment created = mist.trigger(new TriggerRequest(app, Source.EMPTY, null, false, "c"))
                .block(Duration.ofSeconds(30));
        return mist.events(created.id())
                .filter(DeploymentEvent.StatusChanged.class::isInstance)
                .map(event -> ((DeploymentEvent.StatusChanged) event).deployment())
                .blockLast(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("the live stream and the finished log give the same decoded lines, Docker's JSON and newlines gone")
    void liveAndFinishedLinesAreTheSame() {
        ProviderAdapter mist = adapter(sandbox.provider("mist"));
        Deployment created = mist.trigger(new TriggerRequest("1", Source.EMPTY, null, false, "c"))
                .block(Duration.ofSeconds(30));

        List<LogLine> live = mist.events(created.id())
                .filter(DeploymentEvent.Log.class::isInstance)
                .map(event -> ((DeploymentEvent.Log) event).line())
                .collectList()
                .block(Duration.ofSeconds(30));
        List<LogLine> finished =
                mist.logs(created.id(), null).block(Duration.ofSeconds(30)).items();

        assertThat(finished)
                .extracting(LogLine::message)
                .contains("Step 1/6 : FROM node:22-alpine", " ---> 4f3c2b1a0d9e", "", "Pull complete: 6e771e15690e")
                .noneMatch(line -> line.startsWith("{") || line.endsWith("\n") || line.startsWith("Downloading"));
        assertThat(live)
                .extracting(LogLine::message)
                .isEqualTo(finished.stream().map(LogLine::message).toList());
        assertThat(mist.getDeployment(created.id())
                        .block(Duration.ofSeconds(30))
                        .live())
                .as("is_active is never written: Mist does not tell")
                .isNull();
    }

    @Test
    @DisplayName("a failed build's log ends with Docker's error on stderr")
    void failedBuildLog() {
        ProviderAdapter mist = adapter(sandbox.provider("mist"));
        Deployment failed = finished(mist, "2");

        List<LogLine> lines =
                mist.logs(failed.id(), 2).block(Duration.ofSeconds(30)).items();

        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).message())
                .isEqualTo("The command '/bin/sh -c npm ci && npm run build' returned a non-zero code: 1");
        assertThat(lines.get(0).stream()).isEqualTo("stderr");
    }

    @Test
    @DisplayName("Mist's 500 'record not found' is not found, not an outage")
    void unknownAppsAreNotFound() {
        ProviderAdapter mist = adapter(sandbox.provider("mist"));
        int before = sandbox.provider("mist").server().getAllServeEvents().size();

        assertThatThrownBy(() -> mist.getDeployment("99.1").block(Duration.ofSeconds(30)))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("record not found");
        assertThatThrownBy(() -> mist.trigger(new TriggerRequest("99", Source.EMPTY, null, false, "c"))
                        .block(Duration.ofSeconds(30)))
                .isInstanceOf(ProviderException.NotFound.class);
        assertThat(sandbox.provider("mist").server().getAllServeEvents().size()).isGreaterThan(before);
    }

    @Test
    @DisplayName("a stream Mist drops after quiet ends the events before the deployment does: an error, no hang")
    void quietDropEndsTheEvents() {
        try (Sandbox quiet = Sandbox.start(SandboxOptions.ephemeral(Duration.ofSeconds(30)))) {
            quiet.mistStreamPing(Duration.ofMillis(300));
            ProviderAdapter mist = adapter(quiet.provider("mist"));
            Deployment created = mist.trigger(new TriggerRequest("1", Source.EMPTY, null, false, "c"))
                    .block(Duration.ofSeconds(30));

            StepVerifier.create(mist.events(created.id()))
                    .expectNextMatches(first -> first instanceof DeploymentEvent.StatusChanged changed
                            && changed.deployment().status() == Status.QUEUED)
                    .thenConsumeWhile(event -> !(event instanceof DeploymentEvent.StatusChanged changed)
                            || !changed.deployment().terminal())
                    .expectError(ProviderException.Unavailable.class)
                    .verify(Duration.ofSeconds(60));
            assertThat(mist.getDeployment(created.id())
                            .block(Duration.ofSeconds(30))
                            .status())
                    .isEqualTo(Status.QUEUED);
        }
    }
}
