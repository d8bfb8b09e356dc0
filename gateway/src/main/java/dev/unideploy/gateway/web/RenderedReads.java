package dev.unideploy.gateway.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.unideploy.gateway.provider.Governance;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Answers of cacheable reads as they were sent — body bytes, entity tag, media type — keyed by client and request
 * target, each kept as long as the data behind it may be reused: a finished deployment for {@code terminal-ttl}
 * (it cannot change), anything else for one {@code coalesce-window}. A write through this instance clears them
 * all and moves the {@linkplain #generation() generation} on, so that a read that was running while the write ran
 * is not kept.
 */
final class RenderedReads {

    /** One answer as sent: its body, its strong entity tag ({@code "…"}), its media type and how long it holds. */
    record Rendered(byte[] body, String etag, String contentType, Duration ttl) {}

    /** At most this many bytes of kept answers (bodies and keys); the least used go first. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final @Nullable Cache<String, Rendered> answers;
    private final Duration window;
    private final Duration terminalTtl;
    private final AtomicLong generation = new AtomicLong();

    RenderedReads(Governance rules) {
        this.window = rules.coalesceWindow().dividedBy(2);
        this.terminalTtl = rules.terminalTtl();
        // cache-size 0 turns the gateway's read caches off: then every read goes through, entity tags still work
        this.answers = rules.cacheSize() <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(MAX_BYTES)
                        .weigher((String key, Rendered rendered) -> key.length() + rendered.body().length)
                        .expireAfter(Expiry.<String, Rendered>creating((key, rendered) -> rendered.ttl()))
                        .build();
    }

    @Nullable
    Rendered get(String key) {
        return answers == null ? null : answers.getIfPresent(key);
    }

    /** Keeps {@code rendered} unless a write ran since {@code seenGeneration} was read. */
    void put(String key, Rendered rendered, long seenGeneration) {
        if (answers != null && !rendered.ttl().isZero() && generation.get() == seenGeneration) {
            answers.put(key, rendered);
        }
    }

    /** Whether answers are kept at all ({@code cache-size} 0 turns that off). */
    boolean keeping() {
        return answers != null;
    }

    long generation() {
        return generation.get();
    }

    /** A write is starting or ending: nothing rendered before it may be served after it. */
    void clear() {
        generation.incrementAndGet();
        if (answers != null) {
            answers.invalidateAll();
        }
    }

    Duration ttl(boolean finishedDeployment) {
        return finishedDeployment ? terminalTtl : window;
    }

    /** A strong entity tag from the body's SHA-256: equal bodies have equal tags on every instance. */
    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"'
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22)
                    + '"';
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Whether an {@code If-None-Match} header matches {@code etag}: {@code *}, or a list with the tag in it, by the
     * weak comparison RFC 9110 §13.1.2 prescribes ({@code W/"x"} matches {@code "x"}).
     */
    static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
