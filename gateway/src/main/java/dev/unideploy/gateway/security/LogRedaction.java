package dev.unideploy.gateway.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.unideploy.gateway.problem.SecretRedaction;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Masks configured secrets in every log line, whoever logs it — the gateway, Reactor, Netty, a library quoting a
 * provider's message in an exception — by wrapping the encoder of each Logback output appender (console, file).
 * Whatever the pattern, nothing a secret could be in leaves through a log line unmasked.
 */
public final class LogRedaction implements AutoCloseable {

    private final SecretRedaction redaction;

    public LogRedaction(SecretRedaction redaction) {
        this.redaction = redaction;
        if (!redaction.isEmpty() && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (Logger logger : context.getLoggerList()) {
                for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                    if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                        masking(appender).redactions.add(redaction);
                    }
                }
            }
        }
    }

    private static synchronized Masking masking(OutputStreamAppender<ILoggingEvent> appender) {
        if (appender.getEncoder() instanceof Masking existing) {
            return existing;
        }
        Masking masking = new Masking(appender.getEncoder());
        masking.setContext(appender.getContext());
        masking.start();
        appender.setEncoder(masking);
        return masking;
    }

    /** Stops masking this configuration's secrets (another gateway in the same JVM, e.g. in tests, keeps its own). */
    @Override
    public void close() {
        Masking.ALL.forEach(masking -> masking.redactions.remove(redaction));
    }

    /** An encoder that masks what the appender's own encoder wrote. */
    static final class Masking extends EncoderBase<ILoggingEvent> {
        static final List<Masking> ALL = new CopyOnWriteArrayList<>();

        final List<SecretRedaction> redactions = new CopyOnWriteArrayList<>();
        private final @Nullable Encoder<ILoggingEvent> delegate;

        Masking(@Nullable Encoder<ILoggingEvent> delegate) {
            this.delegate = delegate;
            ALL.add(this);
        }

        @Override
        public byte[] headerBytes() {
            return delegate == null ? new byte[0] : delegate.headerBytes();
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            byte[] bytes = delegate == null ? new byte[0] : delegate.encode(event);
            for (SecretRedaction redaction : redactions) {
                bytes = redaction.redact(bytes);
            }
            return bytes;
        }

        @Override
        public byte[] footerBytes() {
            return delegate == null ? new byte[0] : delegate.footerBytes();
        }
    }
}
