package dev.unideploy.gateway.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code unideploy.audit.*}.
 *
 * @param retention how long audit records (and who made which deployment) are kept
 * @param maxRecords at most this many records are kept
 */
@ConfigurationProperties("unideploy.audit")
public record AuditProperties(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1000000") int maxRecords) {}
