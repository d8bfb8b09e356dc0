// Webhook verification with the Standard Webhooks library: v1 HMAC-SHA256 over `id.timestamp.body`.
import { Webhook } from 'standardwebhooks';

/**
 * Throws unless `body` (the raw request body, before JSON parsing) was signed with `secret` (`whsec_…`) and its
 * `webhook-timestamp` is within five minutes; answers the parsed payload.
 */
export function verifyWebhook(
  secret: string,
  body: string,
  headers: Record<string, string | string[] | undefined> | Headers,
): unknown {
  const flat: Record<string, string> = {};
  const entries: Iterable<[string, any]> =
    typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function'
      ? Array.from((headers as Headers).entries())
      : Object.entries(headers as Record<string, any>);
  for (const [name, value] of entries) {
    if (value !== undefined) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(' ') : String(value);
    }
  }
  return new Webhook(secret).verify(body, flat);
}
