package dev.unideploy.adapter.dooor;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.unideploy.adapter.dooor.DooorFixtures.ID;
import static dev.unideploy.adapter.dooor.DooorFixtures.WS;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.unideploy.spi.App;
import dev.unideploy.spi.Deployment;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dooor's {@code raw} payloads follow the SPI's allow-list: what Dooor adds beside the known fields is dropped. */
class DooorRawTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    @DisplayName("a deployment's raw keeps its known fields and drops the rest (build secrets, env)")
    void deploymentRawIsAllowListed() {
        wm.stubFor(get(WS + "/deploy/" + ID)
                .willReturn(okJson("{\"id\":\"" + ID + "\",\"status\":\"FAILED\",\"appId\":\"door-web\","
                        + "\"imageRef\":\"registry.dooor.ai/org/door-web:sha256-abc\",\"errorMessage\":\"exit 1\","
                        + "\"buildSecrets\":{\"NPM_TOKEN\":\"npm_s3cret\"},\"envVars\":[\"DB=pw-hunter2\"]}")));

        Deployment deployment = DooorFixtures.adapter(wm).getDeployment(ID).block();

        assertThat(deployment.raw().get("imageRef").asString()).isEqualTo("registry.dooor.ai/org/door-web:sha256-abc");
        assertThat(deployment.raw().get("errorMessage").asString()).isEqualTo("exit 1");
        assertThat(deployment.raw().toString()).doesNotContain("npm_s3cret").doesNotContain("hunter2");
        wm.verify(1, getRequestedFor(urlEqualTo(WS + "/deploy/" + ID)));
    }

    @Test
    @DisplayName("an app's raw keeps its replicas (the scale outcome reads them) and drops a registry password")
    void appRawIsAllowListed() {
        wm.stubFor(get(WS + "/apps?page=1&limit=100")
                .willReturn(okJson("{\"data\":[{\"id\":\"door-web\",\"name\":\"web\",\"replicas\":3,"
                        + "\"registryPassword\":\"reg-s3cret\",\"webhookUrl\":\"https://x/hook?k=abc\"}],"
                        + "\"meta\":{\"total\":1,\"page\":1,\"limit\":100,\"totalPages\":1}}")));

        List<App> apps = DooorFixtures.adapter(wm).listApps().block();

        assertThat(apps).hasSize(1);
        assertThat(apps.get(0).raw().get("replicas").asInt()).isEqualTo(3);
        assertThat(apps.get(0).raw().toString()).doesNotContain("reg-s3cret").doesNotContain("hook");
    }
}
