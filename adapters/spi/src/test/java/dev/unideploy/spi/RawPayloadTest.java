package dev.unideploy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one rule for {@code raw}: what an adapter allows is kept, anything else is dropped, never a credential. */
class RawPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    @DisplayName("keeps the allowed fields as they are and drops every other one")
    void keepsOnlyTheAllowedFields() {
        RawPayload rule = RawPayload.of("id", "status", "created_at");
        JsonNode kept = rule.keep(json("{\"id\":7,\"status\":\"done\",\"logs\":\"hidden\",\"webhook_secret\":\"s3\","
                + "\"created_at\":null,\"extra\":{\"a\":1}}"));

        assertThat(kept).isEqualTo(json("{\"id\":7,\"status\":\"done\",\"created_at\":null}"));
    }

    @Test
    @DisplayName("narrows a nested object (and each object of a nested array) field by field")
    void narrowsNestedObjects() {
        RawPayload rule = RawPayload.of("id").with("spec", RawPayload.of("image", "replicas"));

        assertThat(rule.keep(json("{\"id\":\"d\",\"spec\":{\"image\":\"i\",\"replicas\":2,\"env\":{\"DB\":\"pw\"}}}")))
                .isEqualTo(json("{\"id\":\"d\",\"spec\":{\"image\":\"i\",\"replicas\":2}}"));
        assertThat(rule.keep(json("{\"spec\":[{\"image\":\"a\",\"env\":\"x\"},{\"replicas\":1}]}")))
                .isEqualTo(json("{\"spec\":[{\"image\":\"a\"},{\"replicas\":1}]}"));
    }

    @Test
    @DisplayName("an array is kept element by element; a bare value or no node is nothing")
    void arraysAndValues() {
        RawPayload rule = RawPayload.of("id");

        assertThat(rule.keep(json("[{\"id\":1,\"password\":\"p\"},\"loose\",{\"id\":2}]")))
                .isEqualTo(json("[{\"id\":1},{\"id\":2}]"));
        assertThat(rule.keep(json("\"a-token\""))).isNull();
        assertThat(rule.keep(null)).isNull();
    }

    @Test
    @DisplayName("the copy is its own: changing it leaves the provider's node alone")
    void copies() {
        JsonNode node = json("{\"id\":1,\"meta\":{\"a\":1}}");
        ObjectNode kept = (ObjectNode) RawPayload.of("id", "meta").keep(node);
        ((ObjectNode) kept.get("meta")).put("a", 2);

        assertThat(node.get("meta").get("a").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("a field named like a credential can never be allowed, at the top or nested")
    void refusesCredentialNames() {
        for (String field : List.of(
                "password",
                "registryPassword",
                "webhook_secret",
                "apiKey",
                "api_key",
                "token",
                "accessToken",
                "env",
                "private-key",
                "Authorization",
                "cookie")) {
            assertThatThrownBy(() -> RawPayload.of("id", field)).as(field).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> RawPayload.of("id").with(field, RawPayload.of("x")))
                    .as(field)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String field : List.of("environment_id", "environmentSlug", "author", "keyword", "tokenizer", "id")) {
            assertThat(RawPayload.namesCredential(field)).as(field).isFalse();
        }
    }

    static IntStream seeds() {
        return IntStream.range(0, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("property: whatever a provider sends, the kept payload holds allowed fields only, none a secret")
    void nothingButTheAllowList(int seed) {
        Random random = new Random(seed);
        List<String> names = List.of(
                "id", "status", "name", "password", "secret", "env", "token", "logs", "apiKey", "created_at", "other");
        ObjectNode node = JSON.createObjectNode();
        List<String> sent = new ArrayList<>();
        for (String name : names) {
            if (random.nextBoolean()) {
                node.put(name, "v" + random.nextInt(1000));
                sent.add(name);
            }
        }
        RawPayload rule = RawPayload.of("id", "status", "name", "created_at");

        JsonNode kept = rule.keep(node);

        List<String> keptNames = new ArrayList<>(kept.propertyNames());
        assertThat(keptNames)
                .containsExactlyInAnyOrderElementsOf(sent.stream()
                        .filter(List.of("id", "status", "name", "created_at")::contains)
                        .toList());
        keptNames.forEach(name -> assertThat(kept.get(name)).isEqualTo(node.get(name)));
    }
}
