package dev.unideploy.gateway.audit;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/** Names a mutating call by its method and path, and finds what it acts on. */
final class Operations {

    /** An operation's name, target and provider connection. */
    record Operation(
            String name, @Nullable String target, @Nullable String provider) {}

    private record Rule(HttpMethod method, Pattern path, String name) {}

    private static final String ID = "([A-Za-z0-9][A-Za-z0-9_-]*:[^/]+)";
    private static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, Pattern.compile("/v1/deployments"), "deployments.trigger"),
            new Rule(HttpMethod.POST, Pattern.compile("/v1/deployments/" + ID + "/cancel"), "deployments.cancel"),
            new Rule(HttpMethod.POST, Pattern.compile("/v1/deployments/" + ID + "/rollback"), "deployments.rollback"),
            new Rule(HttpMethod.POST, Pattern.compile("/v1/deployments/" + ID + "/promote"), "deployments.promote"),
            new Rule(HttpMethod.DELETE, Pattern.compile("/v1/deployments/" + ID), "deployments.delete"),
            new Rule(HttpMethod.PUT, Pattern.compile("/v1/apps/" + ID + "/scale"), "apps.scale"),
            new Rule(HttpMethod.PUT, Pattern.compile("/v1/apps/" + ID + "/traffic"), "apps.traffic"),
            new Rule(HttpMethod.POST, Pattern.compile("/v1/webhooks"), "webhooks.create"),
            new Rule(HttpMethod.PATCH, Pattern.compile("/v1/webhooks/([^/]+)"), "webhooks.update"),
            new Rule(HttpMethod.DELETE, Pattern.compile("/v1/webhooks/([^/]+)"), "webhooks.delete"),
            new Rule(
                    HttpMethod.POST,
                    Pattern.compile("/v1/webhooks/[^/]+/deliveries/([^/]+)/retry"),
                    "webhooks.retry_delivery"));
    private static final Pattern PASSTHROUGH = Pattern.compile("/v1/providers/([^/]+)/passthrough(/.*)?");

    private Operations() {}

    /** Whether a call is audited: a mutating method on the API, except provider notifications. */
    static boolean audited(HttpMethod method, String path) {
        boolean mutating = method == HttpMethod.POST
                || method == HttpMethod.PUT
                || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
        return mutating && path.startsWith("/v1/") && !path.matches("/v1/providers/[^/]+/notifications/?");
    }

    static Operation of(HttpMethod method, String path) {
        Matcher passthrough = PASSTHROUGH.matcher(path);
        if (passthrough.matches()) {
            String rest = passthrough.group(2);
            return new Operation("passthrough.write", rest == null ? "/" : rest, passthrough.group(1));
        }
        for (Rule rule : RULES) {
            Matcher matcher = rule.path().matcher(path);
            if (rule.method().equals(method) && matcher.matches()) {
                String target = matcher.groupCount() > 0 ? matcher.group(1) : null;
                return new Operation(rule.name(), target, connectionOf(target));
            }
        }
        return new Operation(method.name().toLowerCase() + " " + path, null, null);
    }

    /** The connection of a global id ({@code coolify:…}); null for anything else. */
    static @Nullable String connectionOf(@Nullable String globalId) {
        if (globalId == null) return null;
        int colon = globalId.indexOf(':');
        return colon > 0 ? globalId.substring(0, colon) : null;
    }
}
