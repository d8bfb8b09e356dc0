package dev.unideploy.gateway.store;

class MemoryStoreTest extends SharedStoreContract {

    private final MemoryStore store = new MemoryStore();

    @Override
    SharedStore store() {
        return store;
    }
}
