package dev.unideploy.gateway.store;

import java.time.Clock;
import java.time.Duration;

class MemoryFeedLogTest extends FeedLogContract {

    private final FeedLog log = new MemoryFeedLog(Clock.systemUTC(), Duration.ofHours(1), 1000);

    @Override
    FeedLog log() {
        return log;
    }
}
