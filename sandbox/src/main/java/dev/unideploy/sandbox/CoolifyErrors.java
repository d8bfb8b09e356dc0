package dev.unideploy.sandbox;

/** Coolify (Laravel) errors: an HTTP status and {@code {"message"}}, validation errors add {@code errors}. */
final class CoolifyErrors {

    private CoolifyErrors() {}

    static Reply of(int status, String message) {
        return Reply.json(status, Json.obj("message", message));
    }
}
