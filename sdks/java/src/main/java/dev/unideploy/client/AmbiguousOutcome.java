package dev.unideploy.client;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Whether a write's failure leaves its outcome unknown, so that a retry with the same {@code Idempotency-Key} is
 * needed (and safe): the gateway's 504 (the provider may have acted), 409 while the first try with the key is still
 * in flight or being reconciled, 502/503 and 429 (nothing or something happened; the key decides), and a connection
 * that failed or timed out. A 4xx refusal is an answer, not an ambiguity.
 */
final class AmbiguousOutcome {

    private AmbiguousOutcome() {}

    static boolean test(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            int status = problem.status();
            return status == 409 || status == 429 || status == 502 || status == 503 || status == 504;
        }
        return failure instanceof WebClientRequestException
                || failure instanceof TimeoutException
                || failure instanceof IOException;
    }
}
