package dev.unideploy.spi;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** How a provider connection supports one {@link Capability}. */
public enum Support {
    /** The provider has the operation. */
    NATIVE,
    /** The adapter does it another way (e.g. rollback by re-deploying an old image); results say so. */
    EMULATED,
    /** Not available: the gateway answers 501 and sends nothing to the provider. */
    UNSUPPORTED;

    /**
     * A total capability map: the given operations native or emulated, every other one unsupported.
     *
     * @throws IllegalArgumentException if an operation is both
     */
    public static Map<Capability, Support> matrix(Set<Capability> nativeOnes, Set<Capability> emulatedOnes) {
        Map<Capability, Support> map = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            boolean isNative = nativeOnes.contains(capability);
            boolean isEmulated = emulatedOnes.contains(capability);
            if (isNative && isEmulated) {
                throw new IllegalArgumentException(capability + " cannot be both native and emulated");
            }
            map.put(capability, isNative ? NATIVE : isEmulated ? EMULATED : UNSUPPORTED);
        }
        return Collections.unmodifiableMap(map);
    }
}
