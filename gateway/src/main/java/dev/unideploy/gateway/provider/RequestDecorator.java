package dev.unideploy.gateway.provider;

import java.net.http.HttpRequest;

/** Adds gateway concerns (e.g. {@code traceparent}) to every request an adapter sends. */
@FunctionalInterface
public interface RequestDecorator {

    HttpRequest.Builder apply(HttpRequest.Builder builder);
}
