package dev.unideploy.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.gateway.FakeProvider;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.spi.ProviderConnection;
import dev.unideploy.spi.Source;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class TriggerSourcesTest {

    private final ProviderHandle fake = new ProviderHandle(
            "fake-src",
            "fake",
            new FakeProvider.Factory()
                    .create(ProviderConnection.of("fake-src", "fake", URI.create("http://x"), Map.of("token", "t"))),
            false);

    @Test
    void aFieldTheProviderTakesPasses() {
        StepVerifier.create(TriggerSources.refuseUnsupported(fake, new Source("main", null, null, null, null)))
                .verifyComplete();
        StepVerifier.create(TriggerSources.refuseUnsupported(fake, Source.EMPTY))
                .verifyComplete();
    }

    @Test
    void everyOtherFieldIsA400NamingIt() {
        StepVerifier.create(TriggerSources.refuseUnsupported(fake, new Source("main", "abc", "msg", "img:1", null)))
                .expectErrorSatisfies(error -> {
                    ApiException refused = (ApiException) error;
                    assertThat(refused.code()).isEqualTo(ProblemCode.INVALID_REQUEST);
                    assertThat(refused.provider()).isEqualTo("fake-src");
                    assertThat(refused.errors())
                            .extracting(ApiException.FieldError::field)
                            .containsExactly("source.commitSha", "source.image");
                    assertThat(refused.getMessage())
                            .startsWith("source.commitSha, source.image: ")
                            .contains("it takes branch")
                            .endsWith("Nothing was sent.");
                })
                .verify();
    }
}
