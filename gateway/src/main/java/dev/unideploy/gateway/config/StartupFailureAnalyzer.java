package dev.unideploy.gateway.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * Turns the start-up failures a new user meets first — a configuration mistake, a taken port — into Spring Boot's
 * short "APPLICATION FAILED TO START" report with one line saying what is wrong and how to fix it, instead of a
 * stack trace. Registered in {@code META-INF/spring.factories}; runs before Boot's own port analyzer.
 */
final class StartupFailureAnalyzer implements FailureAnalyzer, Ordered {

    static final String RUN_OPTIONS = "./mvnw -pl gateway -am spring-boot:run -Dspring-boot.run.arguments=\"--%s\""
            + " or java -jar gateway/target/unideploy-gateway-<version>.jar --%s";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        InvalidConfiguration invalid = find(failure, InvalidConfiguration.class);
        if (invalid != null) {
            String example = invalid.property() + "=…";
            return new FailureAnalysis(
                    invalid.getMessage(),
                    "Fix " + invalid.property() + " in application.yaml, the environment or a flag, e.g. "
                            + String.format(RUN_OPTIONS, example, example),
                    invalid);
        }
        PortInUseException port = find(failure, PortInUseException.class);
        if (port != null) {
            String example = "server.port=8081";
            return new FailureAnalysis(
                    "server.port — port " + port.getPort() + " (the gateway's API) is already in use: stop what"
                            + " listens there or choose another port",
                    "Start on another port, e.g. " + String.format(RUN_OPTIONS, example, example),
                    port);
        }
        return null;
    }

    private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
