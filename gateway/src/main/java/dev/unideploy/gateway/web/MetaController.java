package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.MetaApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Serves THE spec, the one the gateway's interfaces were generated from, at {@code /v1/openapi.yaml}. */
@RestController
class MetaController implements MetaApi {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final String spec;

    MetaController() {
        try (InputStream in = MetaController.class.getResourceAsStream("/openapi/unideploy-api.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/unideploy-api.yaml is missing from the classpath");
            }
            this.spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Mono<ResponseEntity<String>> getOpenApiSpec(ServerWebExchange exchange) {
        return Mono.just(ResponseEntity.ok().contentType(YAML).body(spec));
    }
}
