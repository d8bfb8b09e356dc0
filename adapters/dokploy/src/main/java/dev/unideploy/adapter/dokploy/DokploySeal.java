package dev.unideploy.adapter.dokploy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short MAC over a triggered id under the connection's API key. With nothing remembered, a triggered id claims the
 * first free row created after its trigger instant; the seal lets only ids this gateway made claim one, so a client
 * cannot bind rows to ids of its own making. Ids are found by memory and title whatever their seal.
 */
final class DokploySeal {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    DokploySeal(String token) {
        this.key = new SecretKeySpec(("unideploy:dokploy-id:" + token).getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** A new triggered id, sealed. */
    DokployTriggeredId issue(String applicationId, Instant triggered, String correlationId) {
        Instant millis = Instant.ofEpochMilli(triggered.toEpochMilli());
        return new DokployTriggeredId(applicationId, millis, correlationId, of(applicationId, millis, correlationId));
    }

    /** The seal of a triggered id: 64 bits of the MAC, base 36. */
    String of(String applicationId, Instant triggered, String correlationId) {
        byte[] mac = mac(applicationId + "\n" + triggered.toEpochMilli() + "\n" + correlationId);
        return new BigInteger(1, Arrays.copyOf(mac, 8)).toString(36);
    }

    boolean verifies(DokployTriggeredId id) {
        String expected = of(id.applicationId(), id.triggered(), id.correlationId());
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), id.seal().getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, missing);
        }
    }

    @Override
    public String toString() {
        return "DokploySeal[" + ALGORITHM + "]";
    }
}
