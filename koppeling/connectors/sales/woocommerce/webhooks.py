"""WooCommerce webhook deliveries: verify the signature on the raw body, then say which sales to read.

X-WC-Webhook-Signature is base64(HMAC-SHA256(raw body, webhook secret)); while the owner changes the
secret, the previous one is accepted too (deliveries already queued carry it). When a webhook is created
WooCommerce first sends an unsigned ping, the form body `webhook_id=<id>`; it must get a 200 or the
webhook is not activated, so it is accepted (it carries no sale). The body is only used for ids.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Mapping

from koppeling.connectors.base import WebhookResult

ORDER_TOPICS = frozenset({"order.created", "order.updated", "order.restored"})
PING = re.compile(rb"^webhook_id=\d+$")


def signature(body: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def is_ping(headers: Mapping[str, str], body: bytes) -> bool:
    return not headers.get("x-wc-webhook-signature") and bool(PING.match(body.strip()))


def source_ids(topic: str, payload) -> list[str]:
    """The order and the refunds it lists (a refund changes its order, so it arrives as order.updated)."""
    if topic not in ORDER_TOPICS or not isinstance(payload, dict) or not str(payload.get("id") or "").isdigit():
        return []
    order_id = str(payload["id"])
    refunds = [f"{order_id}/refunds/{refund['id']}" for refund in payload.get("refunds") or []
               if isinstance(refund, dict) and str(refund.get("id") or "").isdigit()]
    return [order_id, *refunds]


def is_signed(body: bytes, given: str, secrets: Iterable[str]) -> bool:
    # Every secret is compared (constant time each), so timing does not tell which one matched.
    matches = [hmac.compare_digest(signature(body, secret).encode(), given.encode()) for secret in secrets]
    return bool(given) and any(matches)


def read(headers: Mapping[str, str], body: bytes, secrets: Iterable[str]) -> WebhookResult:
    if is_ping(headers, body):
        return WebhookResult(accepted=True, message="ping")
    secrets = [secret for secret in secrets if secret]
    if not secrets:
        return WebhookResult(accepted=False, message="no webhook secret configured for this koppeling")
    if not is_signed(body, str(headers.get("x-wc-webhook-signature") or "").strip(), secrets):
        return WebhookResult(accepted=False, message="missing or invalid X-WC-Webhook-Signature")
    topic = str(headers.get("x-wc-webhook-topic") or "").strip().lower()
    try:
        payload = json.loads(body)
    except ValueError:
        return WebhookResult(accepted=True, message=f"{topic}: body is not JSON")
    return WebhookResult(accepted=True, source_ids=source_ids(topic, payload), message=topic)
