package dev.unideploy.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dispatches a call on method and path template ({@code /deployments/{id}/cancel}) to a provider handler. */
final class Router {

    /** Handles a matched call; {@code params} are the template's path variables in order. */
    interface Route {
        Reply handle(Call call, List<String> params);
    }

    private record Entry(String method, Pattern pattern, Route route) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Function<Call, Reply> notFound;
    private final BiFunction<Call, List<String>, Reply> wrongMethod;

    Router(Function<Call, Reply> notFound, BiFunction<Call, List<String>, Reply> wrongMethod) {
        this.notFound = notFound;
        this.wrongMethod = wrongMethod;
    }

    Router on(String method, String template, Route route) {
        String regex = template.replace(".", "\\.").replaceAll("\\{[^/]+}", "([^/]+)");
        entries.add(new Entry(method, Pattern.compile(regex), route));
        return this;
    }

    Reply dispatch(Call call) {
        List<String> allowed = new ArrayList<>();
        for (Entry entry : entries) {
            Matcher matcher = entry.pattern().matcher(call.path());
            if (!matcher.matches()) {
                continue;
            }
            if (!entry.method().equals(call.method())) {
                allowed.add(entry.method());
                continue;
            }
            List<String> params = new ArrayList<>();
            for (int i = 1; i <= matcher.groupCount(); i++) {
                params.add(URLDecoder.decode(matcher.group(i), StandardCharsets.UTF_8));
            }
            return entry.route().handle(call, params);
        }
        return allowed.isEmpty() ? notFound.apply(call) : wrongMethod.apply(call, allowed);
    }
}
