package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.problem.ApiException;
import java.util.regex.Pattern;

/**
 * A client-facing id: the connection id, a colon, and the adapter's local id — round-trippable without server
 * state.
 */
public record GlobalId(String connection, String local) {

    private static final Pattern CONNECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9._~-]+");

    /** Parses {@code value}, or 400 naming {@code field}. */
    public static GlobalId parse(String field, String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || value.length() > 300) {
            throw ApiException.invalid(field, "must look like '<provider>:<id>'");
        }
        String connection = value.substring(0, colon);
        String local = value.substring(colon + 1);
        if (!CONNECTION.matcher(connection).matches() || !LOCAL.matcher(local).matches()) {
            throw ApiException.invalid(field, "must look like '<provider>:<id>' with URL-safe characters");
        }
        return new GlobalId(connection, local);
    }

    @Override
    public String toString() {
        return connection + ":" + local;
    }
}
