package dev.unideploy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.gateway.store.MemoryStore;
import dev.unideploy.gateway.web.IdempotencyFixture.Answer;
import dev.unideploy.spi.ProviderException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A write whose answer is lost is never forgotten: its key stays taken, the gateway finds out what it did, a retry
 * gets that — and the request is sent again only once the provider has shown, late enough, that nothing happened.
 */
class IdempotencyOutcomeTest {

    private final IdempotencyFixture fixture = new IdempotencyFixture(new MemoryStore());
    private final Idempotency gateway = fixture.instance();

    private static Mono<ResponseEntity<Map<String, Object>>> timedOut() {
        return Mono.error(
                new ProviderCallException("coolify", new ProviderException.Timeout("no answer within 1000 ms", null)));
    }

    private Answer retryUntil(int status) {
        return await().atMost(Duration.ofSeconds(5))
                .until(() -> fixture.answer(gateway, "k"), answer -> answer.status() == status);
    }

    @Test
    @DisplayName("an answer lost to a time limit: 504 outcome_unknown, then a retry answers the deployment the"
            + " provider shows, sending nothing again")
    void lostAnswerIsFoundAndReplayed() {
        fixture.sending = attempt -> timedOut();

        ApiException first = fixture.answer(gateway, "k").problem();

        assertThat(first.code()).isEqualTo(ProblemCode.PROVIDER_TIMEOUT);
        assertThat(first.provider()).isEqualTo("coolify");
        assertThat(first.retryAfter()).isPositive();
        assertThat(first.members()).containsEntry(IdempotencyAnswers.STATE, "outcome_unknown");
        assertThat(first.getMessage())
                .contains("The deployment may have been created")
                .contains("same Idempotency-Key is safe");

        ResponseEntity<?> retry = retryUntil(202).response();
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(((JsonNode) retry.getBody()).path("id").asString())
                .isEqualTo("coolify:" + fixture.sent.get(0).id());
        assertThat(fixture.sends()).as("requests sent to the provider").isEqualTo(1);
    }

    @Test
    @DisplayName("while the provider shows nothing a retry is 409 outcome_unknown and nothing is sent; once the"
            + " settle time has passed with nothing there, the key runs again")
    void nothingShownRunsAgainOnlyWhenSettled() {
        fixture.sending = attempt -> timedOut();
        fixture.providerShows = false;

        assertThat(fixture.answer(gateway, "k").status()).isEqualTo(504);
        ApiException early = fixture.answer(gateway, "k").problem();
        assertThat(early.code()).isEqualTo(ProblemCode.CONFLICT);
        assertThat(early.retryAfter()).isPositive();
        assertThat(early.members()).containsEntry(IdempotencyAnswers.STATE, "outcome_unknown");
        assertThat(fixture.sends()).isEqualTo(1);

        fixture.sending = IdempotencyFixture::accepted;
        fixture.clock.advance(IdempotencyFixture.TIMING.lease().plus(IdempotencyFixture.TIMING.settle()));
        ResponseEntity<?> later = retryUntil(202).response();

        assertThat(later.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(fixture.sends()).isEqualTo(2);
    }

    @Test
    @DisplayName("a refusal by the provider (409 conflict) proves nothing happened: the key is free at once")
    void refusalFreesTheKey() {
        fixture.sending = attempt -> Mono.error(
                new ProviderCallException("coolify", new ProviderException.Conflict("already finished", 400)));

        assertThatThrownBy(() -> fixture.trigger(gateway, "k")).isInstanceOf(ProviderCallException.class);
        fixture.sending = IdempotencyFixture::accepted;

        assertThat(fixture.trigger(gateway, "k").getStatusCode().value()).isEqualTo(202);
        assertThat(fixture.sends()).isEqualTo(2);
    }

    @Test
    @DisplayName("a sender that stops answering holds the key (409 in_flight); once its lease runs out another"
            + " instance finds what it did and answers that, sending nothing")
    void deadSendersKeyIsTakenOver() {
        fixture.sending = attempt -> Mono.never();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/deployments"));
        fixture.instance()
                .run(exchange, IdempotencyFixture.CLIENT, "k", Map.of("appId", "coolify:a"), fixture.write())
                .subscribe()
                .dispose();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.sends() == 1);

        ApiException meanwhile = fixture.answer(gateway, "k").problem();
        assertThat(meanwhile.code()).isEqualTo(ProblemCode.CONFLICT);
        assertThat(meanwhile.members()).containsEntry(IdempotencyAnswers.STATE, "in_flight");

        fixture.clock.advance(IdempotencyFixture.TIMING.lease());
        ResponseEntity<?> taken = fixture.trigger(fixture.instance(), "k");

        assertThat(taken.getStatusCode().value()).isEqualTo(202);
        assertThat(taken.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(((JsonNode) taken.getBody()).path("id").asString())
                .isEqualTo("coolify:" + fixture.sent.get(0).id());
        assertThat(fixture.sends()).isEqualTo(1);
    }

    @Test
    @DisplayName("a client that goes away does not cut its write short: it completes and is recorded for the retry")
    void writeOutlivesItsClient() {
        fixture.sending = attempt -> Mono.delay(Duration.ofMillis(200)).then(IdempotencyFixture.accepted(attempt));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/deployments"));
        gateway.run(exchange, IdempotencyFixture.CLIENT, "k", Map.of("appId", "coolify:a"), fixture.write())
                .subscribe()
                .dispose();

        ResponseEntity<?> retry = retryUntil(202).response();

        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(fixture.sends()).isEqualTo(1);
    }

    @Test
    @DisplayName("without a key an ambiguous failure still says what may have happened, and that a key makes a retry"
            + " safe; the write was sent once")
    void keylessAmbiguity() {
        fixture.sending = attempt -> timedOut();

        ApiException answer = fixture.answer(gateway, null).problem();

        assertThat(answer.code()).isEqualTo(ProblemCode.PROVIDER_TIMEOUT);
        assertThat(answer.members()).doesNotContainKey(IdempotencyAnswers.STATE);
        assertThat(answer.getMessage()).contains("may have been created").contains("no Idempotency-Key");
        assertThat(fixture.sends()).isEqualTo(1);
    }
}
