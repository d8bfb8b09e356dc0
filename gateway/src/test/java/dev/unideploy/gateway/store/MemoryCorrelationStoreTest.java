package dev.unideploy.gateway.store;

import org.junit.jupiter.api.AfterAll;

/** The correlation contract in memory. */
class MemoryCorrelationStoreTest extends CorrelationStoreContract {

    private static final MemoryCorrelationStore STORE = new MemoryCorrelationStore();

    @AfterAll
    static void close() {
        STORE.close();
    }

    @Override
    CorrelationStore store() {
        return STORE;
    }
}
