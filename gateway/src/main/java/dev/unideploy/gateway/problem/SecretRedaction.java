package dev.unideploy.gateway.problem;

import dev.unideploy.gateway.config.UnideployProperties;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Masks configured secrets — provider tokens and passwords, the Redis password — in anything the gateway got from a
 * provider or writes out: problem details, response models and events (before they are serialized), passthrough
 * headers and bodies, log lines. A secret is masked in every form it can take on the way: as is, JSON-escaped
 * (a {@code "} or {@code \} in it is escaped in a provider's JSON), percent- or form-encoded, HTML-escaped and
 * Base64. Secrets shorter than {@link #MIN_LENGTH} are not masked: they cannot be told from ordinary words (the
 * sandbox's {@code sandbox}).
 */
public final class SecretRedaction {

    static final int MIN_LENGTH = 8;
    public static final String MASK = "[redacted]";
    private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.UTF_8);

    /** Every form of every secret, longest first (so that a longer form is masked before a part of it). */
    private final List<String> forms;

    private final List<byte[]> formBytes;

    public SecretRedaction(List<? extends @Nullable String> secrets) {
        this.forms = secrets.stream()
                .filter(Objects::nonNull)
                .filter(secret -> secret.length() >= MIN_LENGTH)
                .flatMap(SecretEncodings::of)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.formBytes = forms.stream()
                .map(form -> form.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    public static SecretRedaction of(UnideployProperties properties) {
        List<@Nullable String> secrets = new ArrayList<>();
        properties.providers().values().forEach(provider -> {
            secrets.add(provider.token());
            secrets.add(provider.password());
        });
        secrets.add(redisPassword(properties.redis().url()));
        return new SecretRedaction(secrets);
    }

    /** True when nothing is configured that could be masked (e.g. sandbox mode): callers may skip the work. */
    public boolean isEmpty() {
        return forms.isEmpty();
    }

    public String redact(String text) {
        String result = text;
        for (String form : forms) {
            if (result.contains(form)) {
                result = result.replace(form, MASK);
            }
        }
        return result;
    }

    /** True when {@code bytes} hold a secret in any of its forms. */
    public boolean foundIn(byte[] bytes) {
        for (byte[] form : formBytes) {
            if (indexOf(bytes, form, 0) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code bytes} with every secret masked, byte for byte otherwise (a binary body stays as it was): the very
     * array when nothing was found.
     */
    public byte[] redact(byte[] bytes) {
        byte[] result = bytes;
        for (byte[] form : formBytes) {
            result = replace(result, form);
        }
        return result;
    }

    private static byte[] replace(byte[] bytes, byte[] form) {
        int at = indexOf(bytes, form, 0);
        if (at < 0) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        int from = 0;
        while (at >= 0) {
            out.write(bytes, from, at - from);
            out.write(MASK_BYTES, 0, MASK_BYTES.length);
            from = at + form.length;
            at = indexOf(bytes, form, from);
        }
        out.write(bytes, from, bytes.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] form, int from) {
        outer:
        for (int i = from; i <= bytes.length - form.length; i++) {
            for (int j = 0; j < form.length; j++) {
                if (bytes[i + j] != form[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static @Nullable String redisPassword(String url) {
        try {
            String userInfo = URI.create(url).getUserInfo();
            if (userInfo == null) {
                return null;
            }
            int colon = userInfo.indexOf(':');
            return colon < 0 ? userInfo : userInfo.substring(colon + 1);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    /** For tests and diagnostics: how many forms are masked, never which. */
    @Override
    public String toString() {
        return "SecretRedaction[" + forms.size() + " forms]";
    }
}
