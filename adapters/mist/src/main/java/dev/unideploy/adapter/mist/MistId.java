package dev.unideploy.adapter.mist;

import dev.unideploy.spi.ProviderException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local deployment id {@code <appId>.<deploymentId>}. Mist's deployment ids are random and its list is per app,
 * so the app travels inside the id: stateless round trips.
 */
record MistId(long appId, long deploymentId) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})");

    /** Parses a local id; anything else names no Mist deployment ({@link ProviderException.NotFound}). */
    static MistId parse(String localId) {
        Matcher matcher = FORMAT.matcher(localId);
        if (!matcher.matches()) {
            throw new ProviderException.NotFound("no Mist deployment with that id", null);
        }
        return new MistId(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    /** An app id is Mist's int app id. */
    static long parseApp(String appId) {
        if (!appId.matches("\\d{1,18}")) {
            throw new ProviderException.NotFound("no Mist app with that id", null);
        }
        return Long.parseLong(appId);
    }

    @Override
    public String toString() {
        return appId + "." + deploymentId;
    }
}
