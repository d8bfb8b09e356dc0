package dev.unideploy.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.StubLifecycleListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * The shared shape of a simulator: a WireMock server whose lowest-priority catch-all stub hands every request to
 * the provider logic in Java. Stubs posted to {@code /__admin/mappings} (default priority 5) win over it, which is
 * how tests inject faults and delays; the admin API also keeps the request journal.
 */
abstract class ProviderSimulator implements SimulatedProvider {

    /** The catch-all's priority: anything posted through the admin API overrides the simulated provider. */
    static final int FALLBACK_PRIORITY = 100;

    /** The transformer parameter that cuts the provider's answer short (see {@code Dispatch.faulted}). */
    static final String TRUNCATE_BODY_AT = "truncateBodyAt";

    private final String type;
    private final String basePath;
    private final List<SeededApp> apps;
    protected final Duration step;
    private WireMockServer server;
    /** The Jetty server under WireMock, kept to change its connector's idle limit ({@link #keepAlive(Duration)}). */
    private @Nullable Server jetty;
    /** The host of {@link #baseUrl()}: the bind address, or loopback when bound to all interfaces. */
    private String host = SandboxOptions.LOOPBACK;

    ProviderSimulator(String type, String basePath, List<SeededApp> apps, Duration step) {
        this.type = type;
        this.basePath = basePath;
        this.apps = List.copyOf(apps);
        this.step = step;
    }

    /** Answers one call below the base path as the provider would. */
    abstract Reply respond(Call call);

    /** Stream handlers served on the same port, in front of WireMock; none by default. */
    List<Handler.Wrapper> streams(Server jetty) {
        return List.of();
    }

    /** Starts the server on the given address (a wildcard means all interfaces); port 0 picks a free one. */
    final void start(String bindAddress, int port) {
        String transformer = "unideploy-" + type;
        host = SandboxOptions.isWildcard(bindAddress)
                ? SandboxOptions.LOOPBACK
                : bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress(bindAddress)
                .port(port)
                .containerThreads(100)
                .maxRequestJournalEntries(20000)
                .notifier(new Slf4jNotifier(false))
                // idle keep-alive connections close when the real server's would (see KeepAlive)
                .jettyIdleTimeout(KeepAlive.of(type).toMillis())
                .httpServerFactory(new StreamingServerFactory(running -> {
                    jetty = running;
                    return streams(running);
                }))
                .extensions(new Dispatch(transformer), new KeepFallback()));
        server.start();
        addFallback();
    }

    /**
     * Closes connections accepted from now on after {@code idle} without a request (zero: never), as the real
     * server's keep-alive timeout does; connections already open keep the limit they had.
     */
    final void keepAlive(Duration idle) {
        connectors().forEach(connector -> connector.setIdleTimeout(idle.toMillis()));
    }

    /** The idle limit of new connections (zero: none). */
    final Duration keepAlive() {
        return Duration.ofMillis(connectors().get(0).getIdleTimeout());
    }

    private List<AbstractConnector> connectors() {
        if (jetty == null) {
            throw new IllegalStateException(type + " simulator is not started");
        }
        return Arrays.stream(jetty.getConnectors())
                .filter(AbstractConnector.class::isInstance)
                .map(AbstractConnector.class::cast)
                .toList();
    }

    private void addFallback() {
        server.stubFor(any(anyUrl())
                .atPriority(FALLBACK_PRIORITY)
                .willReturn(aResponse().withTransformers("unideploy-" + type)));
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final URI baseUrl() {
        return URI.create("http://" + host + ":" + server.port() + basePath);
    }

    @Override
    public final List<SeededApp> apps() {
        return apps;
    }

    @Override
    public final WireMockServer server() {
        return server;
    }

    @Override
    public String toString() {
        return type + " simulator at " + baseUrl();
    }

    /** Turns the catch-all stub's response into the provider's answer. */
    private final class Dispatch implements ResponseDefinitionTransformerV2 {
        private final String name;

        Dispatch(String name) {
            this.name = name;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Reply reply;
            try {
                reply = respond(Call.of(serveEvent.getRequest(), basePath));
            } catch (RuntimeException bug) {
                reply = Reply.text(500, "simulator error: " + bug);
            }
            ResponseDefinitionBuilder response = aResponse().withStatus(reply.status());
            reply.headers().forEach(response::withHeader);
            if (reply.body() != null) {
                response.withBody(truncated(reply.body(), serveEvent.getResponseDefinition()));
            }
            return faulted(response, serveEvent.getResponseDefinition()).build();
        }

        /**
         * A stub posted through the admin API that names this transformer lets the provider act, then spoils its
         * answer as the stub says: {@code fixedDelayMilliseconds} (or a random or dribbled delay) makes it late,
         * {@code fault} resets or garbles the connection, and the transformer parameter {@code truncateBodyAt} cuts the
         * body after that many characters. That is how tests make a write land while its answer is lost.
         */
        private static ResponseDefinitionBuilder faulted(ResponseDefinitionBuilder response, ResponseDefinition stub) {
            if (stub.getFixedDelayMilliseconds() != null) {
                response.withFixedDelay(stub.getFixedDelayMilliseconds());
            }
            if (stub.getDelayDistribution() != null) {
                response.withRandomDelay(stub.getDelayDistribution());
            }
            if (stub.getChunkedDribbleDelay() != null) {
                response.withChunkedDribbleDelay(
                        stub.getChunkedDribbleDelay().getNumberOfChunks(),
                        stub.getChunkedDribbleDelay().getTotalDuration());
            }
            if (stub.getFault() != null) {
                response.withFault(stub.getFault());
            }
            return response;
        }

        private static String truncated(String body, ResponseDefinition stub) {
            Parameters parameters = stub.getTransformerParameters();
            if (parameters == null || !parameters.containsKey(TRUNCATE_BODY_AT)) {
                return body;
            }
            int at = parameters.getInt(TRUNCATE_BODY_AT);
            return body.substring(0, Math.max(0, Math.min(at, body.length())));
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    /** A reset through the admin API ({@code /__admin/reset}) drops all stubs: put the provider back. */
    private final class KeepFallback implements StubLifecycleListener {
        @Override
        public void afterStubsReset() {
            if (server != null) {
                addFallback();
            }
        }

        @Override
        public String getName() {
            return "unideploy-keep-fallback-" + type;
        }
    }
}
