package dev.unideploy.sdks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Go module as a module proxy serves it ({@code GOPROXY=file://…}): {@code <module>/@v/list}, {@code
 * <version>.info}, {@code .mod} and {@code .zip}, the zip's entries under {@code <module>@<version>/}, as {@code
 * go mod download} expects. Generator leftovers that are no part of the module (git_push.sh, the generator's own
 * metadata, the test stubs) are left out.
 */
final class GoModuleZip {

    static final String MODULE = "github.com/unideploy/unideploy-go";

    private static final List<String> LEFT_OUT = List.of(".openapi-generator", "test", "git_push.sh", ".travis.yml");

    private GoModuleZip() {}

    /** Writes the proxy folder for {@code version} of the module in {@code source} under {@code proxy}. */
    static void write(Path source, Path proxy, String version) throws IOException {
        Path versions = proxy.resolve(MODULE).resolve("@v");
        Files.createDirectories(versions);
        Files.writeString(versions.resolve("list"), version + "\n");
        Files.writeString(
                versions.resolve(version + ".info"),
                "{\"Version\":\"" + version + "\",\"Time\":\"" + Instant.now() + "\"}\n");
        Files.copy(
                source.resolve("go.mod"),
                versions.resolve(version + ".mod"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (OutputStream file = Files.newOutputStream(versions.resolve(version + ".zip"));
                ZipOutputStream zip = new ZipOutputStream(file, StandardCharsets.UTF_8);
                Stream<Path> files = Files.walk(source)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = source.relativize(path);
                if (LEFT_OUT.contains(relative.getName(0).toString())) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(
                        MODULE + "@" + version + "/" + relative.toString().replace('\\', '/')));
                Files.copy(path, zip);
                zip.closeEntry();
            }
        }
    }
}
