package dev.unideploy.sandbox;

import java.util.List;

/** NestJS error bodies: {@code {statusCode, message: string|string[], error}}. */
final class DooorErrors {

    private DooorErrors() {}

    static Reply of(int status, Object message) {
        String error = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            default -> "Error";
        };
        return Reply.json(status, Json.obj("statusCode", status, "message", message, "error", error));
    }

    /** class-validator failures: a list of messages. */
    static Reply invalid(String... messages) {
        return of(400, List.of(messages));
    }

    /** How NestJS answers a route it does not have (Dooor has no cancel route, for one). */
    static Reply noRoute(Call call) {
        return of(404, "Cannot " + call.method() + " " + call.request().getUrl().split("\\?")[0]);
    }
}
