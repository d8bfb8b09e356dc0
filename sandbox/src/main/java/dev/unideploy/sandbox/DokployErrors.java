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
}
