package dev.unideploy.spi;

/** How a provider connection supports one {@link Capability}. */
public enum Support {
    /** The provider has the operation. */
    NATIVE,
    /** The adapter does it another way (e.g. rollback by re-deploying an old image); results say so. */
    EMULATED,
    /** Not available: the gateway answers 501 and sends nothing to the provider. */
    UNSUPPORTED
}
