package dev.unideploy.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;

/**
 * Dokploy v0.30.2: tRPC procedures at {@code /api/<router>.<procedure>}, {@code x-api-key} auth, deploys that answer
 * no id and wait in an in-memory queue that builds one deployment at a time ({@link DokployQueue}), rows renamed after
 * their commit when the build ends ({@link DokployBuild}), no {@code pid} for application deployments.
 */
final class DokploySimulator extends ProviderSimulator {

    private final DokployQueue queue;
    private final Router router;

    DokploySimulator(Duration step) {
        super(
                "dokploy",
                "/api",
                List.of(new SeededApp("dok-web", "web", false), new SeededApp("dok-broken", "broken", true)),
                step);
        queue = new DokployQueue(step);
        router = new Router(
                        call -> DokployErrors.of(404, "NOT_FOUND", "Not found"),
                        (call, allowed) -> DokployErrors.of(405, "METHOD_NOT_SUPPORTED", "Method not allowed"))
                .on("GET", "/project.all", (call, p) -> Reply.json(DokployProjects.all(apps())))
                .on("GET", "/application.one", (call, p) -> withApp(call.query().get("applicationId"), this::appJson))
                .on("POST", "/application.deploy", (call, p) -> deploy(call, false))
                .on("POST", "/application.redeploy", (call, p) -> deploy(call, true))
                .on("POST", "/application.cleanQueues", (call, p) -> cleanQueues(call))
                .on(
                        "POST",
                        "/application.cancelDeployment",
                        (call, p) -> DokployErrors.of(
                                400, "BAD_REQUEST", "Deployment cancellation only available in cloud version"))
                // an owner's key sees an unknown application as one without deployments
                .on("GET", "/deployment.all", (call, p) -> rows(call.query().get("applicationId")))
                .on(
                        "GET",
                        "/deployment.allByType",
                        (call, p) -> rows(call.query().get("id")))
                .on("GET", "/deployment.queueList", (call, p) -> queueList())
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
                String logPath = Request.extractQueryParameters(request).getValue("logPath");
                boolean authenticated = "sandbox".equals(request.getHeaders().get("x-api-key"));
                return new DokployLogSocket(step, logPath, authenticated, () -> logAt(logPath));
            });
        }));
    }

    /** The log file's text; the file of a removed row is gone with it. */
    private @Nullable String logAt(@Nullable String logPath) {
        Instant now = Instant.now();
        return queue.builds(now).stream()
                .filter(build -> !build.waiting(now) && build.logPath().equals(logPath))
                .filter(build -> queue.row(build.job().deploymentId(), now).isPresent())
                .findFirst()
                .map(build -> build.log(now))
                .orElse(null);
    }

    /** Three finished deployments per app, a day apart, queued in time order; the broken app once deployed fine. */
    private void seed() {
        for (int age = 3; age >= 1; age--) {
            for (SeededApp seeded : apps()) {
                boolean fails = seeded.failsBuild() && age < 3;
                queue.add(
                        DokployApp.of(seeded),
                        fails,
                        false,
                        null,
                        null,
                        Instant.now().minus(Duration.ofHours(age * 24L)));
            }
        }
    }

    private Reply deploy(Call call, boolean redeploy) {
        String applicationId = call.field("applicationId");
        if (applicationId == null) {
            return DokployErrors.required("applicationId");
        }
        return withApp(applicationId, app -> {
            queue.add(
                    app,
                    seeded(app.applicationId()).failsBuild(),
                    redeploy,
                    call.field("title"),
                    call.field("description"),
                    Instant.now());
            return Reply.empty(); // void: the caller learns no id (match on the title it sent)
        });
    }

    /** Drops every waiting job of the application, not one: Dokploy offers nothing finer. */
    private Reply cleanQueues(Call call) {
        String applicationId = call.field("applicationId");
        if (applicationId == null) {
            return DokployErrors.required("applicationId");
        }
        queue.dropWaiting(applicationId, Instant.now());
        return Reply.empty();
    }

    /** Newest first, waiting and active jobs of every application. */
    private Reply queueList() {
        Instant now = Instant.now();
        List<Map<String, @Nullable Object>> jobs = new ArrayList<>();
        queue.queued(now).stream()
                .sorted(Comparator.comparing((DokployBuild build) -> build.job().queuedAt())
                        .reversed())
                .forEach(build -> jobs.add(build.job().toQueueRow(build.active(now) ? build.start() : null)));
        return Reply.json(jobs);
    }

    /** No application deployment has a pid, so killProcess never kills one. */
    private Reply kill(Call call) {
        return withRow(
                call.field("deploymentId"), row -> DokployErrors.of(400, "BAD_REQUEST", "Deployment is not running"));
    }

    /** Deletes the row and its log file, whatever its status (a running build goes on in the worker). */
    private Reply remove(Call call) {
        return withRow(call.field("deploymentId"), row -> {
            Map<String, @Nullable Object> removed = row.toRow(Instant.now());
            queue.remove(row.job().deploymentId());
            return Reply.json(removed);
        });
    }

    /** {@code tail -n <tail>} of the log file: a line is what ends in a newline, blank ones too. */
    private Reply readLogs(Call call) {
        return withRow(call.query().get("deploymentId"), row -> {
            long tail;
            try {
                tail = Long.parseLong(call.query().getOrDefault("tail", "100"));
            } catch (NumberFormatException notANumber) {
                return DokployErrors.notANumber("tail");
            }
            if (tail < 1 || tail > 10000) {
                return DokployErrors.outOfRange("tail", 1, 10000, tail);
            }
            // tRPC serialises the procedure's string output as JSON: a quoted string, not an array of lines.
            return Reply.json(tail(row.log(Instant.now()), (int) tail));
        });
    }

    static String tail(String text, int count) {
        if (text.isEmpty()) {
            return "";
        }
        boolean endsWithNewline = text.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (endsWithNewline) {
            lines.remove(lines.size() - 1); // what follows the last newline is no line
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
        return String.join("\n", last) + (endsWithNewline ? "\n" : "");
    }

    private Reply rows(@Nullable String applicationId) {
        if (applicationId == null) {
            return DokployErrors.required("applicationId");
        }
        Instant now = Instant.now();
        return Reply.json(queue.rows(applicationId, now).stream()
                .map(build -> build.toRow(now))
                .toList());
    }

    private Reply appJson(DokployApp app) {
        return Reply.json(
                DokployProjects.application(app, seeded(app.applicationId()).failsBuild()));
    }

    private Reply withApp(@Nullable String applicationId, Function<DokployApp, Reply> then) {
        if (applicationId == null) {
            return DokployErrors.required("applicationId");
        }
        return apps().stream()
                .filter(app -> app.id().equals(applicationId))
                .findFirst()
                .map(app -> then.apply(DokployApp.of(app)))
                .orElseGet(() -> DokployErrors.of(404, "NOT_FOUND", "Application not found"));
    }

    private Reply withRow(@Nullable String deploymentId, Function<DokployBuild, Reply> then) {
        if (deploymentId == null) {
            return DokployErrors.required("deploymentId");
        }
        Optional<DokployBuild> row = queue.row(deploymentId, Instant.now());
        return row.map(then).orElseGet(() -> DokployErrors.of(404, "NOT_FOUND", "Deployment not found"));
    }

    private SeededApp seeded(String applicationId) {
        return apps().stream()
                .filter(app -> app.id().equals(applicationId))
                .findFirst()
                .orElseThrow();
    }

    /** How many jobs wait in the queue now, over all applications: for tests. */
    int waiting() {
        Instant now = Instant.now();
        return (int)
                queue.queued(now).stream().filter(build -> build.waiting(now)).count();
    }
}
