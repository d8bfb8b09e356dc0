package dev.unideploy.sandbox;

import org.jspecify.annotations.Nullable;

/**
 * Mist's response envelope {@code {success, data, message, error}} ({@code handlers.SendResponse}). The useful cause
 * is in {@code error}: GORM's "record not found" for an unknown app or deployment, which most handlers answer as a
 * 500.
 */
final class MistErrors {

    /** {@code gorm.ErrRecordNotFound}'s text. */
    static final String NOT_FOUND = "record not found";

    private MistErrors() {}

    static Reply of(int status, String message, String error) {
        return Reply.json(status, Json.obj("success", false, "data", null, "message", message, "error", error));
    }

    static Reply ok(@Nullable Object data, String message) {
        return Reply.json(Json.obj("success", true, "data", data, "message", message, "error", ""));
    }

    /** Go's {@code strconv.ParseInt} error text. */
    static String parseIntError(@Nullable String value) {
        return "strconv.ParseInt: parsing \"" + (value == null ? "" : value) + "\": invalid syntax";
    }

    /** Go's {@code encoding/json} error for a field of the wrong type. */
    static String decodeError(String field, String goType) {
        return "json: cannot unmarshal string into Go struct field ." + field + " of type " + goType;
    }
}
