package dev.unideploy.spi.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.unideploy.spi.CancelScope;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Status;
import dev.unideploy.spi.Support;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The contract every provider adapter keeps, whatever its provider: the promises of {@link
 * dev.unideploy.spi.ProviderAdapter}, one {@link Nested} group each. Each adapter module extends this kit once (as
 * Micrometer's registries extend {@code MeterRegistryCompatibilityKit}) and says through {@link StubbedProvider}'s
 * hooks how its provider answers; the display names read as the contract.
 */
public abstract class AdapterContractKit extends StubbedProvider {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private ProviderException providerError(Mono<?> call) {
        Throwable error = errorOf(call);
        assertThat(error).isInstanceOf(ProviderException.class);
        return (ProviderException) error;
    }

    private ProviderException answering(ResponseDefinitionBuilder response) {
        stubDeploymentAnswering(response);
        ProviderException error = providerError(adapter.getDeployment(deploymentId()));
        assertThat(operationRequests()).as("requests that reached the provider").isNotEmpty();
        return error;
    }

    private ResponseDefinitionBuilder status(int status) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(errorBody(status, "kit says " + status));
    }

    private boolean supported(Capability capability) {
        return adapter.capabilities().get(capability) != Support.UNSUPPORTED;
    }

    private List<String> ids(List<Deployment> deployments) {
        return deployments.stream().map(Deployment::id).toList();
    }

    /** The ids of {@code rows} in the one right order: newest first, equal timestamps by sequence, highest first. */
    private List<String> newestFirst(List<KitRow> rows) {
        return rows.stream()
                .sorted(Comparator.comparing(KitRow::createdAt)
                        .thenComparingInt(KitRow::sequence)
                        .reversed())
                .map(row -> listedId(row.sequence()))
                .toList();
    }

    private DeploymentPage page(@Nullable String token, int limit) {
        DeploymentPage page = adapter.listDeployments(appId(), token, limit).block(CALL_LIMIT);
        assertThat(page).isNotNull();
        return page;
    }

    private static List<KitRow> rows(int count, Duration apart) {
        List<KitRow> rows = new ArrayList<>();
        for (int sequence = 1; sequence <= count; sequence++) {
            rows.add(new KitRow(sequence, T0.plus(apart.multipliedBy(sequence)), "failed"));
        }
        return rows;
    }

    @Nested
    @DisplayName("capabilities")
    class Capabilities {

        @Test
        @DisplayName("the map is total: every capability has an entry, and nothing else does")
        void total() {
            assertThat(adapter.capabilities()).containsOnlyKeys(EnumSet.allOf(Capability.class));
            assertThat(adapter.capabilities().values()).doesNotContainNull();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Capability.class)
        @DisplayName("an unsupported operation fails as unsupported and sends nothing")
        void unsupportedSendsNothing(Capability capability) {
            assumeTrue(!supported(capability), capability + " is supported");
            Throwable error = errorOf(call(capability));
            assertThat(error).isInstanceOf(ProviderException.Unsupported.class);
            assertThat(((ProviderException.Unsupported) error).capability()).isEqualTo(capability);
            assertThat(allRequests()).as("requests sent for " + capability).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Capability.class, names = "EVENTS", mode = EnumSource.Mode.EXCLUDE)
        @DisplayName("a supported operation reaches the provider and answers its failure as a provider error")
        void supportedReachesTheProvider(Capability capability) {
            assumeTrue(supported(capability), capability + " is unsupported");
            // WireMock without stubs answers 404 to everything: a provider error, never unsupported or a timeout
            Throwable error = errorOf(call(capability));
            assertThat(error)
                    .isInstanceOf(ProviderException.class)
                    .isNotInstanceOf(ProviderException.Unsupported.class)
                    .isNotInstanceOf(ProviderException.Timeout.class);
            assertThat(operationRequests())
                    .as("requests sent for " + capability)
                    .isNotEmpty();
        }

        @Test
        @DisplayName("cancel's scope is none exactly where cancel is unsupported")
        void cancelScopeFollowsTheCapability() {
            assertThat(adapter.cancelScope().equals(CancelScope.NONE)).isEqualTo(!supported(Capability.CANCEL));
        }
    }

    @Nested
    @DisplayName("lazy calls")
    class Lazy {

        @Test
        @DisplayName("creating an adapter sends nothing")
        void creatingSendsNothing() {
            factory().create(adapter.connection());
            assertThat(allRequests()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Capability.class)
        @DisplayName("building a call sends nothing until it is subscribed")
        void buildingSendsNothing(Capability capability) {
            Flux<?> unsubscribed = call(capability);
            assertThat(unsubscribed).isNotNull();
            assertThat(allRequests())
                    .as("requests sent by building " + capability)
                    .isEmpty();
        }

        @Test
        @DisplayName("each subscription sends anew")
        void eachSubscriptionSends() {
            stubDeploymentWithStatus(finishedStatus());
            Mono<Deployment> get = adapter.getDeployment(deploymentId());
            assertThat(allRequests()).isEmpty();
            StepVerifier.create(get).expectNextCount(1).expectComplete().verify(CALL_LIMIT);
            int once = operationRequests().size();
            assertThat(once).isPositive();
            StepVerifier.create(get).expectNextCount(1).expectComplete().verify(CALL_LIMIT);
            assertThat(operationRequests()).hasSize(2 * once);
        }
    }

    @Nested
    @DisplayName("ids round-trip")
    class Ids {

        @Test
        @DisplayName("every id a list answers is found by get, as the same deployment")
        void listedIdsAreFound() {
            List<KitRow> rows = rows(3, Duration.ofMinutes(1));
            stubListing(rows, 20);
            List<Deployment> listed = page(null, 20).items();
            assertThat(ids(listed)).containsExactlyInAnyOrderElementsOf(newestFirst(rows));
            for (Deployment deployment : listed) {
                Deployment found = adapter.getDeployment(deployment.id()).block(CALL_LIMIT);
                assertThat(found).isNotNull();
                assertThat(found.id()).isEqualTo(deployment.id());
                assertThat(found.appId()).isEqualTo(appId()).isEqualTo(deployment.appId());
                assertThat(found.status()).isEqualTo(deployment.status());
            }
        }

        @Test
        @DisplayName("the id get answers is found by get again")
        void gotIdIsFound() {
            stubDeploymentWithStatus(finishedStatus());
            Deployment first = adapter.getDeployment(deploymentId()).block(CALL_LIMIT);
            assertThat(first).isNotNull();
            assertThat(first.id()).isEqualTo(deploymentId());
            Deployment again = adapter.getDeployment(first.id()).block(CALL_LIMIT);
            assertThat(again).isNotNull();
            assertThat(again.id()).isEqualTo(first.id());
        }
    }

    @Nested
    @DisplayName("cancel")
    class Cancel {

        @Test
        @DisplayName("cancelling a finished deployment is a conflict")
        void finishedIsConflict() {
            assumeTrue(supported(Capability.CANCEL), "cancel is unsupported");
            stubCancelOfFinishedDeployment();
            assertThat(errorOf(adapter.cancel(deploymentId()))).isInstanceOf(ProviderException.Conflict.class);
        }

        @Test
        @DisplayName("cancelling a deployment the provider does not have is not found")
        void unknownIsNotFound() {
            assumeTrue(supported(Capability.CANCEL), "cancel is unsupported");
            assertThat(errorOf(adapter.cancel(deploymentId()))).isInstanceOf(ProviderException.NotFound.class);
            assertThat(operationRequests()).isNotEmpty();
        }
    }

    @Nested
    @DisplayName("no credential in any error")
    class Credentials {

        private void assertNoSecretIn(Throwable error) {
            assertThat(secrets()).as("the connection's credentials").isNotEmpty();
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                for (String secret : secrets()) {
                    assertThat(String.valueOf(cause.getMessage())).doesNotContain(secret);
                    assertThat(cause.toString()).doesNotContain(secret);
                }
            }
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {400, 401, 403, 404, 409, 429, 500, 502, 503})
        @DisplayName("the error of a provider's answer names no credential")
        void noSecretInAnswers(int status) {
            assertNoSecretIn(answering(status(status)));
        }

        @Test
        @DisplayName("the error of a reset connection names no credential")
        void noSecretInResets() {
            assertNoSecretIn(answering(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }

        @Test
        @DisplayName("the adapter and its connection print no credential")
        void noSecretPrinted() {
            for (String secret : secrets()) {
                assertThat(adapter.toString()).doesNotContain(secret);
                assertThat(adapter.connection().toString()).doesNotContain(secret);
            }
        }
    }

    @Nested
    @DisplayName("page tokens")
    class Pages {

        @ParameterizedTest(name = "{0} deployments, 3 a page")
        @ValueSource(ints = {1, 6, 7})
        @DisplayName("following nextPageToken visits every deployment once, newest first, a page at most the limit")
        void tokensVisitEveryDeploymentOnce(int count) {
            List<KitRow> rows = rows(count, Duration.ofMinutes(1));
            List<String> expected = newestFirst(rows);
            List<KitRow> answered = new ArrayList<>(rows);
            Collections.reverse(answered); // as providers that page answer: newest first
            stubListing(answered, 3);
            List<String> visited = new ArrayList<>();
            String token = null;
            for (int pages = 0; pages < expected.size() + 1; pages++) {
                DeploymentPage page = page(token, 3);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
                visited.addAll(ids(page.items()));
                token = page.nextPageToken();
                if (token == null) {
                    break;
                }
            }
            assertThat(token).as("the last page's token").isNull();
            assertThat(visited).containsExactlyElementsOf(expected);
        }
    }

    @Nested
    @DisplayName("newest-first order")
    class Order {

        private List<KitRow> shuffled(List<KitRow> rows, long seed) {
            List<KitRow> answered = new ArrayList<>(rows);
            Collections.shuffle(answered, new Random(seed));
            return answered;
        }

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {1, 7, 42, 2026})
        @DisplayName("a list is newest first, whatever order the provider answers in")
        void newestFirstWhateverTheAnswer(long seed) {
            List<KitRow> rows = rows(6, Duration.ofMinutes(3));
            stubListing(shuffled(rows, seed), 20);
            assertThat(ids(page(null, 20).items())).containsExactlyElementsOf(newestFirst(rows));
        }

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {1, 7, 42, 2026})
        @DisplayName("equal timestamps are ordered by id, the latest first, whatever order the provider answers in")
        void tiesByIdWhateverTheAnswer(long seed) {
            List<KitRow> rows = rows(5, Duration.ZERO);
            stubListing(shuffled(rows, seed), 20);
            assertThat(ids(page(null, 20).items())).containsExactlyElementsOf(newestFirst(rows));
        }
    }

    @Nested
    @DisplayName("errors map to the port's outcomes")
    class Errors {

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {401, 403})
        @DisplayName("401 and 403 are authentication failures")
        void authenticationFailed(int status) {
            assertThat(answering(status(status))).isInstanceOf(ProviderException.AuthenticationFailed.class);
        }

        @Test
        @DisplayName("404 is not found")
        void notFound() {
            assertThat(answering(status(404))).isInstanceOf(ProviderException.NotFound.class);
        }

        @Test
        @DisplayName("409 is a conflict")
        void conflict() {
            assertThat(answering(status(409))).isInstanceOf(ProviderException.Conflict.class);
        }

        @Test
        @DisplayName("an answer that cannot be read (a proxy's HTML page) is a bad response, never a parsing exception")
        void unreadableAnswerIsABadResponse() {
            ProviderException error = answering(aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Please sign in</body></html>"));
            assertThat(error).isInstanceOf(ProviderException.BadResponse.class);
        }

        @Test
        @DisplayName("429 is rate limited, with the provider's Retry-After")
        void rateLimitedWithRetryAfter() {
            ProviderException error = answering(status(429).withHeader("Retry-After", "42"));
            assertThat(error).isInstanceOf(ProviderException.RateLimited.class);
            assertThat(((ProviderException.RateLimited) error).retryAfter()).contains(Duration.ofSeconds(42));
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {502, 503})
        @DisplayName("502 and 503 (a proxy that cannot reach the provider, an overloaded one) are unavailable")
        void unavailable(int status) {
            ProviderException error = answering(aResponse().withStatus(status).withBody("upstream trouble"));
            assertThat(error).isInstanceOf(ProviderException.Unavailable.class);
            assertThat(error.upstreamStatus()).contains(status);
        }

        @Test
        @DisplayName("500 is the provider's own error answer, not an unreachable provider")
        void internalServerErrorIsABadResponse() {
            ProviderException error = answering(aResponse().withStatus(500).withBody("upstream trouble"));
            assertThat(error).isInstanceOf(ProviderException.BadResponse.class);
            assertThat(error.upstreamStatus()).contains(500);
        }

        @Test
        @DisplayName("a provider that has the request but does not answer in time is a timeout")
        void slowProviderIsTimeout() {
            // a first answer warms the JVM and the connection, so the short limit below is the provider's only
            stubDeploymentWithStatus(finishedStatus());
            StepVerifier.create(adapter.getDeployment(deploymentId()))
                    .expectNextCount(1)
                    .expectComplete()
                    .verify(CALL_LIMIT);
            stubDeploymentAnswering(aResponse().withStatus(200).withTransformers(HeldAnswers.NAME));
            limitRequestsTo(Duration.ofMillis(500));
            StepVerifier.create(adapter.getDeployment(deploymentId()))
                    .expectError(ProviderException.Timeout.class)
                    .verify(CALL_LIMIT);
            assertThat(HELD.arrived()).as("the request reached the provider").isTrue();
        }

        @Test
        @DisplayName("a connection reset is unavailable")
        void connectionResetIsUnavailable() {
            assertThat(answering(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)))
                    .isInstanceOf(ProviderException.Unavailable.class);
        }
    }

    @Nested
    @DisplayName("statuses")
    class Statuses {

        @Test
        @DisplayName("an unknown status value is `unknown`, with the raw value kept")
        void unknownStatusIsKept() {
            stubDeploymentWithStatus("teleporting");
            Deployment deployment = adapter.getDeployment(deploymentId()).block(CALL_LIMIT);
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
                resetProvider();
                stubDeploymentWithStatus(providerStatus);
                Deployment deployment = adapter.getDeployment(deploymentId()).block(CALL_LIMIT);
                assertThat(deployment).isNotNull();
                assertThat(deployment.status())
                        .as("status for %s", providerStatus)
                        .isEqualTo(expected);
                assertThat(deployment.lifecycle().providerStatus())
                        .as("raw status for %s", providerStatus)
                        .isEqualToIgnoringCase(providerStatus);
                assertThat(deployment.id()).isEqualTo(deploymentId());
            });
        }

        @Test
        @DisplayName("the finished status is terminal and succeeded")
        void finishedIsSucceeded() {
            stubDeploymentWithStatus(finishedStatus());
            Deployment deployment = adapter.getDeployment(deploymentId()).block(CALL_LIMIT);
            assertThat(deployment).isNotNull();
            assertThat(deployment.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(deployment.terminal()).isTrue();
        }
    }
}
