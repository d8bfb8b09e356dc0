package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.provider.ProviderHandle;

/** A value from one provider connection, with that connection. */
public record Located<T>(ProviderHandle provider, T value) {}
