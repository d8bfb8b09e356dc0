package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The shared timer that drives live log streams: streams poll a deployment's lazy state and push what is new. */
final class StreamClock {

    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "sandbox-streams");
        thread.setDaemon(true);
        return thread;
    });

    private StreamClock() {}

    /** Runs the task after a poll interval suited to the step (a fifth of it, 5–100 ms). */
    static void later(Duration step, Runnable task) {
        long millis = Math.max(5, Math.min(100, step.toMillis() / 5));
        TIMER.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    static void after(Duration delay, Runnable task) {
        TIMER.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
