package dev.unideploy.spi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An id as one segment of a provider URL. Ids are data (a provider may answer {@code "a b"}, {@code "x/y"} or
 * {@code ".."}): every byte outside RFC 3986's unreserved set is percent-encoded, and an id that would still move
 * the request elsewhere — empty, {@code .} or {@code ..}, which servers resolve as dot segments even when
 * encoded — names nothing on the provider.
 */
public final class PathSegment {

    private static final String HEX = "0123456789ABCDEF";

    private PathSegment() {}

    /**
     * The percent-encoded segment (also right for a query value).
     *
     * @throws ProviderException.NotFound for an id that cannot be one segment (nothing is sent then)
     */
    public static String encode(String id) {
        if (id.isEmpty() || id.equals(".") || id.equals("..")) {
            throw new ProviderException.NotFound("'" + id + "' is not an id the provider can be asked for", null);
        }
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(id));
        } catch (CharacterCodingException notUnicode) {
            throw new ProviderException.NotFound("an id that is not valid Unicode names nothing", null);
        }
        StringBuilder segment = new StringBuilder(id.length());
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xff;
            if (unreserved(b)) {
                segment.append((char) b);
            } else {
                segment.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
        }
        return segment.toString();
    }

    private static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z')
                || (b >= 'a' && b <= 'z')
                || (b >= '0' && b <= '9')
                || b == '-'
                || b == '.'
                || b == '_'
                || b == '~';
    }
}
