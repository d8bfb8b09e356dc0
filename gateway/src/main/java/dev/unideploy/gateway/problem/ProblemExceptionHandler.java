package dev.unideploy.gateway.problem;

import dev.unideploy.gateway.web.RequestIdFilter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the gateway answers, from any layer (filters, routing, validation, controllers, providers), as an
 * RFC 9457 {@code application/problem+json} document. Runs before Spring Boot's default error handler.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final JsonMapper json;
    private final SecretRedaction redaction;

    public ProblemExceptionHandler(JsonMapper json, SecretRedaction redaction) {
        this.json = json;
        this.redaction = redaction;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = ProblemTranslation.toProblem(error);
        if (problem == null) {
            // Unexpected: log the class and our own message only; the client gets no internals.
            log.error(
                    "Unexpected error on {} {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    error);
            problem = Problem.of(ProblemCode.INTERNAL_ERROR, "An unexpected error occurred.");
        } else if (problem.code().status().is5xxServerError()) {
            log.warn(
                    "{} {} → {} ({})",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    problem.code().wire(),
                    problem.provider());
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            response.getHeaders().setAllow(notAllowed.getSupportedMethods()); // RFC 9110 §15.5.6
        }
        return write(exchange, problem, error instanceof ApiException api ? api.members() : Map.of());
    }

    /** Writes {@code problem} as the response. */
    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        return write(exchange, problem, Map.of());
    }

    /** Writes {@code problem} as the response, with extension {@code members} after the standard ones. */
    public Mono<Void> write(ServerWebExchange exchange, Problem problem, Map<String, Object> members) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(problem.code().status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.retryAfter() != null) {
            headers.set(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        if (problem.code() == ProblemCode.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"unideploy\"");
        }
        // the detail may carry a provider's own message, which may echo a credential it refused
        Map<String, Object> document =
                problem.body(exchange.getRequest().getPath().value(), RequestIdFilter.requestId(exchange));
        members.forEach(document::putIfAbsent);
        byte[] body = redaction.redact(json.writeValueAsString(document)).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
