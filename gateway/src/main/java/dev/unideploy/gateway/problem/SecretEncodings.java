package dev.unideploy.gateway.problem;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.io.JsonStringEncoder;

/** The forms a secret takes on its way through HTTP, JSON and HTML: each one must be masked. */
final class SecretEncodings {

    private SecretEncodings() {}

    static Stream<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String json = new String(JsonStringEncoder.getInstance().quoteAsCharArray(secret));
        forms.add(json);
        forms.add(json.replace("/", "\\/")); // some encoders escape the solidus
        forms.add(asciiJson(secret));
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20"));
        forms.add(percentEncodeAll(secret, true));
        forms.add(percentEncodeAll(secret, false));
        forms.add(lowerHex(form.replace("+", "%20")));
        forms.add(html(secret));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        return forms.stream();
    }

    /** JSON with every non-ASCII character as a {@code \\uXXXX} escape. */
    private static String asciiJson(String secret) {
        StringBuilder out = new StringBuilder();
        for (char c : new String(JsonStringEncoder.getInstance().quoteAsCharArray(secret)).toCharArray()) {
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** Every byte percent-encoded except unreserved characters, hex in upper or lower case. */
    private static String percentEncodeAll(String secret, boolean upper) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = upper ? HexFormat.of().withUpperCase() : HexFormat.of();
        for (byte b : secret.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(hex.toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String lowerHex(String percentEncoded) {
        StringBuilder out = new StringBuilder(percentEncoded);
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '%' && i + 2 < out.length()) {
                out.setCharAt(i + 1, Character.toLowerCase(out.charAt(i + 1)));
                out.setCharAt(i + 2, Character.toLowerCase(out.charAt(i + 2)));
            }
        }
        return out.toString();
    }

    private static String html(String secret) {
        return secret.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
