package dev.unideploy.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * A field of a trigger's {@link Source} that asks the provider for something other than the app's configured
 * source. A provider that cannot take one must not deploy anyway: see {@link ProviderAdapter#sourceFields()}.
 */
public enum SourceField {
    BRANCH("branch"),
    COMMIT_SHA("commitSha"),
    IMAGE("image"),
    ARTIFACT_ID("artifactId");

    private final String wire;

    SourceField(String wire) {
        this.wire = wire;
    }

    /** The field's name in the API, e.g. {@code commitSha}. */
    public String wire() {
        return wire;
    }

    /** The field as a request path, e.g. {@code source.commitSha}. */
    public String path() {
        return "source." + wire;
    }

    /** The fields {@code source} sets ({@code commitMessage} is never a trigger field). */
    public static Set<SourceField> of(Source source) {
        Set<SourceField> fields = EnumSet.noneOf(SourceField.class);
        if (source.branch() != null) fields.add(BRANCH);
        if (source.commitSha() != null) fields.add(COMMIT_SHA);
        if (source.image() != null) fields.add(IMAGE);
        if (source.artifactId() != null) fields.add(ARTIFACT_ID);
        return fields;
    }
}
