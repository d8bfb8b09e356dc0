package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The class-data-sharing training run serves real requests, then shuts the gateway down cleanly. */
class TrainingRunTest {

    /**
     * The run closes its gateway, and Spring Boot cleans up the logging system when an application closes: the next
     * gateway in this JVM would then reset Logback under the test gateways still cached, dropping the masking their
     * {@code LogRedaction} put on the appenders. This gateway leaves logging alone.
     */
    @BeforeAll
    static void leaveLoggingAlone() {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    }

    @AfterAll
    static void restoreLogging() {
        System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
    }

    @Test
    void asksItselfForItsHealthThenExitsCleanly() {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(UnideployApplication.class)
                .properties(
                        "server.port=0",
                        "unideploy.sandbox.ports.coolify=0",
                        "unideploy.sandbox.ports.dokploy=0",
                        "unideploy.sandbox.ports.zectre=0",
                        "unideploy.sandbox.ports.dooor=0",
                        "unideploy.sandbox.ports.mist=0");
        ConfigurableApplicationContext context = builder.run();
        AtomicInteger exitCode = new AtomicInteger(-1);
        TrainingRun run = new TrainingRun(context.getBean(ApplicationAvailability.class), exitCode::set);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();

        assertThat(run.answers(port)).containsExactly(200, 200, 200);

        run.onApplicationEvent(new AvailabilityChangeEvent<>(context, ReadinessState.REFUSING_TRAFFIC));
        assertThat(exitCode).as("not ready yet: no exit").hasValue(-1);
        run.onApplicationEvent(new AvailabilityChangeEvent<>(context, ReadinessState.ACCEPTING_TRAFFIC));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> exitCode.get() == 0);
        assertThat(context.isActive()).isFalse();
    }
}
