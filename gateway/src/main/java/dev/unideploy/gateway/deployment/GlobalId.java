package dev.unideploy.gateway.deployment;

import dev.unideploy.gateway.problem.ApiException;
import dev.unideploy.gateway.problem.ProblemCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A client-facing id: the connection id, a colon, and the adapter's local id — round-trippable without server
 * state. {@link #local()} is the id exactly as the adapter gave it; provider ids are data, so the text form
 * escapes it to fit the published pattern ({@code [A-Za-z0-9._~-]+}):
 *
 * <ul>
 *   <li>letters, digits, {@code .}, {@code _} and {@code -} stand for themselves, so every id the gateway handed
 *       out before escaping existed reads the same;
 *   <li>every other character is its UTF-8 bytes as {@code ~XX} (two upper-case hex digits): {@code "a b/c"} is
 *       {@code a~20b~2Fc}, {@code ~} itself {@code ~7E}. Only this one spelling is accepted back.
 * </ul>
 *
 * <p>A local id that is empty or a dot segment ({@code .}, {@code ..}) would address something else in a
 * provider's path: clients get 400 for one, and a provider id that cannot be represented (those, unpaired
 * surrogates, or longer than the pattern's limit) is a 502 {@code provider_error} naming the connection.
 */
public record GlobalId(String connection, String local) {

    /** The spec's {@code DeploymentId} maxLength. */
    public static final int MAX_LENGTH = 300;

    /** The spec's {@code AppId} maxLength. */
    public static final int MAX_APP_LENGTH = 200;

    private static final Pattern CONNECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern TEXT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final char ESCAPE = '~';
    private static final String HEX = "0123456789ABCDEF";

    public GlobalId {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(local, "local");
        String text = encode(local);
        if (text == null || connection.length() + 1 + text.length() > MAX_LENGTH) {
            throw unrepresentable(connection, "id");
        }
    }

    /** Parses {@code value}, or 400 naming {@code field}. */
    public static GlobalId parse(String field, String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || value.length() > MAX_LENGTH) {
            throw ApiException.invalid(field, "must look like '<provider>:<id>'");
        }
        String connection = value.substring(0, colon);
        String text = value.substring(colon + 1);
        if (!CONNECTION.matcher(connection).matches() || !TEXT.matcher(text).matches()) {
            throw ApiException.invalid(field, "must look like '<provider>:<id>' with URL-safe characters");
        }
        String local = decode(text);
        if (local == null || !text.equals(encode(local))) {
            throw ApiException.invalid(
                    field, "is not an id this API issued ('~' must be followed by two upper-case hex digits)");
        }
        if (isDotSegment(local)) {
            throw ApiException.invalid(field, "'.' and '..' are not ids");
        }
        return new GlobalId(connection, local);
    }

    /** This id as an app id: 502 when the provider's app id is too long for the spec's {@code AppId}. */
    public String asAppId() {
        String text = toString();
        if (text.length() > MAX_APP_LENGTH) {
            throw unrepresentable(connection, "app id");
        }
        return text;
    }

    @Override
    public String toString() {
        return connection + ":" + encode(local);
    }

    /** The escaped text of a local id; null when it cannot be represented. */
    static @Nullable String encode(String local) {
        if (local.isEmpty() || isDotSegment(local)) {
            return null;
        }
        if (allLiteral(local)) {
            return local; // the common case: nothing to escape, nothing to allocate
        }
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(local));
        } catch (CharacterCodingException unpairedSurrogate) {
            return null;
        }
        StringBuilder text = new StringBuilder(local.length());
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xff;
            if (isLiteral(b)) {
                text.append((char) b);
            } else {
                text.append(ESCAPE).append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
        }
        return text.toString();
    }

    /** The local id a text stands for; null when an escape is malformed or the bytes are not UTF-8. */
    private static @Nullable String decode(String text) {
        if (text.indexOf(ESCAPE) < 0) {
            return text; // only literal characters (TEXT matched): nothing to decode
        }
        ByteBuffer bytes = ByteBuffer.allocate(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ESCAPE) {
                bytes.put((byte) c);
                continue;
            }
            int high = i + 2 < text.length() ? HEX.indexOf(text.charAt(i + 1)) : -1;
            int low = high < 0 ? -1 : HEX.indexOf(text.charAt(i + 2));
            if (low < 0) {
                return null;
            }
            bytes.put((byte) (high << 4 | low));
            i += 2;
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static boolean allLiteral(String local) {
        for (int i = 0; i < local.length(); i++) {
            if (!isLiteral(local.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLiteral(int b) {
        return (b >= 'A' && b <= 'Z')
                || (b >= 'a' && b <= 'z')
                || (b >= '0' && b <= '9')
                || b == '.'
                || b == '_'
                || b == '-';
    }

    private static boolean isDotSegment(String local) {
        return local.equals(".") || local.equals("..");
    }

    /** A provider id the gateway cannot hand out: the provider's data, so a 502 naming the connection. */
    private static ApiException unrepresentable(String connection, String what) {
        return new ApiException(
                ProblemCode.PROVIDER_ERROR,
                "The provider answered a " + what + " that cannot be represented as a gateway id (empty, '.', '..',"
                        + " not valid Unicode, or too long).",
                connection,
                List.of(),
                null);
    }
}
