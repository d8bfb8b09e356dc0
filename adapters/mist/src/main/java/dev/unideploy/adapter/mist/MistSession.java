package dev.unideploy.adapter.mist;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The service account's {@code mist_token} cookie. Thread-safe: one login at a time, shared by every caller that
 * needs the cookie meanwhile; a cookie the provider rejected is dropped once, so the next caller logs in anew.
 */
final class MistSession {

    private final Supplier<Mono<String>> login;
    private final Object lock = new Object();
    private @Nullable String cookie;
    private @Nullable Mono<String> inFlight;

    MistSession(Supplier<Mono<String>> login) {
        this.login = login;
    }

    /** The current cookie, logging in first when there is none. Lazy. */
    Mono<String> cookie() {
        return Mono.defer(() -> {
            synchronized (lock) {
                if (cookie != null) {
                    return Mono.just(cookie);
                }
                if (inFlight == null) {
                    inFlight = login.get()
                            .doOnNext(fresh -> {
                                synchronized (lock) {
                                    cookie = fresh;
                                }
                            })
                            .doFinally(signal -> {
                                synchronized (lock) {
                                    inFlight = null;
                                }
                            })
                            .cache();
                }
                return inFlight;
            }
        });
    }

    /** Forgets {@code rejected} if it is still the current cookie (another caller may have renewed it). */
    void invalidate(String rejected) {
        synchronized (lock) {
            if (rejected.equals(cookie)) {
                cookie = null;
            }
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "MistSession[" + (cookie == null ? "logged out" : "logged in") + "]";
        }
    }
}
