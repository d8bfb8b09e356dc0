package dev.unideploy.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentStatus;
import dev.unideploy.client.model.TriggerDeploymentRequest;
import dev.unideploy.gateway.UnideployApplication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The Java SDK as its README shows it, against the real gateway in sandbox mode. */
class LiveSandboxTest {

    private static ConfigurableApplicationContext gateway;
    private static Deployments deployments;

    @BeforeAll
    static void start() {
        gateway = new SpringApplicationBuilder(UnideployApplication.class)
                .run(
                        "--server.port=0",
                        "--unideploy.sandbox.ports.coolify=0",
                        "--unideploy.sandbox.ports.dokploy=0",
                        "--unideploy.sandbox.ports.zectre=0",
                        "--unideploy.sandbox.ports.dooor=0",
                        "--unideploy.sandbox.ports.mist=0",
                        "--unideploy.sandbox.step=200ms",
                        "--unideploy.events.poll-interval=100ms",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN");
        ApiClient client = new ApiClient()
                .setBasePath("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"));
        client.setBearerToken("sandbox");
        deployments = new Deployments(client);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    @DisplayName("follows a Coolify deployment live: status, log lines once each, end succeeded")
    void followsLive() {
        Deployment started = deployments
                .trigger(new TriggerDeploymentRequest().appId("coolify:cool-web"))
                .block(Duration.ofSeconds(30));

        List<DeploymentEvent> events =
                deployments.follow(started.getId()).collectList().block(Duration.ofSeconds(60));

        // status first while it runs; a deployment already finished sends its lines, then status and end
        assertThat(events).hasAtLeastOneElementOfType(DeploymentEvent.Status.class);
        assertThat(events.get(events.size() - 1))
                .isInstanceOfSatisfying(
                        DeploymentEvent.End.class,
                        end -> assertThat(end.deployment().getStatus()).isEqualTo(DeploymentStatus.SUCCEEDED));
        List<String> lines = events.stream()
                .filter(DeploymentEvent.Log.class::isInstance)
                .map(e -> ((DeploymentEvent.Log) e).line().getMessage())
                .toList();
        assertThat(lines).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("waitForTerminal answers the failed build of coolify:cool-broken")
    void waits() {
        Deployment started = deployments
                .trigger(new TriggerDeploymentRequest().appId("coolify:cool-broken"))
                .block(Duration.ofSeconds(30));

        Deployment done = deployments
                .waitForTerminal(started.getId(), Duration.ofSeconds(60))
                .block();

        assertThat(done.getStatus()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(done.getTerminal()).isTrue();
    }

    @Test
    @DisplayName("an unknown app is a ProblemException with code not_found and a request id")
    void problem() {
        assertThatThrownBy(() -> deployments
                        .trigger(new TriggerDeploymentRequest().appId("coolify:no-such-app"))
                        .block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(404);
                    assertThat(problem.code()).isEqualTo("not_found");
                    assertThat(problem.requestId()).isNotBlank();
                    assertThat(problem.getMessage()).contains("HTTP 404 not_found");
                });
    }
}
