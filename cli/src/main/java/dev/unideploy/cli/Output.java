package dev.unideploy.cli;

import dev.unideploy.client.model.Deployment;
import dev.unideploy.client.model.DeploymentSource;
import dev.unideploy.client.model.LogLine;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the CLI prints: plain lines for CI logs. Progress and results go to stdout, notes and errors to stderr.
 * Status lines start with {@code ==>}; log lines are printed as the provider wrote them.
 */
final class Output {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    private final PrintWriter out;
    private final PrintWriter err;
    private final JsonMapper json;

    Output(PrintWriter out, PrintWriter err, JsonMapper json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** The first line for a deployment just started: {@code ==> deploy coolify:abc of coolify:web: queued}. */
    void started(Deployment deployment) {
        print("==> " + deployment.getKind() + " " + deployment.getId() + " of " + deployment.getAppId() + ": "
                + deployment.getStatus());
    }

    /** A new or changed state: {@code ==> coolify:abc in_progress (build, 40%)}. */
    void status(Deployment deployment) {
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
        print(line.toString());
    }

    void log(LogLine line) {
        print(line.getMessage());
    }

    /** The last line of a followed deployment. */
    void outcome(Deployment deployment) {
        Long seconds = deployment.getDurationSeconds();
        String verb = deployment.getTerminal() ? "finished" : "not finished";
        print("==> " + deployment.getId() + " " + verb + ": " + deployment.getStatus()
                + (seconds != null ? " after " + seconds + " s" : ""));
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

    /** {@code unideploy list}: id, status, created, app. */
    void table(List<Deployment> deployments) {
        int idWidth = Math.max(
                2, deployments.stream().mapToInt(d -> d.getId().length()).max().orElse(0));
        String format = "%-" + idWidth + "s  %-11s  %-20s  %s";
        print(String.format(format, "ID", "STATUS", "CREATED", "APP"));
        for (Deployment d : deployments) {
            String created = time(d.getCreatedAt());
            print(String.format(format, d.getId(), d.getStatus(), created != null ? created : "-", d.getAppId()));
        }
    }

    void json(Object value) {
        print(json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    void print(String line) {
        out.println(line);
        out.flush();
    }

    /** A note beside the results (a fallback taken, a provider missing from a list), on stderr. */
    void note(String line) {
        err.println("unideploy: " + line);
        err.flush();
    }

    private void field(String name, @Nullable String value) {
        if (value != null) {
            print(String.format("%-16s %s", name + ":", value));
        }
    }

    private static @Nullable String time(@Nullable OffsetDateTime time) {
        return time != null ? TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC)) : null;
    }
}
