package dev.unideploy.sandbox;

import java.util.List;

/** Dokploy's trpc-openapi error bodies: {@code {message, code, issues}} with the matching HTTP status. */
final class DokployErrors {

    private DokployErrors() {}

    static Reply of(int status, String code, String message) {
        return Reply.json(status, Json.obj("message", message, "code", code, "issues", List.of()));
    }

    /** A Zod validation failure for a missing required field: issues carry only {@code message}, as the spec says. */
    static Reply required(String field) {
        return Reply.json(
                400,
                Json.obj(
                        "message",
                        "Input validation failed: " + field + " is required",
                        "code",
                        "BAD_REQUEST",
                        "issues",
                        List.of(Json.obj("message", "Required"))));
    }

    /** Zod's answer to a number out of range, e.g. {@code readLogs?tail=0}: 400 with the issue. */
    static Reply outOfRange(String field, int minimum, int maximum, long value) {
        boolean small = value < minimum;
        return Reply.json(
                400,
                Json.obj(
                        "message",
                        "Input validation failed",
                        "code",
                        "BAD_REQUEST",
                        "issues",
                        List.of(Json.obj(
                                "code",
                                small ? "too_small" : "too_big",
                                small ? "minimum" : "maximum",
                                small ? minimum : maximum,
                                "type",
                                "number",
                                "inclusive",
                                true,
                                "exact",
                                false,
                                "message",
                                small
                                        ? "Number must be greater than or equal to " + minimum
                                        : "Number must be less than or equal to " + maximum,
                                "path",
                                List.of(field)))));
    }

    /** Zod's answer to a number that is not one. */
    static Reply notANumber(String field) {
        return Reply.json(
                400,
                Json.obj(
                        "message",
                        "Input validation failed",
                        "code",
                        "BAD_REQUEST",
                        "issues",
                        List.of(Json.obj(
                                "code",
                                "invalid_type",
                                "expected",
                                "number",
                                "received",
                                "nan",
                                "message",
                                "Expected number, received nan",
                                "path",
                                List.of(field)))));
    }
}
