package dev.unideploy.sandbox;

/** Mist's response envelope {@code {success, data, message, error}}. */
final class MistErrors {

    private MistErrors() {}

    static Reply of(int status, String message, String error) {
        return Reply.json(status, Json.obj("success", false, "data", null, "message", message, "error", error));
    }

    static Reply ok(Object data, String message) {
        return Reply.json(Json.obj("success", true, "data", data, "message", message, "error", ""));
    }
}
