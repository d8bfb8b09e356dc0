package dev.unideploy.spi;

/** What made a deployment. */
public enum Kind {
    DEPLOY,
    REDEPLOY,
    ROLLBACK,
    PROMOTE
}
