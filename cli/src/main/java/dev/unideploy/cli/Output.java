package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentSource;
import dev.unideploy.client.model.LogLine;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the CLI prints, fit for CI logs: no spinner, colour only on a terminal, status lines ({@code ==>}) with the time
 * and the time elapsed since the command started, log lines as the provider wrote them, folded into a collapsible
 * group on GitHub Actions and GitLab CI. With {@code --json} the result is one JSON document on stdout and everything
 * else (progress, notes) goes to stderr; otherwise results and progress go to stdout, notes and errors to stderr.
 */
final class Output {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'");

    private final PrintWriter out;
    private final PrintWriter err;
    private final JsonMapper json;
    private final boolean jsonMode;
    private final CiLog ci;
    private final boolean colour;
    private final Clock clock;
    private final Instant started;
    private @Nullable String openGroup;

    Output(PrintWriter out, PrintWriter err, JsonMapper json, boolean jsonMode, CiLog ci, boolean colour, Clock clock) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.jsonMode = jsonMode;
        this.ci = ci;
        this.colour = colour && !jsonMode;
        this.clock = clock;
        this.started = clock.instant();
    }

    boolean jsonMode() {
        return jsonMode;
    }

    /** A new deployment's id alone, the first line on stdout, for {@code id=$(unideploy deploy …)}. */
    void id(String id) {
        if (!jsonMode) {
            print(id);
        }
    }

    /** {@code ==> deploy coolify:abc of coolify:web: queued  [10:41:03Z +0s]}. */
    void started(Deployment deployment) {
        progress("==> " + deployment.getKind() + " " + deployment.getId() + " of " + deployment.getAppId() + ": "
                + deployment.getStatus() + stamp());
    }

    /** A new or changed state: {@code ==> coolify:abc in_progress (build, 40%)  [10:41:07Z +4s]}. */
    void status(Deployment deployment) {
        closeGroup();
        StringBuilder line =
                new StringBuilder("==> ").append(deployment.getId()).append(' ').append(deployment.getStatus());
        String phase = deployment.getPhase() != null ? deployment.getPhase().getValue() : null;
        Integer progress = deployment.getProgress();
        if (phase != null || progress != null) {
            line.append(" (")
                    .append(phase != null ? phase : "")
                    .append(phase != null && progress != null ? ", " : "")
                    .append(progress != null ? progress + "%" : "")
                    .append(')');
        }
        progress(line.append(stamp()).toString());
    }

    /** A log line; on GitHub Actions and GitLab CI the lines up to the next status line form one folded group. */
    void log(LogLine line) {
        if (openGroup == null && ci != CiLog.PLAIN) {
            openGroup = "unideploy_log_" + clock.instant().getEpochSecond();
            progress(ci.open(openGroup, "log" + stamp(), clock.instant().getEpochSecond()));
        }
        progress(line.getMessage());
    }

    /** The last line of a followed deployment. */
    void outcome(Deployment deployment) {
        closeGroup();
        Long seconds = deployment.getDurationSeconds();
        String verb = deployment.getTerminal() ? "finished" : "not finished";
        String line = "==> " + deployment.getId() + " " + verb + ": " + deployment.getStatus()
                + (seconds != null ? " after " + seconds + " s" : "") + stamp();
        progress(colour ? paint(deployment, line) : line);
    }

    /** The result: as JSON with {@code --json}, else printed by {@code text}. */
    void result(Object value, Runnable text) {
        if (jsonMode) {
            json(value);
        } else {
            text.run();
        }
    }

    void json(Object value) {
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out.flush();
    }

    /** {@code unideploy status}: one field a line. */
    void details(Deployment d) {
        field("id", d.getId());
        field("app", d.getAppId());
        field("status", d.getStatus() + (d.getTerminal() ? " (terminal)" : ""));
        field("provider status", d.getProviderStatus());
        field("phase", d.getPhase() != null ? d.getPhase().getValue() : null);
        field("progress", d.getProgress() != null ? d.getProgress() + "%" : null);
        field("kind", d.getKind() + (Boolean.TRUE.equals(d.getEmulated()) ? " (emulated)" : ""));
        field("rollback of", d.getRollbackOf());
        field("environment", d.getEnvironment());
        DeploymentSource source = d.getSource();
        if (source != null) {
            field("branch", source.getBranch());
            field("commit", source.getCommitSha());
            field("image", source.getImage());
        }
        field("live", d.getLive() != null ? d.getLive().toString() : null);
        field("created", time(d.getCreatedAt()));
        field("started", time(d.getStartedAt()));
        field("finished", time(d.getFinishedAt()));
        field("duration", d.getDurationSeconds() != null ? d.getDurationSeconds() + " s" : null);
    }

    /** A result line on stdout. */
    void print(String line) {
        out.println(line);
        out.flush();
    }

    /** A note beside the results (a fallback taken, a provider missing from a list), on stderr. */
    void note(String line) {
        err.println("unideploy: " + line);
        err.flush();
    }

    /** Progress: stdout, or stderr when stdout is for the JSON result. */
    private void progress(String line) {
        PrintWriter target = jsonMode ? err : out;
        target.println(line);
        target.flush();
    }

    private void closeGroup() {
        if (openGroup != null) {
            progress(ci.close(openGroup, clock.instant().getEpochSecond()));
            openGroup = null;
        }
    }

    private String stamp() {
        Instant now = clock.instant();
        return "  [" + TIME.format(now.atOffset(ZoneOffset.UTC)) + " +" + elapsed(Duration.between(started, now)) + "]";
    }

    private static String elapsed(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }

    private static String paint(Deployment deployment, String line) {
        String colour = switch (deployment.getStatus()) {
            case SUCCEEDED -> "\u001B[32m";
            case FAILED -> "\u001B[31m";
            case CANCELLED, QUEUED, IN_PROGRESS, UNKNOWN -> "\u001B[33m";
        };
        return colour + line + "\u001B[0m";
    }

    private void field(String name, @Nullable String value) {
        if (value != null) {
            print(String.format("%-16s %s", name + ":", value));
        }
    }

    static @Nullable String time(@Nullable OffsetDateTime time) {
        return time != null ? DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC)) : null;
    }
}
