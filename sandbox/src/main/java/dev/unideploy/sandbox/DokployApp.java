package dev.unideploy.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Dokploy application: {@code applicationId} is the API id, {@code appName} the Docker service name. Its repository
 * head is one fixed commit: what Dokploy renames a row after once the build ends.
 */
record DokployApp(String applicationId, String name, String appName) {

    static DokployApp of(SeededApp app) {
        return new DokployApp(app.id(), app.name(), app.name() + "-sandbox");
    }

    String commitMessage() {
        return "Update " + name + " landing page";
    }

    String commitSha() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
    }
}
