package dev.unideploy.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProviderCallException;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.ProviderException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which failed writes may still have happened at the provider. */
class AmbiguityTest {

    private static ProviderCallException tagged(ProviderException failure) {
        return new ProviderCallException("coolify", failure);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        "the gateway's time limit",
                        tagged(new ProviderException.Timeout("no answer", new TimeoutException())),
                        true),
                Arguments.of("an upstream 504", tagged(ProviderException.forStatus(504, null, "late")), true),
                Arguments.of(
                        "a reset after sending",
                        tagged(new ProviderException.Unavailable(
                                "unreachable", null, null, new IOException("Connection reset"))),
                        true),
                Arguments.of("a 5xx answer", tagged(ProviderException.forStatus(500, null, "boom")), true),
                Arguments.of(
                        "an unreadable body", tagged(new ProviderException.BadResponse("truncated", 200, null)), true),
                Arguments.of("an unexpected error", new IllegalStateException("bug"), true),
                Arguments.of(
                        "a connection refused",
                        tagged(new ProviderException.Unavailable("unreachable", null, null, new ConnectException())),
                        false),
                Arguments.of(
                        "a connect time limit",
                        tagged(new ProviderException.Timeout("no answer", new HttpConnectTimeoutException("slow"))),
                        false),
                Arguments.of(
                        "an open circuit",
                        tagged(new ProviderException.Unavailable(
                                "open",
                                null,
                                null,
                                CallNotPermittedException.createCallNotPermittedException(
                                        CircuitBreaker.ofDefaults("coolify")))),
                        false),
                Arguments.of("a 404", tagged(ProviderException.forStatus(404, null, "gone")), false),
                Arguments.of("a 409", tagged(ProviderException.forStatus(409, null, "finished")), false),
                Arguments.of("a 429", tagged(ProviderException.forStatus(429, "60", "full")), false),
                Arguments.of("a 401", tagged(ProviderException.forStatus(401, null, "no")), false),
                Arguments.of("a 422", tagged(ProviderException.forStatus(422, null, "invalid")), false),
                Arguments.of("unsupported", tagged(new ProviderException.Unsupported(Capability.SCALE)), false),
                Arguments.of("the gateway's own 400", ApiException.invalid("appId", "bad"), false));
    }

    @ParameterizedTest(name = "{0}: may have landed = {2}")
    @MethodSource("failures")
    @DisplayName("time limits, resets, 5xx and unreadable answers may hide a write; refusals and unsent calls do not")
    void classifies(String what, Throwable failure, boolean mayHaveLanded) {
        assertThat(Ambiguity.mayHaveLanded(failure)).as(what).isEqualTo(mayHaveLanded);
    }
}
