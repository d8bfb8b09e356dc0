package dev.unideploy.gateway.store;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deployment event feed shared by every instance: an append-only log whose positions are {@code <ms>-<seq>}
 * (Redis Stream ids), a consumer group that hands each event to one instance, and leases so one instance polls an
 * app. Events are opaque JSON here; entries older than the retention are dropped.
 */
public interface FeedLog {

    /** One logged event and its position. */
    record Entry(String position, String event) {}

    /**
     * Raises the recorded rank of {@code subject} (a deployment) to {@code rank} and appends {@code event}, in one
     * step; answers the new position, or nothing when the subject already had that rank or a higher one (another
     * instance, or an earlier poll, published it).
     */
    Mono<String> publish(String subject, int rank, String event);

    /** The entries after {@code position} (exclusive; null: from the oldest kept), oldest first. */
    Flux<Entry> after(@Nullable String position, int limit);

    /** Entries as they are appended, by any instance; hot, never completes. */
    Flux<Entry> live();

    /**
     * Entries for {@code consumer} of {@code group}: those never handed out, and those handed to a consumer that did
     * not {@link #ack} them within {@code minIdle} (an instance that stopped).
     */
    Flux<Entry> claim(String group, String consumer, int limit, Duration minIdle);

    /** Marks an entry of the group done. */
    Mono<Void> ack(String group, String position);

    /** Takes or renews {@code key} for {@code owner} for {@code ttl}; false while another owner holds it. */
    Mono<Boolean> lease(String key, String owner, Duration ttl);

    /** Orders positions {@code <ms>-<seq>}: negative when {@code a} comes first. */
    static int compare(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        return x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);
    }

    /** Whether {@code position} has the form of a position. */
    static boolean isPosition(@Nullable String position) {
        return position != null && position.matches("\\d{1,19}-\\d{1,19}");
    }

    private static long[] parse(String position) {
        int dash = position.indexOf('-');
        return new long[] {Long.parseLong(position.substring(0, dash)), Long.parseLong(position.substring(dash + 1))};
    }
}
