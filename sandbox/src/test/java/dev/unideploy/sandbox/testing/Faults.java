package dev.unideploy.sandbox.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.unideploy.sandbox.SimulatedProvider;
import java.time.Duration;
import java.util.Map;

/**
 * Faults injected through a simulator's WireMock admin API ({@code /__admin}, over HTTP, as an operator would): the
 * simulated provider still acts on the request, then its answer is spoiled — late, reset, cut short or garbled. That
 * is a write that lands while its answer is lost. Published in the sandbox's test-jar.
 */
public final class Faults {

    /** How the answer is spoiled. */
    public enum Spoil {
        /** Answered only after the given delay. */
        LATE,
        /** The connection is reset once the request body was read and the provider acted. */
        RESET,
        /** A 2xx whose JSON body stops after a few characters. */
        TRUNCATED,
        /** A 200 status line, then garbage, then the connection closes. */
        GARBLED
    }

    private Faults() {}

    private static WireMock admin(SimulatedProvider provider) {
        return new WireMock("127.0.0.1", provider.port());
    }

    /**
     * Spoils the answers to {@code method} requests whose path matches {@code pathRegex} (the full path, base path
     * included) until {@link #clear}; the provider acts on each first.
     *
     * @param delay for {@link Spoil#LATE}: how late the answer comes
     */
    public static StubMapping spoil(
            SimulatedProvider provider, String method, String pathRegex, Spoil how, Duration delay) {
        ResponseDefinitionBuilder answer = aResponse().withTransformers("unideploy-" + provider.type());
        switch (how) {
            case LATE -> answer.withFixedDelay((int) delay.toMillis());
            case RESET -> answer.withFault(Fault.CONNECTION_RESET_BY_PEER);
            case TRUNCATED -> answer.withTransformerParameters(Map.of("truncateBodyAt", 12));
            case GARBLED -> answer.withFault(Fault.MALFORMED_RESPONSE_CHUNK);
        }
        return admin(provider)
                .register(request(method, urlPathMatching(pathRegex))
                        .atPriority(1)
                        .willReturn(answer));
    }

    /** Removes a spoiling stub: the provider answers normally again. */
    public static void clear(SimulatedProvider provider, StubMapping stub) {
        admin(provider).removeStubMapping(stub);
    }

    /** How many {@code method} requests whose path matches {@code pathRegex} the provider has received. */
    public static int requests(SimulatedProvider provider, String method, String pathRegex) {
        return admin(provider)
                .find(RequestPatternBuilder.newRequestPattern(
                        RequestMethod.fromString(method), urlPathMatching(pathRegex)))
                .size();
    }
}
