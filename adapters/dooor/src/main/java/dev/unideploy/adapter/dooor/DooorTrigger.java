package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.ProviderException;
import dev.unideploy.spi.Source;
import dev.unideploy.spi.SourceField;
import dev.unideploy.spi.TriggerRequest;

/**
 * A trigger as Dooor's {@code POST /workspaces/{ws}/deploy} body: an image deploys as source {@code IMAGE}, an
 * artifact as an {@code UPLOAD} id, else git ({@code gitBranch}/{@code gitCommitSha}, or the app's configured
 * branch). Dooor has no environments in its deploy API: {@code environment} is not sent. A git branch or commit
 * beside an image or upload would be ignored by Dooor: refused, naming it.
 */
final class DooorTrigger {

    private DooorTrigger() {}

    static DooorJson.Trigger of(TriggerRequest request) {
        Source source = request.source();
        if (source.image() != null && source.artifactId() != null) {
            throw new ProviderException.InvalidRequest(
                    "Dooor deploys an image or an upload, not both", SourceField.ARTIFACT_ID.path(), null);
        }
        boolean git = source.branch() != null || source.commitSha() != null;
        if (git && (source.image() != null || source.artifactId() != null)) {
            SourceField ignored = source.branch() != null ? SourceField.BRANCH : SourceField.COMMIT_SHA;
            throw new ProviderException.InvalidRequest(
                    "Dooor builds a git branch or commit, or deploys an image or an upload, not both",
                    ignored.path(),
                    null);
        }
        DooorJson.TriggerSource from = source.image() != null
                ? new DooorJson.TriggerSource("IMAGE", source.image(), null)
                : source.artifactId() != null ? new DooorJson.TriggerSource("UPLOAD", null, source.artifactId()) : null;
        return new DooorJson.Trigger(request.appId(), source.branch(), source.commitSha(), from);
    }
}
