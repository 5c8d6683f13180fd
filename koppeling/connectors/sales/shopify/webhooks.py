"""Shopify webhook deliveries: verify the HMAC on the raw body, then say which sales to read again.

X-Shopify-Hmac-Sha256 is base64(HMAC-SHA256(raw body, app client secret)). After the secret is
rotated Shopify may sign with the old one for up to an hour, so the previous secret is tried too.
The body (REST-shaped JSON) is only used for ids: the sales themselves are read again from the API.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping

from koppeling.connectors.base import WebhookResult

ORDER_TOPICS = frozenset({"orders/create", "orders/updated", "orders/paid", "orders/cancelled"})
REFUND_TOPICS = frozenset({"refunds/create"})


def header(headers: Mapping[str, str], name: str) -> str:
    """A Shopify header by its name without prefix, e.g. "hmac-sha256" (with or without "x-")."""
    return str(headers.get(f"x-shopify-{name}") or headers.get(f"shopify-{name}") or "").strip()


def signature(body: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def is_signed(body: bytes, given: str, secrets: Iterable[str]) -> bool:
    if not given:
        return False
    # Every secret is compared (constant time each), so timing does not tell which one matched.
    matches = [hmac.compare_digest(signature(body, secret).encode(), given.encode()) for secret in secrets if secret]
    return any(matches)


def source_ids(topic: str, payload) -> list[str]:
    """The sales a delivery is about: the order, or a refund and its order."""
    if not isinstance(payload, dict) or not str(payload.get("id") or "").isdigit():
        return []
    if topic in ORDER_TOPICS:
        return [str(payload["id"])]
    if topic in REFUND_TOPICS and str(payload.get("order_id") or "").isdigit():
        order_id = str(payload["order_id"])
        return [f"{order_id}/refunds/{payload['id']}", order_id]
    return []


def read(headers: Mapping[str, str], body: bytes, secrets: Iterable[str], shop_domain: str = "") -> WebhookResult:
    """`shop_domain` (a *.myshopify.com host), when known, must match the delivery's shop: one app
    secret signs the deliveries of every shop that installed the app."""
    if not is_signed(body, header(headers, "hmac-sha256"), secrets):
        return WebhookResult(accepted=False, message="missing or invalid X-Shopify-Hmac-Sha256")
    sender = header(headers, "shop-domain").lower()
    if shop_domain and sender and sender != shop_domain.lower():
        return WebhookResult(accepted=False, message=f"delivery for shop {sender}, not this koppeling's shop")
    topic = header(headers, "topic").lower()
    try:
        payload = json.loads(body)
    except ValueError:
        return WebhookResult(accepted=True, message=f"{topic}: body is not JSON")
    return WebhookResult(accepted=True, source_ids=source_ids(topic, payload), message=topic)
