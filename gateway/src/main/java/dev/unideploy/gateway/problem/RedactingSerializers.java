package dev.unideploy.gateway.problem;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Masks secrets in every string the gateway's JSON mapper writes — values and map keys — so that provider data (a
 * log line, a commit message, {@code raw}, a problem detail) is masked before it is serialized, whatever characters
 * the secret holds. Responses, problem documents and event streams are all written with that mapper.
 */
public final class RedactingSerializers {

    private RedactingSerializers() {}

    public static JacksonModule module(SecretRedaction redaction) {
        SimpleModule module = new SimpleModule("secret-redaction");
        if (!redaction.isEmpty()) {
            module.addSerializer(String.class, new Values(redaction));
            module.addKeySerializer(String.class, new Keys(redaction));
        }
        return module;
    }

    private static final class Values extends StdSerializer<String> {
        private final SecretRedaction redaction;

        Values(SecretRedaction redaction) {
            super(String.class);
            this.redaction = redaction;
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(redaction.redact(value));
        }
    }

    private static final class Keys extends StdSerializer<String> {
        private final SecretRedaction redaction;

        Keys(SecretRedaction redaction) {
            super(String.class);
            this.redaction = redaction;
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializationContext context) {
            generator.writeName(redaction.redact(value));
        }
    }
}
