package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.model.CancelScope;
import dev.unideploy.gateway.api.model.Capabilities;
import dev.unideploy.gateway.api.model.CapabilitySupport;
import dev.unideploy.gateway.api.model.DeploymentStatus;
import dev.unideploy.gateway.api.model.Provider;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.spi.Capability;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.Support;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A provider connection as the API shows it: its capabilities, what a cancel can stop and which trigger source
 * fields it honours. The port's CancelScope shares its simple name with the API model, so it is written in full.
 */
final class ProviderMapping {

    private ProviderMapping() {}

    static Provider toProvider(ProviderHandle handle, Provider.HealthEnum health) {
        return new Provider(handle.id(), handle.type(), handle.sandbox(), health, toCapabilities(handle))
                .cancel(toCancelScope(handle.adapter().cancelScope()))
                .sourceFields(toSourceFields(handle));
    }

    /** What a cancel can stop on the connection: its statuses in lifecycle order, and what else limits it. */
    private static CancelScope toCancelScope(dev.unideploy.spi.CancelScope scope) {
        Set<DeploymentStatus> statuses = new LinkedHashSet<>();
        scope.statuses().stream().sorted().forEach(status -> statuses.add(ApiMapping.toStatus(status)));
        return new CancelScope(statuses).limits(scope.limits());
    }

    /** What a trigger on this connection honours, in the enum's order. */
    private static Set<Provider.SourceFieldsEnum> toSourceFields(ProviderHandle handle) {
        Set<Provider.SourceFieldsEnum> fields = new LinkedHashSet<>();
        for (SourceField field : SourceField.values()) {
            if (handle.adapter().sourceFields().contains(field)) {
                fields.add(Provider.SourceFieldsEnum.fromValue(field.wire()));
            }
        }
        return fields;
    }

    private static Capabilities toCapabilities(ProviderHandle handle) {
        return new Capabilities(
                toSupport(handle.support(Capability.APPS)),
                toSupport(handle.support(Capability.TRIGGER)),
                toSupport(handle.support(Capability.LIST)),
                toSupport(handle.support(Capability.GET)),
                toSupport(handle.support(Capability.CANCEL)),
                toSupport(handle.support(Capability.DELETE)),
                toSupport(handle.support(Capability.LOGS)),
                // every connection has live events: the provider's own stream, or the gateway's shared poller
                handle.support(Capability.EVENTS) == Support.NATIVE
                        ? CapabilitySupport.NATIVE
                        : CapabilitySupport.EMULATED,
                toSupport(handle.support(Capability.RUNTIME)),
                toSupport(handle.support(Capability.ROLLBACK)),
                toSupport(handle.support(Capability.PROMOTE)),
                toSupport(handle.support(Capability.SCALE)),
                toSupport(handle.support(Capability.REVISIONS)),
                toSupport(handle.support(Capability.TRAFFIC)));
    }

    private static CapabilitySupport toSupport(Support support) {
        return switch (support) {
            case NATIVE -> CapabilitySupport.NATIVE;
            case EMULATED -> CapabilitySupport.EMULATED;
            case UNSUPPORTED -> CapabilitySupport.UNSUPPORTED;
        };
    }
}
