package dev.unideploy.gateway.config;

/**
 * A configuration mistake found at start-up, named by its property; the gateway does not start. Its message is one
 * line that names the property and what is wrong, never a configured value that could be a secret.
 */
public final class InvalidConfiguration extends RuntimeException {

    private final String property;

    public InvalidConfiguration(String property, String problem) {
        super(property + " " + problem);
        this.property = property;
    }

    public String property() {
        return property;
    }
}
