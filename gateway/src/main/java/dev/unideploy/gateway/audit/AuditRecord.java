package dev.unideploy.gateway.audit;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One mutating call, as recorded.
 *
 * @param operation what it did, e.g. {@code deployments.trigger}
 * @param target what it acted on: a deployment, app or webhook id, or the passthrough path
 * @param provider the provider connection involved, if any
 * @param deploymentId the deployment it made or acted on, if any
 * @param status the HTTP status answered
 * @param code the problem {@code code} when it failed; null when it succeeded
 */
public record AuditRecord(
        @Nullable String id,
        Instant at,
        String client,
        List<String> scopes,
        String operation,
        String method,
        String path,
        @Nullable String target,
        @Nullable String provider,
        @Nullable String deploymentId,
        int status,
        @Nullable String code,
        @Nullable String requestId,
        @Nullable String idempotencyKey) {

    AuditRecord withId(String position) {
        return new AuditRecord(
                position,
                at,
                client,
                scopes,
                operation,
                method,
                path,
                target,
                provider,
                deploymentId,
                status,
                code,
                requestId,
                idempotencyKey);
    }
}
