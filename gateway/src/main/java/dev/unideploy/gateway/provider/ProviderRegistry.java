package dev.unideploy.gateway.provider;

import dev.unideploy.gateway.problem.ApiException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured provider connections, by connection id, in configuration order. */
public final class ProviderRegistry {

    private final Map<String, ProviderHandle> handles;
    private final List<ProviderHandle> ordered;

    public ProviderRegistry(List<ProviderHandle> handles) {
        Map<String, ProviderHandle> byId = new LinkedHashMap<>();
        handles.forEach(handle -> byId.put(handle.id(), handle));
        this.handles = Map.copyOf(byId);
        this.ordered = List.copyOf(handles);
    }

    public Collection<ProviderHandle> all() {
        return ordered;
    }

    /** The connection, or 404 {@code not_found}. */
    public ProviderHandle get(String connectionId) {
        ProviderHandle handle = handles.get(connectionId);
        if (handle == null) {
            throw ApiException.notFound("No provider connection '" + connectionId + "'.");
        }
        return handle;
    }

    public boolean contains(String connectionId) {
        return handles.containsKey(connectionId);
    }
}
