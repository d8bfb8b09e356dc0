package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.Correlations;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * What the adapter remembers in the gateway's shared store, because Dokploy forgets it: which row a triggered id is
 * ({@code d:<id>} → row id, or {@code -} once its queued job was dropped), which triggered id claimed a row ({@code
 * r:<row id>} → id), and where a triggered deployment stood in the queue ({@code t:<id>} → the job's timestamp on
 * Dokploy's clock and how many jobs of its app waited ahead of it).
 */
final class DokployMemory {

    /**
     * How far the gateway's clock may run ahead of Dokploy's: with nothing remembered and no free row created since
     * the trigger instant, a triggered id's row is looked for among those created at most this long before it.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(1);

    private static final String DROPPED = "-";

    /**
     * Where a triggered deployment's row is to be found among its app's rows, oldest first.
     *
     * @param since no earlier row is its
     * @param ahead how many rows from {@code since} on belong to jobs that waited ahead of it
     * @param exact true when {@code since} is on Dokploy's clock (the job's timestamp), false when it is the trigger
     *     instant on the gateway's, which may run ahead by up to {@link #CLOCK_SKEW}
     */
    record Anchor(Instant since, int ahead, boolean exact) {}

    private final Correlations store;

    DokployMemory(Correlations store) {
        this.store = store;
    }

    /** The row remembered for {@code id}; {@code -} when its queued job was dropped; empty when unknown. */
    Mono<String> rowOf(DokployTriggeredId id) {
        return store.recall("d:" + id);
    }

    static boolean dropped(String remembered) {
        return DROPPED.equals(remembered);
    }

    /** The triggered id that claimed each of {@code rowIds}, by row id. */
    Mono<Map<String, String>> claims(Collection<String> rowIds) {
        if (rowIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return store.recallAll(rowIds.stream().map(row -> "r:" + row).toList()).map(found -> {
            Map<String, String> byRow = new HashMap<>();
            found.forEach((key, id) -> byRow.put(key.substring(2), id));
            return byRow;
        });
    }

    /** Records what a title proved: {@code id} is {@code rowId}. */
    Mono<Void> proven(DokployTriggeredId id, String rowId) {
        return store.remember("d:" + id, rowId)
                .then(store.remember("r:" + rowId, id.toString()))
                .then();
    }

    /**
     * Claims {@code rowId} for {@code id} unless another id holds it: answers the row now remembered for {@code id}
     * (normally {@code rowId}; another if a second gateway instance was quicker), or empty when the row is taken.
     */
    Mono<String> claim(DokployTriggeredId id, String rowId) {
        return store.remember("r:" + rowId, id.toString())
                .filter(holder -> holder.equals(id.toString()))
                .flatMap(mine -> store.remember("d:" + id, rowId));
    }

    /** {@code id}'s queued job was dropped before it ran: it never gets a row. */
    Mono<Void> drop(DokployTriggeredId id) {
        return store.remember("d:" + id, DROPPED).then();
    }

    /** Where {@code id}'s job stood when it was queued: its timestamp and the jobs of its app ahead of it. */
    Mono<Void> queued(DokployTriggeredId id, long jobTimestamp, int ahead) {
        return store.remember("t:" + id, jobTimestamp + "," + ahead).then();
    }

    /** The remembered anchor, else the trigger instant on the gateway's clock and nothing known ahead. */
    Mono<Anchor> anchor(DokployTriggeredId id) {
        Anchor guess = new Anchor(id.triggered(), 0, false);
        return store.recall("t:" + id).map(value -> parse(value, guess)).defaultIfEmpty(guess);
    }

    private static Anchor parse(String value, Anchor guess) {
        int comma = value.indexOf(',');
        try {
            return new Anchor(
                    Instant.ofEpochMilli(Long.parseLong(value.substring(0, comma))),
                    Integer.parseInt(value.substring(comma + 1)),
                    true);
        } catch (RuntimeException unreadable) {
            return guess;
        }
    }
}
