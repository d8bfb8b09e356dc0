package dev.unideploy.gateway.web;

import dev.unideploy.gateway.store.IdempotencyRecords.Attempt;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/**
 * A mutating call as {@link Idempotency} runs it: sent once per attempt, and looked for again when the answer of an
 * attempt was lost.
 *
 * @param send sends the write; the attempt's id is its correlation value (e.g. the trigger's Dokploy title)
 * @param find what the attempt did, as the response it would have had; empty when the provider shows it did nothing
 *     (yet); an error when the provider cannot tell now. Never sends a write.
 * @param mayHave what an ambiguous failure may hide, e.g. "the deployment may have been created"
 */
record Write<T>(
        Function<Attempt, Mono<ResponseEntity<T>>> send,
        Function<Attempt, Mono<ResponseEntity<T>>> find,
        String mayHave) {

    /**
     * A write the gateway makes in its own state (a webhook subscription, say): it reaches no provider, so its outcome
     * is never ambiguous and there is nothing to look for.
     */
    static <T> Write<T> local(Supplier<Mono<ResponseEntity<T>>> action) {
        return new Write<>(attempt -> action.get(), attempt -> Mono.empty(), "nothing was changed");
    }
}
