package unideploy

import (
	"net/http"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// VerifyWebhook checks a delivery with the Standard Webhooks library: webhook-signature must hold
// "v1," + base64(HMAC-SHA256(secret, webhook-id "." webhook-timestamp "." body)), and the timestamp be within five
// minutes. Pass the raw body, before any JSON decoding, and the secret as configured ("whsec_…").
func VerifyWebhook(secret string, body []byte, headers http.Header) error {
	webhook, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		return err
	}
	return webhook.Verify(body, headers)
}
