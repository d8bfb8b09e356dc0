package dev.unideploy.spi;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Body handlers that read no more than {@link ResponseLimits} allow: a body over its limit (by its
 * {@code Content-Length}, or as it arrives when chunked) fails with {@link ResponseLimits#tooLarge} and the
 * connection is dropped unread; a stream line over its limit fails the stream.
 */
final class BoundedBodies {

    private BoundedBodies() {}

    static HttpResponse.BodyHandler<String> string(ResponseLimits limits) {
        return info -> {
            long max = limits.maxBodyBytes();
            Charset charset = charset(info.headers());
            if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > max) {
                return refused(ResponseLimits.tooLarge(max, info.statusCode()));
            }
            return HttpResponse.BodySubscribers.mapping(
                    new Counting(max, info.statusCode()), bytes -> new String(bytes, charset));
        };
    }

    static HttpResponse.BodyHandler<Stream<String>> lines(ResponseLimits limits) {
        return info -> HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofInputStream(),
                in -> lines(in, charset(info.headers()), limits.maxLineBytes(), info.statusCode()));
    }

    /** Lines ended by LF, CR or CRLF, as {@link BufferedReader#lines()}, none longer than {@code max} chars. */
    static Stream<String> lines(InputStream in, Charset charset, int max, int status) {
        LineReader reader = new LineReader(new BufferedReader(new InputStreamReader(in, charset)), max, status);
        Iterator<String> iterator = new Iterator<>() {
            private @Nullable String next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = reader.readLine();
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = next;
                next = null;
                return line;
            }
        };
        // closing the input stream (not the reader, whose lock a blocked read holds) ends a read in progress
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // closing a stream we no longer read
                    }
                });
    }

    /** Reads lines of at most {@code max} characters; a CR is a line end, and an LF right after it is skipped. */
    private static final class LineReader {
        private final BufferedReader reader;
        private final int max;
        private final int status;
        private boolean skipLf;

        LineReader(BufferedReader reader, int max, int status) {
            this.reader = reader;
            this.max = max;
            this.status = status;
        }

        @Nullable
        String readLine() {
            try {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = reader.read()) != -1) {
                    boolean skip = skipLf && c == '\n';
                    skipLf = false;
                    if (skip) {
                        continue;
                    }
                    if (c == '\n') {
                        return line.toString();
                    }
                    if (c == '\r') {
                        skipLf = true;
                        return line.toString();
                    }
                    if (line.length() >= max) {
                        throw ResponseLimits.tooLarge(max, status);
                    }
                    line.append((char) c);
                }
                return line.length() == 0 ? null : line.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The charset of {@code Content-Type}, UTF-8 when absent or unknown (as {@code BodyHandlers.ofString}). */
    static Charset charset(HttpHeaders headers) {
        String type = headers.firstValue("Content-Type").orElse("");
        for (String parameter : type.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].trim().replace("\"", ""));
                } catch (RuntimeException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static <T> BodySubscriber<T> refused(ProviderException failure) {
        return new BodySubscriber<>() {
            @Override
            public CompletionStage<T> getBody() {
                return CompletableFuture.failedFuture(failure);
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {}

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        };
    }

    /** Collects the body while it stays within {@code max} bytes; past it, cancels and fails. */
    private static final class Counting implements BodySubscriber<byte[]> {
        private final long max;
        private final int status;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.@Nullable Subscription subscription;
        private long received;

        Counting(long max, int status) {
            this.max = max;
            this.status = status;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                received += item.remaining();
                if (received > max) {
                    if (subscription != null) {
                        subscription.cancel();
                    }
                    bytes.reset();
                    body.completeExceptionally(ResponseLimits.tooLarge(max, status));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
