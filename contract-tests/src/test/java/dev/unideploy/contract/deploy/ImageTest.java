package dev.unideploy.contract.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image, as Jib builds it on every {@code package}: the gateway's {@code verify-image} execution
 * writes the release image's layers and config on an empty base ({@code scratch}: no registry needed) to {@code
 * gateway/target/jib-verify-image.tar}. This test reads it and runs the gateway, and Compose's sandbox service,
 * from the image's own layers with this JVM. Not exercised: the eclipse-temurin:17-jre base the release build
 * pulls, which supplies only the JRE.
 */
class ImageTest {

    static final Path TARBALL = ComposeFile.ROOT.resolve("gateway/target/jib-verify-image.tar");
    static final String MAIN = "dev.unideploy.gateway.UnideployApplication";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    private static ImageArchive image;

    @BeforeAll
    static void extract() throws IOException {
        assertThat(TARBALL)
                .as("built by the gateway's package phase (./mvnw -pl gateway -am package)")
                .exists();
        image = ImageArchive.extract(TARBALL, root);
    }

    @Test
    void runsTheGatewayOnPort8080AsANonRootUserUnderATagOfItsOwn() {
        JsonNode config = image.config().path("config");

        assertThat(strings(config.path("Entrypoint")))
                .containsExactly("java", "-XX:MaxRAMPercentage=75", "-cp", "@/app/jib-classpath-file", MAIN);
        assertThat(config.path("ExposedPorts").propertyNames()).containsExactly("8080/tcp");
        assertThat(config.path("User").asString()).isEqualTo("65532");
        assertThat(image.config().path("os").asString()).isEqualTo("linux");
        // the verification image has a tag of its own (it has no JRE): the real tag with "-verify" on the name
        assertThat(strings(image.manifest().path("RepoTags")))
                .containsExactly(ComposeFile.load()
                        .image("gateway-1")
                        .replace("unideploy/gateway:", "unideploy/gateway-verify:"));
    }

    @Test
    void layersHoldTheDependenciesTheResourcesTheClassesOfThisBuildAndTheClasspath() throws IOException {
        assertThat(image.layers()).containsKeys("dependencies", "resources", "classes", "jvm arg files");
        // the project's own modules: "project dependencies" in a reactor build, else "snapshot dependencies"
        String modules =
                image.layers().containsKey("project dependencies") ? "project dependencies" : "snapshot dependencies";
        assertThat(image.layers().get(modules))
                .anyMatch(path -> path.matches("app/libs/unideploy-sandbox-.+\\.jar"))
                .anyMatch(path -> path.matches("app/libs/unideploy-adapter-coolify-.+\\.jar"));
        assertThat(image.layers().get("resources")).contains("app/resources/application.yaml");
        List<String> classes = image.layers().get("classes").stream()
                .filter(path -> path.endsWith(".class"))
                .toList();
        assertThat(classes).contains("app/classes/" + MAIN.replace('.', '/') + ".class");
        for (String path : classes) {
            try (InputStream built = getClass().getResourceAsStream(path.substring("app/classes".length()))) {
                assertThat(Files.readAllBytes(root.resolve(path)))
                        .as(
                                "%s: the image is of another build than the gateway on the test classpath (a -pl build"
                                        + " resolves it from ~/.m2; build with -am)",
                                path)
                        .isEqualTo(built.readAllBytes());
            }
        }
        assertThat(Files.readString(root.resolve("app/jib-main-class-file")).strip())
                .isEqualTo(MAIN);
        String[] classpath =
                Files.readString(root.resolve("app/jib-classpath-file")).strip().split(":");
        assertThat(classpath)
                .hasSizeGreaterThan(100)
                .allSatisfy(
                        entry -> assertThat(root.resolve(entry.substring(1))).exists());
    }

    @Test
    void theGatewayStartsFromTheImagesLayersInSandboxMode() throws Exception {
        int port = freePort();
        List<String> entrypoint = strings(image.config().path("config").path("Entrypoint"));
        long start = System.nanoTime();
        try (LayerProcess gateway = LayerProcess.start(
                root,
                entrypoint,
                "gateway",
                "--server.port=" + port,
                "--unideploy.sandbox.ports.coolify=0",
                "--unideploy.sandbox.ports.dokploy=0",
                "--unideploy.sandbox.ports.zectre=0",
                "--unideploy.sandbox.ports.dooor=0",
                "--unideploy.sandbox.ports.mist=0")) {
            URI base = URI.create("http://127.0.0.1:" + port);
            gateway.await(Duration.ofSeconds(120), "healthy", () -> healthy(base.resolve("/actuator/health")));
            System.out.printf(
                    "ImageTest: gateway healthy %d ms after start%n", (System.nanoTime() - start) / 1_000_000);

            HttpResponse<String> providers = get(base.resolve("/v1/providers"), "sandbox");
            assertThat(providers.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(providers.body()).path("items"))
                    .extracting(item -> item.path("id").asString())
                    .containsExactlyInAnyOrder("coolify", "dokploy", "zectre", "dooor", "mist");
            assertThat(get(base.resolve("/v1/providers"), "wrong").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void composesSandboxEntrypointStartsFromTheImagesLayers() throws Exception {
        ComposeFile compose = ComposeFile.load();
        String service = compose.services().keySet().stream()
                .filter(name -> !compose.entrypoint(name).isEmpty())
                .findFirst()
                .orElseThrow();
        Pattern coolify = Pattern.compile("coolify +(http://\\S+)");
        try (LayerProcess sandbox = LayerProcess.start(root, compose.entrypoint(service), "sandbox", "--free-ports")) {
            sandbox.await(
                    Duration.ofSeconds(60),
                    "listing the simulators",
                    () -> sandbox.log().contains("mist "));
            assertThat(sandbox.log()).contains("listening on 0.0.0.0");
            Matcher url = coolify.matcher(sandbox.log());
            assertThat(url.find()).isTrue();

            HttpResponse<String> apps = get(URI.create(url.group(1) + "/applications"), "sandbox");
            assertThat(apps.statusCode()).isEqualTo(200);
            assertThat(apps.body()).contains("\"cool-web\"");
        }
    }

    private static boolean healthy(URI health) {
        try {
            HttpResponse<String> response = get(health, null);
            return response.statusCode() == 200
                    && JSON.readTree(response.body()).path("status").asString().equals("UP");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
