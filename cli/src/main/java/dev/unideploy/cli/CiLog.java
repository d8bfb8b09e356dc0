package dev.unideploy.cli;

import java.util.Map;

/**
 * The CI system whose log the CLI writes to, found from its environment: GitHub Actions ({@code GITHUB_ACTIONS=true})
 * and GitLab CI ({@code GITLAB_CI=true}) fold a deployment's log lines into a collapsible group; elsewhere the lines
 * are plain.
 */
enum CiLog {
    GITHUB_ACTIONS,
    GITLAB_CI,
    PLAIN;

    static CiLog of(Map<String, String> environment) {
        if ("true".equals(environment.get("GITHUB_ACTIONS"))) {
            return GITHUB_ACTIONS;
        }
        if ("true".equals(environment.get("GITLAB_CI"))) {
            return GITLAB_CI;
        }
        return PLAIN;
    }

    /** The line that opens a group titled {@code title}, or null where the log has no groups. */
    String open(String name, String title, long epochSecond) {
        return switch (this) {
            case GITHUB_ACTIONS -> "::group::" + title;
            // GitLab's section markers: an erase-line escape, the marker, a carriage return, the header
            case GITLAB_CI ->
                "\u001B[0Ksection_start:" + epochSecond + ":" + name + "[collapsed=true]\r\u001B[0K" + title;
            case PLAIN -> null;
        };
    }

    String close(String name, long epochSecond) {
        return switch (this) {
            case GITHUB_ACTIONS -> "::endgroup::";
            case GITLAB_CI -> "\u001B[0Ksection_end:" + epochSecond + ":" + name + "\r\u001B[0K";
            case PLAIN -> null;
        };
    }
}
