package dev.unideploy.gateway.web;

import dev.unideploy.gateway.api.AuditApi;
import dev.unideploy.gateway.api.model.AuditList;
import dev.unideploy.gateway.audit.AuditRecord;
import dev.unideploy.gateway.audit.AuditTrail;
import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.store.FeedLog;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /v1/audit} (scope {@code admin}): the audit trail, newest first. */
@RestController
class AuditController implements AuditApi {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public Mono<ResponseEntity<AuditList>> listAuditRecords(
            @Nullable OffsetDateTime since,
            @Nullable String client,
            @Nullable String provider,
            Integer limit,
            @Nullable String cursor,
            ServerWebExchange exchange) {
        if (since == null && exchange.getRequest().getQueryParams().containsKey("since")) {
            return Mono.error(ApiException.invalid("since", "must be a date-time"));
        }
        if (cursor != null && !FeedLog.isPosition(cursor)) {
            return Mono.error(ApiException.invalid("cursor", "is not a cursor this API issued"));
        }
        return trail.read(since == null ? null : since.toInstant(), client, provider, limit, cursor)
                .map(page -> ResponseEntity.ok(new AuditList(page.items().stream()
                                .map(AuditController::toModel)
                                .toList())
                        .nextCursor(page.nextCursor())));
    }

    // the API model in full: the audit trail's own AuditRecord, imported, has its simple name
    private static dev.unideploy.gateway.api.model.AuditRecord toModel(AuditRecord record) {
        return new dev.unideploy.gateway.api.model.AuditRecord(
                        record.id(),
                        ApiMapping.toTime(record.at()),
                        record.client(),
                        record.scopes(),
                        record.operation(),
                        record.method(),
                        record.path(),
                        record.status())
                .target(record.target())
                .provider(record.provider())
                .deploymentId(record.deploymentId())
                .code(record.code())
                .requestId(record.requestId())
                .idempotencyKey(record.idempotencyKey());
    }
}
