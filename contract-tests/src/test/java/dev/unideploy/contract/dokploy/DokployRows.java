package dev.unideploy.contract.dokploy;

/** A Dokploy deployment row, as {@code deployment.all} answers it, for the spec contract test. */
final class DokployRows {

    static final String APP = "dok-web";

    private DokployRows() {}

    static String row(String deploymentId, String title, String status) {
        return """
                {"deploymentId":"%s","title":"%s","description":null,"status":"%s",
                 "logPath":"/etc/dokploy/logs/web/web-%s.log","pid":null,"applicationId":"%s","composeId":null,
                 "createdAt":"2026-11-22T10:00:00.000Z","startedAt":"2026-11-22T10:00:01.000Z","finishedAt":null,
                 "errorMessage":null}
                """.formatted(deploymentId, title, status, deploymentId, APP);
    }
}
