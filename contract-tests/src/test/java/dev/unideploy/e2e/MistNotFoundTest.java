package dev.unideploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Mist's "not found" is an HTTP 500: through the gateway it is a 404, and a typo never opens the circuit. */
class MistNotFoundTest extends SandboxGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @DisplayName("an unknown Mist app is 404 not_found with Mist's reason, as often as asked, and Mist stays usable")
    void unknownAppIsNotFoundAndTheCircuitStaysClosed() throws Exception {
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> read = send("GET", "/v1/deployments/mist:99." + i, null);
            assertThat(read.statusCode()).isEqualTo(404);
            JsonNode problem = JSON.readTree(read.body());
            assertThat(problem.get("code").asString()).isEqualTo("not_found");
            assertThat(problem.get("detail").asString()).contains("record not found");
            assertThat(read.headers().firstValue("Retry-After")).isEmpty();
        }
        HttpResponse<String> trigger = send("POST", "/v1/deployments", "{\"appId\":\"mist:99\"}");
        assertThat(trigger.statusCode()).isEqualTo(404);

        HttpResponse<String> known = send("GET", "/v1/deployments?appId=mist:1&limit=2", null);
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(known.body()).get("errors")).isEmpty();
        assertThat(JSON.readTree(known.body()).get("items")).isNotEmpty();
    }
}
