package dev.unideploy.contract.coolify;

/** A Coolify queue row, as {@code GET /deployments/{uuid}} answers it, for the spec contract test. */
final class CoolifyRows {

    private CoolifyRows() {}

    static String row(String uuid, String status) {
        return """
                {"id":7,"deployment_uuid":"%s","application_id":"3","application_name":"web","status":"%s",
                 "commit":"abc123","commit_message":"fix","rollback":false,"force_rebuild":false,
                 "deployment_url":"/project/p1/environment/e1/application/cool-web/deployment/%s",
                 "created_at":"2026-11-22T10:00:00.000000Z","updated_at":"2026-11-22T10:00:00.000000Z"}
                """.formatted(uuid, status, uuid);
    }
}
