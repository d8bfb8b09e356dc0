package dev.unideploy.gateway.problem;

import dev.unideploy.spi.ProviderException;

/** A provider failure, tagged with the connection it came from so the problem document can name it. */
public final class ProviderCallException extends RuntimeException {

    private final String provider;

    public ProviderCallException(String provider, ProviderException cause) {
        super(cause.getMessage(), cause, false, false);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }

    public ProviderException failure() {
        return (ProviderException) getCause();
    }

    /** Tags {@code error} with {@code provider} if it is a bare provider failure; anything else passes through. */
    public static Throwable tag(String provider, Throwable error) {
        return error instanceof ProviderException failure ? new ProviderCallException(provider, failure) : error;
    }
}
