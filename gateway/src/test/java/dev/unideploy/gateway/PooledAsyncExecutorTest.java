package dev.unideploy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The common pool the gateway's main asks for before anything touches {@code CompletableFuture}. */
class PooledAsyncExecutorTest {

    private static final String KEY = UnideployApplication.COMMON_POOL_PARALLELISM;

    private String configured;

    @BeforeEach
    void clear() {
        configured = System.clearProperty(KEY);
    }

    @AfterEach
    void restore() {
        if (configured == null) {
            System.clearProperty(KEY);
        } else {
            System.setProperty(KEY, configured);
        }
    }

    @Test
    @DisplayName(
            "unset, the common pool gets at least two threads, so the JDK HttpClient's answers are not a thread each")
    void atLeastTwo() {
        UnideployApplication.useAPooledAsyncExecutor();

        assertThat(Integer.parseInt(System.getProperty(KEY)))
                .isGreaterThanOrEqualTo(2)
                .isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors() - 1);
    }

    @Test
    @DisplayName("an operator's own setting is kept")
    void operatorWins() {
        System.setProperty(KEY, "7");

        UnideployApplication.useAPooledAsyncExecutor();

        assertThat(System.getProperty(KEY)).isEqualTo("7");
    }
}
