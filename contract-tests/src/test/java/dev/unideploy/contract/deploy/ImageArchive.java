package dev.unideploy.contract.deploy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image tarball as {@code jib:buildTar} writes it ({@code docker load} format): {@code manifest.json}, the
 * image config, and one gzipped tar per layer. {@link #extract} unpacks every layer into one directory, as a
 * container's root file system, and checks each layer's content against the config's {@code diff_ids}.
 */
final class ImageArchive {

    private final JsonNode manifest;
    private final JsonNode config;
    /** Per layer, in the manifest's order: its history comment (Jib names the layer) → the paths it holds. */
    private final Map<String, List<String>> layers;

    private ImageArchive(JsonNode manifest, JsonNode config, Map<String, List<String>> layers) {
        this.manifest = manifest;
        this.config = config;
        this.layers = layers;
    }

    JsonNode manifest() {
        return manifest;
    }

    JsonNode config() {
        return config;
    }

    Map<String, List<String>> layers() {
        return layers;
    }

    static ImageArchive extract(Path tarball, Path root) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, byte[]> files = new HashMap<>();
        Map<String, String> digests = new HashMap<>();
        Map<String, List<String>> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (entry.getName().endsWith(".tar.gz")) {
                    List<String> paths = new ArrayList<>();
                    digests.put(entry.getName(), unpackLayer(new Unclosed(tar), root, paths));
                    entries.put(entry.getName(), paths);
                } else {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode manifest = json.readTree(files.get("manifest.json")).get(0);
        JsonNode config = json.readTree(files.get(manifest.path("Config").asString()));
        Map<String, List<String>> layers = new LinkedHashMap<>();
        for (int i = 0; i < manifest.path("Layers").size(); i++) {
            String layer = manifest.path("Layers").get(i).asString();
            String diffId = config.path("rootfs").path("diff_ids").get(i).asString();
            if (!diffId.equals("sha256:" + digests.get(layer))) {
                throw new IllegalStateException("layer " + layer + " does not match diff_id " + diffId);
            }
            layers.put(config.path("history").get(i).path("comment").asString(), entries.get(layer));
        }
        return new ImageArchive(manifest, config, layers);
    }

    /** Unpacks one gzipped layer below {@code root}; answers the SHA-256 of its uncompressed tar. */
    private static String unpackLayer(InputStream gzipped, Path root, List<String> paths) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream digest = new DigestInputStream(new GZIPInputStream(gzipped), sha256);
                TarArchiveInputStream layer = new TarArchiveInputStream(digest)) {
            for (TarArchiveEntry entry; (entry = layer.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalStateException("layer entry outside the root: " + entry.getName());
                }
                paths.add(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(layer, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            digest.transferTo(OutputStream.nullOutputStream()); // the tar's end-of-archive padding counts too
            return HexFormat.of().formatHex(sha256.digest());
        }
    }

    /** The outer tarball's current entry; closing a layer's streams must not close the tarball. */
    private static final class Unclosed extends FilterInputStream {
        Unclosed(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
