package dev.unideploy.adapter.dooor;

import dev.unideploy.spi.Deployment;
import dev.unideploy.spi.DeploymentPage;
import dev.unideploy.spi.ProviderException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** An app's Dooor deployments page by page, as Dooor pages them ({@code ?page=&limit=}, {@code meta.totalPages}). */
final class DooorListing {

    private final DooorClient client;

    DooorListing(DooorClient client) {
        this.client = client;
    }

    /**
     * Page-based. A page number only means the same items again with the same page size, so the token carries both
     * ({@code <page>x<size>}): a token is read with the size it was made with, whatever {@code limit} is now.
     */
    Mono<DeploymentPage> page(String appId, @Nullable String pageToken, int limit) {
        int[] pageAndSize = pageToken == null ? new int[] {1, Math.max(1, Math.min(100, limit))} : fromToken(pageToken);
        if (pageAndSize == null) {
            return Mono.error(new ProviderException.InvalidRequest("not a Dooor page token", "pageToken", null));
        }
        int current = pageAndSize[0];
        int pageSize = pageAndSize[1];
        return client.listDeployments(appId, current, pageSize).map(node -> {
            DooorJson.PageOf list = DooorJson.read(node, DooorJson.PageOf.class);
            List<Deployment> deployments = new ArrayList<>();
            // Dooor's list rows may leave out appId (its docs' example does): it is the app asked for.
            DooorDeploymentMapping.newestFirst(items(list))
                    .forEach(item -> deployments.add(withAppId(DooorDeploymentMapping.toDeployment(item), appId)));
            int next = nextPage(list);
            return new DeploymentPage(deployments, next > current ? next + "x" + pageSize : null);
        });
    }

    /** {@code <page>x<size>} as {page, size}; null if it is not such a token. */
    private static int @Nullable [] fromToken(String token) {
        int x = token.indexOf('x');
        try {
            int page = Integer.parseInt(token.substring(0, Math.max(0, x)));
            int size = Integer.parseInt(token.substring(x + 1));
            return page >= 1 && size >= 1 && size <= 100 ? new int[] {page, size} : null;
        } catch (NumberFormatException | IndexOutOfBoundsException notOurs) {
            return null;
        }
    }

    private static Deployment withAppId(Deployment deployment, String appId) {
        return deployment.appId().isEmpty()
                ? deployment.toBuilder().appId(appId).build()
                : deployment;
    }

    static List<JsonNode> items(DooorJson.PageOf page) {
        return page.data() == null ? List.of() : page.data();
    }

    /** The next page number, or 0 on the last page. */
    static int nextPage(DooorJson.PageOf page) {
        DooorJson.Meta meta = page.meta();
        if (meta == null
                || meta.page() == null
                || meta.totalPages() == null
                || items(page).isEmpty()) {
            return 0;
        }
        return meta.page() < meta.totalPages() ? meta.page() + 1 : 0;
    }
}
