package dev.unideploy.adapter.dokploy;

import dev.unideploy.spi.ProviderException;
import java.util.regex.Pattern;

/**
 * A local deployment id: {@code <applicationId>.<deploymentId>}, or {@code
 * <applicationId>.u-<correlationId>} for anything deployed through the gateway (title {@code
 * unideploy-<correlationId>}), stable from queued job to finished row: it is resolved by title each time.
 */
record DokployId(String applicationId, String deploymentId, boolean correlated) {

    static final String TITLE_PREFIX = "unideploy-";
    private static final String CORRELATED = "u-";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern APP = Pattern.compile("[A-Za-z0-9_~-]+");

    static DokployId parse(String localId) {
        int dot = localId.indexOf('.');
        if (dot <= 0 || dot == localId.length() - 1 || !SAFE.matcher(localId).matches()) {
            throw new ProviderException.NotFound("no Dokploy deployment with that id", null);
        }
        String app = localId.substring(0, dot);
        String rest = localId.substring(dot + 1);
        return rest.startsWith(CORRELATED) && rest.length() > CORRELATED.length()
                ? new DokployId(app, rest.substring(CORRELATED.length()), true)
                : new DokployId(app, rest, false);
    }

    static DokployId correlated(String applicationId, String correlationId) {
        return new DokployId(applicationId, correlationId, true);
    }

    /** The id of a row or job with this title, when the title is one the gateway sent (and URL-safe). */
    static boolean isGatewayTitle(String title) {
        return title.startsWith(TITLE_PREFIX)
                && title.length() > TITLE_PREFIX.length()
                && SAFE.matcher(title.substring(TITLE_PREFIX.length())).matches();
    }

    static boolean isSafe(String value) {
        return SAFE.matcher(value).matches();
    }

    static void checkApp(String applicationId) {
        if (!APP.matcher(applicationId).matches()) {
            throw new ProviderException.NotFound("no Dokploy application with that id", null);
        }
    }

    /** The title sent on deploy for a correlated id. */
    String title() {
        return TITLE_PREFIX + deploymentId;
    }

    @Override
    public String toString() {
        return applicationId + "." + (correlated ? CORRELATED : "") + deploymentId;
    }
}
