package dev.unideploy.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of an app's deployments, newest first.
 *
 * @param nextPageToken the adapter's own opaque token for the next page (an offset, a page number, the
 *     provider's cursor); null on the last page
 */
public record DeploymentPage(
        List<Deployment> items, @Nullable String nextPageToken) {

    public DeploymentPage {
        items = List.copyOf(items);
    }
}
