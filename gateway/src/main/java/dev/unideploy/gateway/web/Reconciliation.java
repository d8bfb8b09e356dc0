package dev.unideploy.gateway.web;

import dev.unideploy.gateway.store.IdempotencyRecords;
import dev.unideploy.gateway.store.IdempotencyRecords.Entry;
import dev.unideploy.gateway.store.IdempotencyRecords.StoredResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finding out what an attempt whose answer was lost did, while holding its key: a look at the provider now, then
 * again every {@code recheck} (renewing the hold each time), until the provider shows what the attempt did — recorded
 * as the key's response — or shows, late enough, that it did nothing — the key is freed. Runs on its own, whoever
 * waits for it: started by the instance whose write lost its answer, or by the one a retry reached after the holder's
 * lease ran out.
 */
final class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    /** What one look found. */
    enum Finding {
        /** What the attempt did: {@link Verdict#response()} is its response, now recorded. */
        FOUND,
        /** Nothing, late enough to prove it: the key is free again. */
        NOTHING,
        /** Nothing yet, or the provider could not tell: still looking. */
        PENDING
    }

    record Verdict(Finding finding, @Nullable StoredResponse response) {}

    private final IdempotencyRecords records;
    private final IdempotencyProperties.Timing timing;
    private final Clock clock;
    private final Function<ResponseEntity<?>, StoredResponse> store;

    Reconciliation(
            IdempotencyRecords records,
            IdempotencyProperties.Timing timing,
            Clock clock,
            Function<ResponseEntity<?>, StoredResponse> store) {
        this.records = records;
        this.timing = timing;
        this.clock = clock;
        this.store = store;
    }

    /**
     * Starts finding out what {@code held}'s attempt did, holding {@code key} as {@code held}. Hot: it runs to its end
     * whoever listens; listeners get the latest verdict, then the ones after.
     */
    <T> Flux<Verdict> start(String key, Entry held, Write<T> write) {
        return Flux.deferContextual(
                context -> looks(key, held, write, clock.instant().plus(timing.reconcileFor()))
                        .contextWrite(context)
                        .replay(1)
                        .autoConnect(0));
    }

    private <T> Flux<Verdict> looks(String key, Entry held, Write<T> write, Instant until) {
        return Mono.defer(() -> {
                    Instant lookedAt = clock.instant();
                    return Mono.defer(() -> write.find().apply(held.attempt()))
                            .map(found -> new Verdict(Finding.FOUND, store.apply(found)))
                            .switchIfEmpty(Mono.fromSupplier(() -> new Verdict(
                                    lookedAt.isBefore(timing.settledAfter(
                                                    held.attempt().sentAt()))
                                            ? Finding.PENDING
                                            : Finding.NOTHING,
                                    null)))
                            .onErrorResume(error -> {
                                log.info(
                                        "Could not find out what a write did yet: {}",
                                        error.getClass().getSimpleName());
                                return Mono.just(new Verdict(Finding.PENDING, null));
                            });
                })
                .flatMapMany(verdict -> switch (verdict.finding()) {
                    case FOUND ->
                        records.replace(key, held, held.done(verdict.response()))
                                .onErrorResume(unrecorded -> Mono.just(false))
                                .thenReturn(verdict)
                                .flux();
                    case NOTHING ->
                        records.remove(key, held)
                                .onErrorResume(unreleased -> Mono.just(false))
                                .thenReturn(verdict)
                                .flux();
                    case PENDING -> Flux.concat(Mono.just(verdict), again(key, held, write, until));
                });
    }

    /** After {@code recheck}, holding on: or nothing, when this instance has looked long enough or lost the key. */
    private <T> Flux<Verdict> again(String key, Entry held, Write<T> write, Instant until) {
        if (!clock.instant().isBefore(until)) {
            // the hold runs out by itself; a retry with the key takes over and starts again
            return Flux.empty();
        }
        return Mono.delay(timing.recheck())
                .then(Mono.defer(() -> {
                    Entry renewed = held.renewed(clock.instant().plus(timing.lease()));
                    return records.replace(key, held, renewed)
                            .onErrorResume(unanswered -> Mono.just(false))
                            .filter(kept -> kept)
                            .map(kept -> renewed);
                }))
                .flatMapMany(renewed -> looks(key, renewed, write, until));
    }
}
