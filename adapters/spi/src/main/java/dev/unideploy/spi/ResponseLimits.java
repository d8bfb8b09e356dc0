package dev.unideploy.spi;

/**
 * How much of one provider's answers the gateway will read: a whole response body, and one line or frame of a
 * stream (an SSE line or event, a WebSocket message). A provider that sends more gets {@link #tooLarge} — a
 * {@code provider_error} for that call only — instead of filling the gateway's memory.
 *
 * @param maxBodyBytes the largest response body read into memory
 * @param maxLineBytes the largest single line, event or frame of a stream (streams themselves may run forever)
 */
public record ResponseLimits(long maxBodyBytes, int maxLineBytes) {

    /** 16 MiB per body, 1 MiB per stream line: far above any provider answer seen, far below a heap. */
    public static final ResponseLimits DEFAULTS = new ResponseLimits(16L * 1024 * 1024, 1024 * 1024);

    public ResponseLimits {
        if (maxBodyBytes < 1 || maxLineBytes < 1) {
            throw new IllegalArgumentException("response limits must be positive");
        }
    }

    /** The failure of a body (or line) over its limit; names the limit, never the content. */
    public static ProviderException.BadResponse tooLarge(long limit, Integer upstreamStatus) {
        return new ProviderException.BadResponse("response too large (over " + limit + " bytes)", upstreamStatus, null);
    }
}
