package dev.unideploy.sandbox;

import java.time.Instant;
import java.util.Map;

/** A traffic split set through the API; a revision that becomes ready after {@code setAt} takes 100% again. */
record DooorTraffic(Map<String, Integer> percents, Instant setAt) {

    DooorTraffic {
        percents = Map.copyOf(percents);
    }
}
