package dev.unideploy.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The training run of class data sharing: with {@code unideploy.training-run=true} the gateway starts, asks itself
 * for its health ({@code /actuator/health}, which probes every provider connection) a few times, and exits. The
 * archive the JVM writes at exit ({@code -XX:ArchiveClassesAtExit}) then holds the classes of serving a request as
 * well as those of starting; {@code -Dspring.context.exit=onRefresh} stops before the server serves anything, and
 * every start paid for loading the request path's classes on its first health check (~0.4 s of a ~6 s start on two
 * cores).
 */
@Component
@ConditionalOnProperty(name = "unideploy.training-run", havingValue = "true")
final class TrainingRun implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final int ROUNDS = 3;

    private final ApplicationAvailability availability;
    private final IntConsumer exit;

    @Autowired
    TrainingRun(ApplicationAvailability availability) {
        this(availability, System::exit);
    }

    TrainingRun(ApplicationAvailability availability, IntConsumer exit) {
        this.availability = availability;
        this.exit = exit;
    }

    /**
     * Trains on a thread of its own: the event reaches listeners one by one, and the health check reads the
     * readiness another listener records — it answers 503 until that listener has run.
     */
    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC
                && event.getSource() instanceof ConfigurableApplicationContext context) {
            new Thread(() -> train(context), "training-run").start();
        }
    }

    private void train(ConfigurableApplicationContext context) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        List<Integer> answers =
                answers(((WebServerApplicationContext) context).getWebServer().getPort());
        log.info("Training run: the health check answered {}; exiting", answers);
        exit.accept(SpringApplication.exit(context, () -> 0));
    }

    /** The status of each health check (0 where none came). */
    List<Integer> answers(int port) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(30))
                .build();
        List<Integer> answers = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            try {
                answers.add(client.send(health, HttpResponse.BodyHandlers.discarding())
                        .statusCode());
            } catch (IOException failed) {
                answers.add(0);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                answers.add(0);
                break;
            }
        }
        return answers;
    }
}
