package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.ProviderException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A local deployment id: a Dokploy row, or a deployment triggered through the gateway. Dokploy's {@code deploy} answers
 * no id, so the gateway's id is made before the row exists and must outlive the title that ties them (Dokploy
 * overwrites it when the build ends): it carries the trigger instant, which finds the row when nothing else does.
 */
sealed interface DokployId permits DokployRowId, DokployTriggeredId {

    /** Every title the gateway sends starts so; the rest is the triggered id's own part. */
    String TITLE_PREFIX = "unideploy-";

    Pattern APP = Pattern.compile("[A-Za-z0-9_-]+");
    /** Dokploy row ids are nanoids: never a {@code ~}, which marks a triggered id. */
    Pattern ROW = Pattern.compile("[A-Za-z0-9_-]+");

    Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    Pattern TRIGGERED = Pattern.compile("~([0-9a-z]{1,12})~(" + CORRELATION.pattern() + ")~([0-9a-z]{1,16})");

    String applicationId();

    /** Parses a local id; one that is not a Dokploy id is simply not found. */
    static DokployId parse(String localId) {
        int dot = localId.indexOf('.');
        if (dot > 0 && APP.matcher(localId.substring(0, dot)).matches()) {
            String app = localId.substring(0, dot);
            String rest = localId.substring(dot + 1);
            if (ROW.matcher(rest).matches()) {
                return new DokployRowId(app, rest);
            }
            DokployTriggeredId triggered = triggered(app, rest);
            if (triggered != null) {
                return triggered;
            }
        }
        throw new ProviderException.NotFound("no Dokploy deployment with that id", null);
    }

    /** The id of a row; a row id Dokploy would never make (not a nanoid) cannot be represented: a bad response. */
    static DokployRowId row(String applicationId, @Nullable String deploymentId) {
        if (deploymentId == null || !ROW.matcher(deploymentId).matches()) {
            throw new ProviderException.BadResponse(
                    "Dokploy answered a deployment id that is not a nanoid; it cannot be represented", null, null);
        }
        return new DokployRowId(applicationId, deploymentId);
    }

    /** The triggered id a title names, or null when the title is not one the gateway sent. */
    static @Nullable DokployTriggeredId fromTitle(String applicationId, @Nullable String title) {
        return title != null && title.startsWith(TITLE_PREFIX)
                ? triggered(applicationId, title.substring(TITLE_PREFIX.length()))
                : null;
    }

    private static @Nullable DokployTriggeredId triggered(String applicationId, String part) {
        Matcher matcher = TRIGGERED.matcher(part);
        if (!matcher.matches()) {
            return null;
        }
        try {
            return new DokployTriggeredId(
                    applicationId,
                    Instant.ofEpochMilli(Long.parseLong(matcher.group(1), 36)),
                    matcher.group(2),
                    matcher.group(3));
        } catch (NumberFormatException | DateTimeException tooBig) {
            return null;
        }
    }

    static boolean isCorrelation(String correlationId) {
        return CORRELATION.matcher(correlationId).matches();
    }

    static void checkApp(String applicationId) {
        if (!APP.matcher(applicationId).matches()) {
            throw new ProviderException.NotFound("no Dokploy application with that id", null);
        }
    }
}
