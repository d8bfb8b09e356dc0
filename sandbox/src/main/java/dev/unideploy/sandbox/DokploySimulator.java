package dev.unideploy.sandbox;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;

/** Dokploy: tRPC procedures at {@code /api/<router>.<procedure>}, {@code x-api-key} auth, deploys without ids. */
final class DokploySimulator extends ProviderSimulator {

    private static final int KEPT_PER_APP = 10;

    private final Map<String, DokployJob> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger jobIds = new AtomicInteger(1);
    private final Router router;

    DokploySimulator(Duration step) {
        super(
                "dokploy",
                "/api",
                List.of(new SeededApp("dok-web", "web", false), new SeededApp("dok-broken", "broken", true)),
                step);
        router = new Router(
                        call -> DokployErrors.of(404, "NOT_FOUND", "Not found"),
                        (call, allowed) -> DokployErrors.of(405, "METHOD_NOT_SUPPORTED", "Method not allowed"))
                .on("GET", "/project.all", (call, p) -> Reply.json(DokployProjects.all(apps())))
                .on("GET", "/application.one", (call, p) -> withApp(call.query().get("applicationId"), this::appJson))
                .on("POST", "/application.deploy", (call, p) -> deploy(call))
                .on("POST", "/application.redeploy", (call, p) -> deploy(call))
                .on("POST", "/application.cleanQueues", (call, p) -> cleanQueues(call))
                .on(
                        "POST",
                        "/application.cancelDeployment",
                        (call, p) -> DokployErrors.of(
                                400, "BAD_REQUEST", "Deployment cancellation only available in cloud version"))
                .on(
                        "GET",
                        "/deployment.all",
                        (call, p) -> withApp(
                                call.query().get("applicationId"), app -> Reply.json(rows(app.applicationId()))))
                .on(
                        "GET",
                        "/deployment.allByType",
                        (call, p) -> withApp(call.query().get("id"), app -> Reply.json(rows(app.applicationId()))))
                .on(
                        "GET",
                        "/deployment.queueList",
                        (call, p) -> Reply.json(jobs.values().stream()
                                .filter(DokployJob::queued)
                                .sorted(Comparator.comparingInt(DokployJob::jobId))
                                .map(DokployJob::toQueueRow)
                                .toList()))
                .on("POST", "/deployment.killProcess", (call, p) -> kill(call))
                .on("POST", "/deployment.removeDeployment", (call, p) -> remove(call))
                .on("GET", "/deployment.readLogs", (call, p) -> readLogs(call));
        seed();
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("token", "sandbox");
    }

    @Override
    Reply respond(Call call) {
        // Only x-api-key authenticates; "Authorization: Bearer" is ignored (Dokploy/website#28) and so fails.
        if (!"sandbox".equals(call.header("x-api-key"))) {
            return Reply.json(401, Json.obj("message", "Unauthorized"));
        }
        return router.dispatch(call);
    }

    @Override
    List<Handler.Wrapper> streams(Server jetty) {
        return List.of(WebSocketUpgradeHandler.from(jetty, container -> {
            container.setIdleTimeout(Duration.ofMinutes(30));
            container.addMapping("/listen-deployment", (request, response, callback) -> {
                if (!"sandbox".equals(request.getHeaders().get("x-api-key"))) {
                    Response.writeError(request, response, callback, 401);
                    return null;
                }
                String logPath = Request.extractQueryParameters(request).getValue("logPath");
                return new DokployLogSocket(step, () -> logAt(logPath));
            });
        }));
    }

    private @Nullable String logAt(@Nullable String logPath) {
        return jobs.values().stream()
                .filter(job -> !job.queued() && job.logPath().equals(logPath))
                .findFirst()
                .map(DokployJob::log)
                .orElse(null);
    }

    private void seed() {
        for (SeededApp seeded : apps()) {
            for (int age = 3; age >= 1; age--) {
                boolean fails = seeded.failsBuild() && age < 3; // the broken app once deployed fine
                DokployJob job = new DokployJob(
                        jobIds.getAndIncrement(),
                        Json.randomId(21),
                        DokployApp.of(seeded),
                        fails,
                        "Manual deployment",
                        null,
                        Timeline.historical(Duration.ofHours(age * 24L), step),
                        false);
                jobs.put(job.deploymentId(), job);
            }
        }
    }

