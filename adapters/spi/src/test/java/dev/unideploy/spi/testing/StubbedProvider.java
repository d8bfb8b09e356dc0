package dev.unideploy.spi.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.TrafficSplit;
import dev.unideploy.spi.TriggerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * One provider's adapter, made by its {@link ProviderAdapterFactory} (found by {@link ServiceLoader}), against a
 * WireMock stand-in of the provider. The hooks say how this provider answers; {@link AdapterContractKit} holds the
 * promises every adapter keeps.
 */
public abstract class StubbedProvider {

    /**
     * Each request's time limit: long enough for a cold JVM on a loaded CI machine to answer a stub (the timeout test
     * shortens it for itself, see {@link #limitRequestsTo}).
     */
    protected static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** The credential subclasses put in their settings: no error, result or {@code toString} may ever show it. */
    protected static final String SECRET = "kit-secret-Zq81vX3p";

    /** How long any one call of the kit may take before the test fails (never swallowed). */
    static final Duration CALL_LIMIT = Duration.ofSeconds(20);

    static final HeldAnswers HELD = new HeldAnswers();

    @RegisterExtension
    protected static final WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(HELD))
            .build();

    protected ProviderAdapter adapter;

    /** Read as each request is built, so that a test can shorten it for the requests it makes. */
    private volatile Duration requestTimeout = REQUEST_TIMEOUT;

    /** The provider type, as in configuration. */
    protected abstract String type();

    /** The connection settings the adapter needs; the token or password is {@link #SECRET}. */
    protected abstract Map<String, String> settings();

    /** The base path of the provider API, e.g. {@code /api/v1} or {@code /api}. */
    protected abstract String basePath();

    /** A local deployment id, as this adapter encodes it, for the single-deployment stubs. */
    protected abstract String deploymentId();

    /** The app of {@link #deploymentId()} and of the listings. */
    protected abstract String appId();

    /** Stubs whatever {@code getDeployment(deploymentId())} reads so that the deployment has this provider status. */
    protected abstract void stubDeploymentWithStatus(String providerStatus);

    /** Stubs whatever {@code getDeployment(deploymentId())} reads to answer with {@code response}. */
    protected abstract void stubDeploymentAnswering(ResponseDefinitionBuilder response);

    /** Every status value the provider documents or writes, with the portable status it maps to. */
    protected abstract Map<String, Status> documentedStatuses();

    /** A provider status of a deployment that finished successfully. */
    protected abstract String finishedStatus();

    /** The provider's error body for an answer of HTTP {@code status} carrying {@code message}, in its own shape. */
    protected abstract String errorBody(int status, String message);

    /**
     * Stubs the listing of {@link #appId()}: the provider answers {@code rows} in the order given, {@code pageSize} a
     * page where the provider pages (else all at once); and whatever {@code getDeployment} of a listed id reads.
     */
    protected abstract void stubListing(List<KitRow> rows, int pageSize);

    /** The local id this adapter serves the row of {@code sequence} by. */
    protected abstract String listedId(int sequence);

    /** Stubs what authentication needs before other calls (Mist's login); most providers need nothing. */
    protected void stubAuthentication() {}

    /** Whether {@code request} only authenticates (Mist's login) rather than doing an operation. */
    protected boolean isAuthentication(LoggedRequest request) {
        return false;
    }

    /**
     * Stubs how the provider takes a cancel of {@link #deploymentId()} once it has finished. By default the
     * deployment reads as {@link #finishedStatus()}, for adapters that check before they send.
     */
    protected void stubCancelOfFinishedDeployment() {
        stubDeploymentWithStatus(finishedStatus());
    }

    /** Every credential of the connection: the secret settings and anything the provider hands out (a session). */
    protected Set<String> secrets() {
        Set<String> secrets = new LinkedHashSet<>();
        settings().forEach((key, value) -> {
            if (key.equals("token") || key.equals("password") || key.equalsIgnoreCase("apiKey")) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    @BeforeEach
    void createAdapter() {
        HELD.reset();
        requestTimeout = REQUEST_TIMEOUT;
        provider.resetAll();
        stubAuthentication();
        ProviderConnection connection = new ProviderConnection(
                type() + "-contract",
                type(),
                URI.create(provider.baseUrl() + basePath()),
                settings(),
                // as the gateway connects (HTTP/1.1): an h2c upgrade turns WireMock's injected faults into 500s
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2))
                        .build(),
                builder -> builder.timeout(requestTimeout));
        adapter = factory().create(connection);
    }

    @AfterEach
    void releaseHeldAnswers() {
        HELD.release();
    }

    final ProviderAdapterFactory factory() {
        return ServiceLoader.load(ProviderAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory.type().equals(type()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ProviderAdapterFactory registered for " + type()));
    }

    /** Gives every request built from now on {@code timeout} (adapters build requests when a call is subscribed). */
    protected final void limitRequestsTo(Duration timeout) {
        requestTimeout = timeout;
    }

    /** The fixture {@code /<type>/<name>} of the subclass's test resources, filled in. */
    protected final String fixture(String name, Map<String, ?> values) {
        return JsonFixtures.read(getClass(), "/" + type() + "/" + name, values);
    }

    /** Every request the provider received, logins included. */
    protected final List<LoggedRequest> allRequests() {
        return provider.findAll(anyRequestedFor(anyUrl()));
    }

    /** The requests that did an operation (not a login). */
    protected final List<LoggedRequest> operationRequests() {
        return allRequests().stream()
                .filter(request -> !isAuthentication(request))
                .toList();
    }

    /** Forgets every stub and request, then stubs authentication again. */
    protected final void resetProvider() {
        provider.resetAll();
        stubAuthentication();
    }

    /** The error {@code call} ends with, within {@link #CALL_LIMIT}; failing the test if it ends otherwise. */
    protected static Throwable errorOf(Publisher<?> call) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        StepVerifier.create(Flux.from(call).then())
                .expectErrorSatisfies(error::set)
                .verify(CALL_LIMIT);
        return error.get();
    }

    /** The operation of {@code capability}, with plausible arguments; built, not subscribed. */
    protected final Flux<?> call(Capability capability) {
        String id = deploymentId();
        return switch (capability) {
            case APPS -> adapter.listApps().flux();
            case TRIGGER ->
                adapter.trigger(new TriggerRequest(appId(), Source.EMPTY, null, false, "contract-kit"))
                        .flux();
            case LIST -> adapter.listDeployments(appId(), null, 20).flux();
            case GET -> adapter.getDeployment(id).flux();
            case LOGS -> adapter.logs(id, 10).flux();
            case CANCEL -> adapter.cancel(id).flux();
            case DELETE -> adapter.delete(id).flux();
            case EVENTS -> adapter.events(id);
            case RUNTIME -> adapter.runtime(id).flux();
            case ROLLBACK -> adapter.rollback(id).flux();
            case PROMOTE ->
                adapter.promote(id, new PromoteRequest("production", null)).flux();
            case SCALE -> adapter.scale(appId(), 2).flux();
            case REVISIONS -> adapter.revisions(appId()).flux();
            case TRAFFIC ->
                adapter.setTraffic(appId(), List.of(new TrafficSplit("rev-1", 100, null)))
                        .flux();
        };
    }
}
