package dev.unideploy.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One deployment, normalised. Ids are local to the connection (see the package doc).
 *
 * @param lifecycle status, phase and the literal provider status
 * @param progress 0–100 where the provider tells
 * @param emulated true when the adapter emulated the operation that made this deployment
 * @param live serving traffic now, where the provider tells; null otherwise
 * @param raw the provider's own payload, never holding a credential
 */
public record Deployment(
        String id,
        String appId,
        Lifecycle lifecycle,
        @Nullable Integer progress,
        Source source,
        @Nullable String environment,
        Kind kind,
        @Nullable String rollbackOf,
        boolean emulated,
        @Nullable Boolean live,
        @Nullable Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable JsonNode raw) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
    }

    public Status status() {
        return lifecycle.status();
    }

    public boolean terminal() {
        return lifecycle.terminal();
    }

    /** Seconds from start (or creation) to finish, once finished; never negative. */
    public @Nullable Long durationSeconds() {
        Instant start = startedAt != null ? startedAt : createdAt;
        if (start == null || finishedAt == null) {
            return null;
        }
        // providers may stamp a deployment cancelled while queued as finished before it "started"
        return Math.max(0, Duration.between(start, finishedAt).toSeconds());
    }

    public Deployment withLifecycle(Lifecycle newLifecycle) {
        return toBuilder().lifecycle(newLifecycle).build();
    }

    public static Builder builder(String id, String appId) {
        return new Builder(id, appId);
    }

    public Builder toBuilder() {
        return new Builder(id, appId)
                .lifecycle(lifecycle)
                .progress(progress)
                .source(source)
                .environment(environment)
                .kind(kind)
                .rollbackOf(rollbackOf)
                .emulated(emulated)
                .live(live)
                .createdAt(createdAt)
                .startedAt(startedAt)
                .finishedAt(finishedAt)
                .raw(raw);
    }

    /** Builds a deployment; {@code lifecycle} is required, the rest defaults to empty. */
    public static final class Builder {
        private String id;
        private String appId;
        private @Nullable Lifecycle lifecycle;
        private @Nullable Integer progress;
        private Source source = Source.EMPTY;
        private @Nullable String environment;
        private Kind kind = Kind.DEPLOY;
        private @Nullable String rollbackOf;
        private boolean emulated;
        private @Nullable Boolean live;
        private @Nullable Instant createdAt;
        private @Nullable Instant startedAt;
        private @Nullable Instant finishedAt;
        private @Nullable JsonNode raw;

        private Builder(String id, String appId) {
            this.id = id;
            this.appId = appId;
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder appId(String value) {
            this.appId = value;
            return this;
        }

        public Builder lifecycle(Lifecycle value) {
            this.lifecycle = value;
            return this;
        }

        public Builder progress(@Nullable Integer value) {
            this.progress = value;
            return this;
        }

        public Builder source(Source value) {
            this.source = value;
            return this;
        }

        public Builder environment(@Nullable String value) {
            this.environment = value;
            return this;
        }

        public Builder kind(Kind value) {
            this.kind = value;
            return this;
        }

        public Builder rollbackOf(@Nullable String value) {
            this.rollbackOf = value;
            return this;
        }

        public Builder emulated(boolean value) {
            this.emulated = value;
            return this;
        }

        public Builder live(@Nullable Boolean value) {
            this.live = value;
            return this;
        }

        public Builder createdAt(@Nullable Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder startedAt(@Nullable Instant value) {
            this.startedAt = value;
            return this;
        }

        public Builder finishedAt(@Nullable Instant value) {
            this.finishedAt = value;
            return this;
        }

        public Builder raw(@Nullable JsonNode value) {
            this.raw = value;
            return this;
        }

        public Deployment build() {
            return new Deployment(
                    id,
                    appId,
                    Objects.requireNonNull(lifecycle, "lifecycle"),
                    progress,
                    source,
                    environment,
                    kind,
                    rollbackOf,
                    emulated,
                    live,
                    createdAt,
                    startedAt,
                    finishedAt,
                    raw);
        }
    }
}
