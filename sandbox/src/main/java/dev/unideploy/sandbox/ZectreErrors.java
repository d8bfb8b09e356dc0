package dev.unideploy.sandbox;

/** Zectre errors: an HTTP status and an UPPER_SNAKE code, {@code {"error":{"code","message"}}}. */
final class ZectreErrors {

    private ZectreErrors() {}

    static Reply of(int status, String code, String message) {
        return Reply.json(status, Json.obj("error", Json.obj("code", code, "message", message)));
    }

    static Reply notFound(String what) {
        return of(404, "NOT_FOUND", what + " not found");
    }
}
