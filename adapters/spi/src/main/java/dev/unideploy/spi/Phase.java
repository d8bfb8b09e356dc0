package dev.unideploy.spi;

/** The optional fine phase of an in-progress deployment, where the provider tells it. */
public enum Phase {
    BUILD,
    DEPLOY
}