    private Reply deploy(Call call) {
        String applicationId = call.field("applicationId");
        if (applicationId == null) {
            return DokployErrors.required("applicationId");
        }
        return withApp(applicationId, app -> {
            SeededApp seeded = seeded(app.applicationId());
            DokployJob job = new DokployJob(
                    jobIds.getAndIncrement(),
                    Json.randomId(21),
                    app,
                    seeded.failsBuild(),
                    call.field("title"),
                    call.field("description"),
                    Timeline.startingNow(step),
                    false);
            jobs.put(job.deploymentId(), job);
            return Reply.empty(); // void: the caller learns no id (match on the title it sent)
        });
    }

    private Reply cleanQueues(Call call) {
        String applicationId = call.field("applicationId");
        if (applicationId == null) {
            return DokployErrors.required("applicationId");
        }
        jobs.values().removeIf(job -> job.queued() && job.app().applicationId().equals(applicationId));
        return Reply.empty();
    }

    private Reply kill(Call call) {
        return withRow(call.field("deploymentId"), row -> {
            if (!row.status().equals("running")) {
                return DokployErrors.of(400, "BAD_REQUEST", "Deployment is not running");
            }
            jobs.computeIfPresent(row.deploymentId(), (id, job) -> job.status().equals("running") ? job.kill() : job);
            return Reply.empty();
        });
    }

    private Reply remove(Call call) {
        return withRow(call.field("deploymentId"), row -> {
            jobs.remove(row.deploymentId());
            return Reply.json(row.toRow());
        });
    }

    private Reply readLogs(Call call) {
        return withRow(call.query().get("deploymentId"), row -> {
            int tail = 100;
            try {
                tail = Integer.parseInt(call.query().getOrDefault("tail", "100"));
            } catch (NumberFormatException ignored) {
                return DokployErrors.of(400, "BAD_REQUEST", "Input validation failed");
            }
            if (tail < 1 || tail > 10000) {
                return DokployErrors.of(400, "BAD_REQUEST", "Input validation failed");
            }
            String[] lines = row.log().split("\n");
            List<String> last = Arrays.asList(lines).subList(Math.max(0, lines.length - tail), lines.length);
            // tRPC serialises the procedure's string output as JSON: a quoted string, not an array of lines.
            return Reply.json(String.join("\n", last));
        });
    }

    /** Rows newest first; like removeLastTenDeployments only the 10 most recent per app survive. */
    private List<Map<String, @Nullable Object>> rows(String applicationId) {
        List<DokployJob> rows = jobs.values().stream()
                .filter(job -> !job.queued() && job.app().applicationId().equals(applicationId))
                .sorted(Comparator.comparing(DokployJob::createdAt)
                        .thenComparingInt(DokployJob::jobId)
                        .reversed())
                .toList();
        rows.stream().skip(KEPT_PER_APP).forEach(old -> jobs.remove(old.deploymentId()));
        return rows.stream().limit(KEPT_PER_APP).map(DokployJob::toRow).toList();
    }

    private Reply appJson(DokployApp app) {
        return Reply.json(
                DokployProjects.application(app, seeded(app.applicationId()).failsBuild()));
    }

    private Reply withApp(@Nullable String applicationId, java.util.function.Function<DokployApp, Reply> then) {
        if (applicationId == null) {
            return DokployErrors.required("applicationId");
        }
        return apps().stream()
                .filter(app -> app.id().equals(applicationId))
                .findFirst()
                .map(app -> then.apply(DokployApp.of(app)))
                .orElseGet(() -> DokployErrors.of(404, "NOT_FOUND", "Application not found"));
    }

    private Reply withRow(@Nullable String deploymentId, java.util.function.Function<DokployJob, Reply> then) {
        if (deploymentId == null) {
            return DokployErrors.required("deploymentId");
        }
        DokployJob job = jobs.get(deploymentId);
        if (job == null || job.queued()) {
            return DokployErrors.of(404, "NOT_FOUND", "Deployment not found");
        }
        return then.apply(job);
    }

    private SeededApp seeded(String applicationId) {
        return apps().stream()
                .filter(app -> app.id().equals(applicationId))
                .findFirst()
                .orElseThrow();
    }
}
