package dev.unideploy.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unideploy.spi.Correlations;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** What every correlation store does, memory or Redis: the same tests run against both. */
abstract class CorrelationStoreContract {

    abstract CorrelationStore store();

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    @Test
    @DisplayName("a remembered value is recalled; an unknown key recalls nothing")
    void remembersAndRecalls() {
        Correlations correlations = store().forConnection("dokploy");
        String key = unique();

        assertThat(correlations.recall(key).block()).isNull();
        assertThat(correlations.remember(key, "row-1").block()).isEqualTo("row-1");
        assertThat(correlations.recall(key).block()).isEqualTo("row-1");
    }

    @Test
    @DisplayName("a key keeps its first value: a later remember answers the value held")
    void firstValueWins() {
        Correlations correlations = store().forConnection("dokploy");
        String key = unique();
        correlations.remember(key, "row-1").block();

        assertThat(correlations.remember(key, "row-2").block()).isEqualTo("row-1");
        assertThat(correlations.recall(key).block()).isEqualTo("row-1");
    }

    @Test
    @DisplayName("many remembering one key at once: exactly one value wins and all of them are told which")
    void concurrentRemembersAgree() {
        Correlations correlations = store().forConnection("dokploy");
        String key = unique();

        List<String> answers = Flux.range(0, 16)
                .parallel(8)
                .runOn(Schedulers.boundedElastic())
                .flatMap(i -> correlations.remember(key, "row-" + i))
                .sequential()
                .collectList()
                .block();

        assertThat(answers).hasSize(16);
        assertThat(answers.stream().distinct()).hasSize(1);
        assertThat(correlations.recall(key).block()).isEqualTo(answers.get(0));
    }

    @Test
    @DisplayName("recallAll answers the keys that have a value, under their own names")
    void recallAll() {
        Correlations correlations = store().forConnection("dokploy");
        String a = unique();
        String b = unique();
        correlations.remember(a, "1").block();
        correlations.remember(b, "2").block();

        assertThat(correlations.recallAll(List.of(a, unique(), b)).block()).isEqualTo(Map.of(a, "1", b, "2"));
        assertThat(correlations.recallAll(List.of()).block()).isEmpty();
    }

    @Test
    @DisplayName("two connections never see each other's keys")
    void connectionsAreSeparate() {
        String key = unique();
        store().forConnection("dokploy-a").remember(key, "a").block();

        assertThat(store().forConnection("dokploy-b").recall(key).block()).isNull();
        assertThat(store().forConnection("dokploy-b").remember(key, "b").block())
                .isEqualTo("b");
    }
}
