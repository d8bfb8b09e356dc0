package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.unideploy.sandbox.SimulatedProvider;
import dev.unideploy.sandbox.testing.Faults;
import dev.unideploy.sandbox.testing.Faults.Spoil;
import dev.unideploy.sandbox.testing.ProviderState;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * A trigger whose answer is lost — late past the write time limit, reset after the provider read it, cut short,
 * garbled — for each of the five providers: the provider ends with exactly one new deployment, and a retry with the
 * same key returns it. Without a key the gateway still sends the write once.
 */
class LostTriggerTest extends LostAnswersGateway {

    static Stream<Arguments> lostAnswers() {
        return TriggerTarget.TYPES.stream()
                .flatMap(type -> Stream.of(Spoil.LATE, Spoil.RESET, Spoil.TRUNCATED, Spoil.GARBLED)
                        .map(spoil -> Arguments.of(type, spoil)));
    }

    @ParameterizedTest(name = "{0}, answer {1}")
    @MethodSource("lostAnswers")
    @DisplayName("a trigger whose answer is lost, retried with its key: one new deployment, and the retry returns it")
    void lostTriggerLeavesOneDeployment(String type, Spoil spoil) {
        TriggerTarget target = TriggerTarget.of(type);
        SimulatedProvider provider = simulator(type);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = target.body();
        Set<String> before = ProviderState.settled(provider, target.app());
        int sentBefore = Faults.requests(provider, "POST", target.path());
        if (type.equals("coolify")) {
            // Coolify stamps whole seconds: a deployment the previous case made in this same second cannot be told
            // from ours (the documented limit of finding a lost trigger), so this case starts in a second of its own
            nextSecond();
        }

        StubMapping fault = Faults.spoil(provider, "POST", target.path(), spoil, LATE);
        EntityExchangeResult<Map> first;
        EntityExchangeResult<Map> retry;
        try {
            first = write(HttpMethod.POST, "/v1/deployments", body, key);
            if (first.getStatus().value() != 202) {
                assertOutcomeUnknown(first, true);
            }
            retry = retryUntil(202, HttpMethod.POST, "/v1/deployments", body, key);
        } finally {
            Faults.clear(provider, fault);
        }

        Set<String> made = added(before, ProviderState.deployments(provider, target.app()));
        assertThat(made).as("new deployments on %s", type).hasSize(1);
        assertThat(Faults.requests(provider, "POST", target.path()) - sentBefore)
                .as("trigger requests %s received", type)
                .isEqualTo(1);
        String id = (String) retry.getResponseBody().get("id");
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getResponseHeaders().getLocation()).hasToString("/v1/deployments/" + id);
        if (!type.equals("dokploy")) {
            // Dokploy's deploy returns no id: the gateway's id carries the title it sent, not Dokploy's row id
            assertThat(id).endsWith(made.iterator().next());
        }
        client.get().uri("/v1/deployments/{id}", id).exchange().expectStatus().isOk();
    }

    static Stream<String> providers() {
        return TriggerTarget.TYPES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    @DisplayName("without a key a trigger reset after sending is sent once (never retried by the gateway), and the"
            + " answer says it may have deployed")
    void keylessWriteIsSentOnce(String type) {
        TriggerTarget target = TriggerTarget.of(type);
        SimulatedProvider provider = simulator(type);
        Set<String> before = ProviderState.settled(provider, target.app());
        int sentBefore = Faults.requests(provider, "POST", target.path());

        StubMapping fault = Faults.spoil(provider, "POST", target.path(), Spoil.RESET, LATE);
        EntityExchangeResult<Map> answer;
        try {
            answer = write(HttpMethod.POST, "/v1/deployments", target.body(), null);
        } finally {
            Faults.clear(provider, fault);
        }

        if (answer.getStatus().value() != 202) {
            assertOutcomeUnknown(answer, false);
        }
        assertThat(Faults.requests(provider, "POST", target.path()) - sentBefore)
                .as("trigger requests %s received", type)
                .isEqualTo(1);
        assertThat(added(before, ProviderState.deployments(provider, target.app())))
                .hasSize(1);
    }

    private static void nextSecond() {
        try {
            Thread.sleep(1_050 - System.currentTimeMillis() % 1_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
