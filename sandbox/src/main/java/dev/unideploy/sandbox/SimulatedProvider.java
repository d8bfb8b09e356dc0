package dev.unideploy.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** One running provider simulator. */
public interface SimulatedProvider {

    /** coolify, dokploy, zectre, dooor or mist. */
    String type();

    /** The API base URL a provider connection uses, e.g. {@code http://127.0.0.1:9101/api/v1}. */
    URI baseUrl();

    /**
     * The connection settings that authenticate with the sandbox credential, under the gateway's setting keys:
     * {@code token} (Coolify, Dokploy, Zectre, Dooor), {@code workspace} (Dooor), {@code email} and {@code
     * password} (Mist).
     */
    Map<String, String> settings();

    /** The seeded apps; the first deploys successfully, one fails its builds. */
    List<SeededApp> apps();

    /** The WireMock server: its admin API at {@code /__admin}, request journal and fault injection. */
    WireMockServer server();

    default int port() {
        return server().port();
    }
}
