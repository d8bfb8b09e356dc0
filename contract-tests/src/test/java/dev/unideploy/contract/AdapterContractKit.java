package dev.unideploy.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.PromoteRequest;
import dev.unideploy.spi.ProviderAdapter;
import dev.unideploy.spi.ProviderAdapterFactory;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.Support;
import dev.unideploy.spi.TrafficSplit;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/**
 * The contract every provider adapter passes, whatever its provider. Each adapter extends this kit and says,
 * through the hooks below, how its provider answers; the test names read as the contract.
 */
public abstract class AdapterContractKit {

    /** Short enough to keep the kit fast, long enough for a loaded CI machine to answer a stub. */
    protected static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);

    @RegisterExtension
    protected static final WireMockExtension provider = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    protected ProviderAdapter adapter;

    /** The provider type, as in configuration. */
    protected abstract String type();

    /** The connection settings the adapter needs (token, workspace, email, password …). */
    protected abstract Map<String, String> settings();

    /** The base path of the provider API, e.g. {@code /api/v1} or {@code /api}. */
    protected abstract String basePath();

    /** A local deployment id, as this adapter encodes it, for the stubs below. */
    protected abstract String deploymentId();

    /** A local app id for app-scoped operations. */
    protected abstract String appId();

    /** Stubs whatever {@code getDeployment(deploymentId())} calls so the deployment has this provider status. */
    protected abstract void stubDeploymentWithStatus(String providerStatus);

    /** Stubs whatever {@code getDeployment(deploymentId())} calls to answer with {@code response}. */
    protected abstract void stubDeploymentAnswering(ResponseDefinitionBuilder response);

    /** Every status value the provider documents or writes, with the portable status it maps to. */
    protected abstract Map<String, Status> documentedStatuses();

    /** Stubs what authentication needs before other calls (Mist's login); most providers need nothing. */
    protected void stubAuthentication() {}

    @BeforeEach
    void createAdapter() {
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
                builder -> builder.timeout(REQUEST_TIMEOUT));
        adapter = factory().create(connection);
        provider.resetRequests();
    }

    private ProviderAdapterFactory factory() {
        return ServiceLoader.load(ProviderAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory.type().equals(type()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ProviderAdapterFactory registered for " + type()));
    }

    private Throwable errorOf(Mono<?> call) {
        return assertThatThrownBy(call::block).actual();
    }

    @Test
    @DisplayName("the factory is found by ServiceLoader and declares every capability")
    void capabilitiesAreTotal() {
        assertThat(adapter.capabilities()).containsOnlyKeys(EnumSet.allOf(Capability.class));
        assertThat(adapter.capabilities())
                .as("the core operations every provider has")
                .containsEntry(Capability.TRIGGER, Support.NATIVE)
                .containsEntry(Capability.LIST, adapter.capabilities().get(Capability.LIST))
                .doesNotContainEntry(Capability.GET, Support.UNSUPPORTED)
                .doesNotContainEntry(Capability.LOGS, Support.UNSUPPORTED)
                .doesNotContainEntry(Capability.APPS, Support.UNSUPPORTED);
    }

    @Test
    @DisplayName("an unknown deployment is not found")
    void unknownDeploymentIsNotFound() {
        stubDeploymentAnswering(aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Not found\"}"));
        assertThat(errorOf(adapter.getDeployment(deploymentId()))).isInstanceOf(ProviderException.NotFound.class);
    }

    @ParameterizedTest(name = "HTTP {0} is a provider authentication failure")
    @DisplayName("401 and 403 are provider authentication failures")
    @MethodSource("authFailures")
    void authFailures(int status) {
        stubDeploymentAnswering(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Unauthenticated.\"}"));
        assertThat(errorOf(adapter.getDeployment(deploymentId())))
                .isInstanceOf(ProviderException.AuthenticationFailed.class);
    }

    static Stream<Arguments> authFailures() {
        return Stream.of(Arguments.of(401), Arguments.of(403));
    }

    @Test
    @DisplayName("429 is rate limited, with the provider's Retry-After")
    void rateLimitedWithRetryAfter() {
        stubDeploymentAnswering(aResponse()
                .withStatus(429)
                .withHeader("Retry-After", "42")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Too Many Attempts.\"}"));
        Throwable error = errorOf(adapter.getDeployment(deploymentId()));
        assertThat(error).isInstanceOf(ProviderException.RateLimited.class);
        assertThat(((ProviderException.RateLimited) error).retryAfter()).contains(Duration.ofSeconds(42));
    }

    @ParameterizedTest(name = "HTTP {0} is provider unavailable")
    @DisplayName("502 and 503 (a proxy that cannot reach the provider, an overloaded one) are provider unavailable")
    @MethodSource("serverErrors")
    void serverErrorsAreUnavailable(int status) {
        stubDeploymentAnswering(aResponse().withStatus(status).withBody("upstream trouble"));
        Throwable error = errorOf(adapter.getDeployment(deploymentId()));
        assertThat(error).isInstanceOf(ProviderException.Unavailable.class);
        assertThat(((ProviderException) error).upstreamStatus()).contains(status);
    }

    static Stream<Arguments> serverErrors() {
        return Stream.of(Arguments.of(502), Arguments.of(503));
    }

    @Test
    @DisplayName("a 500 is the provider's own error answer, not an unreachable provider")
    void internalServerErrorIsTheProvidersAnswer() {
        stubDeploymentAnswering(aResponse().withStatus(500).withBody("upstream trouble"));
        Throwable error = errorOf(adapter.getDeployment(deploymentId()));
        assertThat(error).isInstanceOf(ProviderException.BadResponse.class);
        assertThat(((ProviderException) error).upstreamStatus()).contains(500);
    }

    @Test
    @DisplayName("a provider that does not answer in time is a timeout")
    void slowProviderIsTimeout() {
        stubDeploymentAnswering(aResponse().withStatus(200).withFixedDelay((int) REQUEST_TIMEOUT.toMillis() * 3));
        assertThat(errorOf(adapter.getDeployment(deploymentId()))).isInstanceOf(ProviderException.Timeout.class);
    }

    @Test
    @DisplayName("a connection reset is provider unavailable")
    void connectionResetIsUnavailable() {
        stubDeploymentAnswering(
                aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER));
        assertThat(errorOf(adapter.getDeployment(deploymentId()))).isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    @DisplayName("an unknown status value is `unknown`, with the raw value kept")
    void unknownStatusIsKept() {
        stubDeploymentWithStatus("teleporting");
        Deployment deployment = adapter.getDeployment(deploymentId()).block();
        assertThat(deployment).isNotNull();
        assertThat(deployment.status()).isEqualTo(Status.UNKNOWN);
        assertThat(deployment.lifecycle().providerStatus()).isEqualTo("teleporting");
        assertThat(deployment.terminal()).isFalse();
    }

    @Test
    @DisplayName("every documented status value maps to its lifecycle status, the raw value kept")
    void everyDocumentedStatusMaps() {
        assertThat(documentedStatuses()).isNotEmpty();
        documentedStatuses().forEach((providerStatus, expected) -> {
            provider.resetAll();
            stubAuthentication();
            stubDeploymentWithStatus(providerStatus);
            Deployment deployment = adapter.getDeployment(deploymentId()).block();
            assertThat(deployment).isNotNull();
            assertThat(deployment.status()).as("status for %s", providerStatus).isEqualTo(expected);
            assertThat(deployment.lifecycle().providerStatus())
                    .as("raw status for %s", providerStatus)
                    .isEqualToIgnoringCase(providerStatus);
            assertThat(deployment.id()).isEqualTo(deploymentId());
        });
    }

    @Test
    @DisplayName("an unsupported operation fails as unsupported and sends nothing")
    void unsupportedOperationsSendNothing() {
        Set<Capability> unsupported = EnumSet.noneOf(Capability.class);
        adapter.capabilities().forEach((capability, support) -> {
            if (support == Support.UNSUPPORTED) {
                unsupported.add(capability);
            }
        });
        for (Capability capability : unsupported) {
            Throwable error =
                    assertThatThrownBy(() -> invoke(capability).blockLast()).actual();
            assertThat(error).as(capability.name()).isInstanceOf(ProviderException.Unsupported.class);
            assertThat(((ProviderException.Unsupported) error).capability()).isEqualTo(capability);
        }
        assertThat(provider.getAllServeEvents())
                .as("requests sent for unsupported operations")
                .isEmpty();
    }

    @Test
    @DisplayName("every operation declared supported reaches the provider")
    void supportedOperationsAreImplemented() {
        adapter.capabilities().forEach((capability, support) -> {
            if (support == Support.UNSUPPORTED || capability == Capability.EVENTS) {
                return;
            }
            try {
                invoke(capability).take(1).blockLast(Duration.ofSeconds(10));
            } catch (RuntimeException expected) {
                // an empty WireMock answers 404 to everything; any error but Unsupported is fine here
                assertThat(expected).as(capability.name()).isNotInstanceOf(ProviderException.Unsupported.class);
            }
        });
    }

    /** Calls the operation of {@code capability} with plausible arguments. */
    private reactor.core.publisher.Flux<?> invoke(Capability capability) {
        String id = deploymentId();
        return switch (capability) {
            case APPS -> adapter.listApps().flux();
            case TRIGGER ->
                adapter.trigger(new dev.unideploy.spi.TriggerRequest(
                                appId(), dev.unideploy.spi.Source.EMPTY, null, false, "contract-kit"))
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
