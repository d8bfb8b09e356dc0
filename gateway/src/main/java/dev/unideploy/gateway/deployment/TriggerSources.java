package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import dev.unideploy.gateway.provider.ProviderHandle;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.SourceField;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * A trigger never silently ignores what it was asked: a {@code source} field the connection's provider cannot
 * deploy (its adapter's {@link dev.unideploy.spi.ProviderAdapter#sourceFields()}) is a 400 naming the field, before
 * any request — never a deployment of the app's configured source instead.
 */
final class TriggerSources {

    private TriggerSources() {}

    static Mono<Void> refuseUnsupported(ProviderHandle handle, Source source) {
        return Mono.defer(() -> {
            Set<SourceField> supported = handle.adapter().sourceFields();
            List<SourceField> refused = SourceField.of(source).stream()
                    .filter(field -> !supported.contains(field))
                    .toList();
            if (refused.isEmpty()) {
                return Mono.empty();
            }
            String supports = supported.isEmpty()
                    ? "it deploys the app's configured source only"
                    : "it takes "
                            + String.join(
                                    ", ",
                                    supported.stream().map(SourceField::wire).toList());
            List<ApiException.FieldError> errors = refused.stream()
                    .map(field -> new ApiException.FieldError(
                            field.path(), "the " + handle.type() + " provider cannot deploy a given " + field.wire()))
                    .toList();
            return Mono.error(new ApiException(
                    ProblemCode.INVALID_REQUEST,
                    String.join(", ", refused.stream().map(SourceField::path).toList())
                            + ": the provider connection '" + handle.id() + "' (" + handle.type()
                            + ") cannot deploy that; " + supports + ". Nothing was sent.",
                    handle.id(),
                    errors,
                    null));
        });
    }
}
