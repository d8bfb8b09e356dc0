"""Webhook verification with the Standard Webhooks library: v1 HMAC-SHA256 over ``id.timestamp.body``."""

from __future__ import annotations

from typing import Any, Mapping, Union

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

__all__ = ["verify_webhook", "WebhookVerificationError"]


def verify_webhook(secret: str, body: Union[str, bytes], headers: Mapping[str, str]) -> Any:
    """The parsed payload, if ``body`` (raw, before JSON parsing) was signed with ``secret`` (``whsec_…``) and its
    ``webhook-timestamp`` is within five minutes; else raises ``WebhookVerificationError``."""
    lower = {name.lower(): value for name, value in headers.items()}
    return Webhook(secret).verify(body, lower)
