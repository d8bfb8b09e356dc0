package dev.unideploy.gateway.web;

import dev.unideploy.spi.ProviderException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

/**
 * Errors Reactor drops — signalled after their subscriber left — are logged by Reactor as ERROR with a stack
 * trace. Most are the normal end of a call nobody waits for any more: a provider call cancelled by a time limit or
 * a client that hung up (health probes, event streams). Those are logged at DEBUG; anything else is a one-line WARN
 * without a stack trace (its message is masked like every log line).
 */
final class DroppedErrors {

    private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private DroppedErrors() {}

    /** Installs the hook once per JVM (Reactor's hooks are global; several gateways in one test JVM share it). */
    static DroppedErrors install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Hooks.onErrorDropped(DroppedErrors::dropped);
        }
        return new DroppedErrors();
    }

    static void dropped(Throwable error) {
        if (isExpected(error)) {
            log.debug("Dropped after its subscriber left: {}", error.toString());
        } else {
            log.warn(
                    "Dropped after its subscriber left: {}: {}",
                    error.getClass().getName(),
                    error.getMessage());
        }
    }

    /** Cancellations, provider failures (already answered or abandoned) and broken client connections. */
    static boolean isExpected(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CancellationException
                    || cause instanceof ProviderException
                    || cause instanceof IOException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
