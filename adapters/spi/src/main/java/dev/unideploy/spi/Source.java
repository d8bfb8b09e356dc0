package dev.unideploy.spi;

import org.jspecify.annotations.Nullable;

/** What a deployment deploys; every field optional. */
public record Source(
        @Nullable String branch,
        @Nullable String commitSha,
        @Nullable String commitMessage,
        @Nullable String image,
        @Nullable String artifactId) {

    public static final Source EMPTY = new Source(null, null, null, null, null);
}
