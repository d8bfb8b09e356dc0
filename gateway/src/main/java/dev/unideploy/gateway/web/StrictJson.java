package dev.unideploy.gateway.web;

import dev.unideploy.gateway.problem.RedactingSerializers;
import dev.unideploy.gateway.problem.SecretRedaction;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The gateway's JSON mapper reads strictly and writes nothing secret. Reading: a duplicate member, a string or a
 * fraction where a number belongs ({@code "replicas":"3"}, {@code 3.5}), a number or boolean where a string belongs,
 * a string where a boolean belongs — each is a 400 naming the field, never a silent guess. Writing: configured
 * secrets are masked in every string ({@link RedactingSerializers}).
 */
final class StrictJson implements JsonMapperBuilderCustomizer {

    private final SecretRedaction redaction;

    StrictJson(SecretRedaction redaction) {
        this.redaction = redaction;
    }

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .addModule(RedactingSerializers.module(redaction));
    }
}
