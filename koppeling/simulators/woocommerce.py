"""A WooCommerce shop behind the REST API v3 (`/wp-json/wc/v3`), for tests and the demo.

It behaves as a real shop does where it matters to a connector: Basic auth only over HTTPS,
OAuth 1.0a (HMAC-SHA1/SHA256, 15-minute timestamp window, single-use nonces) over HTTP, the
WordPress error body, paging headers (X-WP-Total, X-WP-TotalPages, Link), per_page at most 100,
and orders, refunds, tax rates and payment gateways in the documented JSON shape.

Admin routes for tests and the demo (no authentication):
  POST /_sim/orders {"count": 3, "scenario": "mixed_rates", "status": "processing"}
  POST /_sim/orders/<id>/status {"status": "completed"}
  POST /_sim/orders/<id>/refund {"line_item_ids": [..], "amount": "10.00", "reason": ".."}
  POST /_sim/tick   one step of the demo stream (see `demo_tick`)

Webhooks (`/wp-json/wc/v3/webhooks`, or `add_webhook`): a new webhook gets the unsigned ping
`webhook_id=<id>`; then order.created / order.updated are delivered on every change, signed and with
WooCommerce's headers, from a background thread. Five failed deliveries in a row disable a webhook.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import json
import random
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial
from math import ceil
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from koppeling.lib.money import ZERO, fmt
from koppeling.simulators import woo_data as data
from koppeling.simulators.base import Request, Response, html_response, json_response
from koppeling.simulators.shop import ShopSimulator
from koppeling.simulators.webhook_sender import Delivery

API = "/wp-json/wc/v3"
STATUSES = ("pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed",
            "checkout-draft", "trash")
OAUTH_WINDOW = 15 * 60  # seconds, as WooCommerce allows
ORDERBY = {"date": "date_created_gmt", "id": "id", "modified": "date_modified_gmt", "include": "id",
           "title": "date_created_gmt", "slug": "date_created_gmt"}
DEMO_CONSUMER_KEY = "ck_demo_4f1c2b3a5d6e7f8091a2b3c4d5e6f70812345678"
DEMO_CONSUMER_SECRET = "cs_demo_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807"


def wp_error(code: str, message: str, status: int, **extra) -> Response:
    return json_response({"code": code, "message": message, "data": {"status": status, **extra}}, status)


def invalid_param(name: str, message: str) -> Response:
    return wp_error("rest_invalid_param", f"Invalid parameter(s): {name}", 400, params={name: message})


def auth_error(message: str) -> Response:
    return wp_error("woocommerce_rest_authentication_error", message, 401)


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def rawurlencode(value: str) -> str:
    return quote(value, safe="-_.~")


def wc_signature_base(method: str, url: str, params: dict[str, str]) -> str:
    """The string a WooCommerce shop signs: keys sorted raw, each "key=value" encoded twice."""
    pairs = [rawurlencode(f"{rawurlencode(key)}={rawurlencode(params[key])}") for key in sorted(params)]
    return f"{method.upper()}&{rawurlencode(url)}&{'%26'.join(pairs)}"


class WooCommerceSimulator(ShopSimulator):
    name = "woocommerce"

    def __init__(self, state_file: Path | str | None = None, seed: int | None = None,
                 consumer_key: str = DEMO_CONSUMER_KEY, consumer_secret: str = DEMO_CONSUMER_SECRET, *,
                 clock: Callable[[], datetime] | None = None, auth_clock: Callable[[], float] = time.time,
                 include_rate_percent: bool = True, pretty_permalinks: bool = True):
        self.consumer_key = consumer_key
        self.consumer_secret = consumer_secret
        self.clock = clock or (lambda: datetime.now(UTC))
        self.auth_clock = auth_clock
        self.include_rate_percent = include_rate_percent  # older WooCommerce leaves it out of tax_lines
        self.pretty_permalinks = pretty_permalinks  # without them WordPress has no /wp-json routes
        super().__init__(state_file, seed)

    def initial_state(self) -> dict:
        return {"next_id": 1000, "next_item_id": 1, "orders": {}, "refunds": {}, "nonces": {}, "webhooks": {}}

    def routes(self) -> None:
        self.add_route("GET", f"{API}/orders", self.list_orders)
        self.add_route("POST", f"{API}/orders", self.create_order)
        self.add_route("GET", f"{API}/orders/(?P<id>\\d+)", self.get_order)
        self.add_route("PUT", f"{API}/orders/(?P<id>\\d+)", self.update_order)
        self.add_route("GET", f"{API}/orders/(?P<id>\\d+)/refunds", self.list_refunds)
        self.add_route("POST", f"{API}/orders/(?P<id>\\d+)/refunds", self.create_refund)
        self.add_route("GET", f"{API}/orders/(?P<id>\\d+)/refunds/(?P<rid>\\d+)", self.get_refund)
        self.add_route("GET", f"{API}/taxes", self.list_taxes)
        self.add_route("GET", f"{API}/payment_gateways", self.list_gateways)
        self.add_route("GET", f"{API}/webhooks", self.list_webhooks)
        self.add_route("POST", f"{API}/webhooks", self.create_webhook)
        self.add_route("GET", f"{API}/webhooks/(?P<id>\\d+)", self.get_webhook)
        self.add_route("DELETE", f"{API}/webhooks/(?P<id>\\d+)", self.delete_webhook)

    # --- ids ---------------------------------------------------------------------------------------
    def _next(self, counter: str) -> int:
        with self.lock:
            self.state[counter] += 1
            return self.state[counter]

    def next_item_id(self) -> int:
        return self._next("next_item_id")

    # --- dispatch and authentication ---------------------------------------------------------------
    def _dispatch(self, request: Request) -> Response:
        if not (self.pretty_permalinks and request.path.startswith("/wp-json/")):
            return html_response("<!doctype html><title>Pagina niet gevonden</title><h1>Oeps! Die pagina "
                                 "kan niet worden gevonden.</h1>", 404)
        route = self._route(request)
        identified, error = self.authenticate(request)
        if error:
            return error
        if route is None:
            return wp_error("rest_no_route", "No route was found matching the URL and request method", 404)
        if not identified:
            return wp_error("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", 401)
        with self.lock:  # one request at a time: the demo thread changes orders meanwhile
            return route(request)

    def _route(self, request: Request):
        for method, pattern, handler in self._routes:
            match = pattern.match(request.path)
            if match and method == request.method:
                request.params = match.groupdict()
                return handler
        return None

    def authenticate(self, request: Request) -> tuple[bool, Response | None]:
        """(identified, error). Over HTTPS: Basic or consumer_key/consumer_secret in the query.
        Over HTTP only OAuth 1.0a; a Basic header there is ignored, as WooCommerce does."""
        if request.scheme == "https":
            key, secret = self._basic_credentials(request)
            if key is None:
                return False, None
            if not _same(key, self.consumer_key):
                return False, auth_error("Consumer key is invalid.")
            if not _same(secret or "", self.consumer_secret):
                return False, auth_error("Consumer secret is invalid.")
            return True, None
        params = self._oauth_request_params(request)
        if not any(key.startswith("oauth_") for key in params):
            return False, None
        return self._check_oauth(request, params)

    @staticmethod
    def _basic_credentials(request: Request) -> tuple[str | None, str | None]:
        header = request.headers.get("authorization") or ""
        if header.lower().startswith("basic "):
            try:
                key, _sep, secret = base64.b64decode(header[6:].strip()).decode().partition(":")
            except ValueError:
                return "", ""
            return key, secret
        if request.arg("consumer_key") is not None:
            return request.arg("consumer_key"), request.arg("consumer_secret", "")
        return None, None

    @staticmethod
    def _oauth_request_params(request: Request) -> dict[str, str]:
        # Like PHP's $_GET + $_POST (last value wins), plus an "Authorization: OAuth ..." header.
        params = {key: values[-1] for key, values in request.query.items()}
        if "application/x-www-form-urlencoded" in (request.headers.get("content-type") or ""):
            params.update(request.form())
        header = request.headers.get("authorization") or ""
        if header.lower().startswith("oauth "):
            for key, value in re.findall(r'(oauth_[a-z_]+)="([^"]*)"', header):
                params[key] = unquote(value)
        return params

    def _check_oauth(self, request: Request, params: dict[str, str]) -> tuple[bool, Response | None]:
        required = ("oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature",
                    "oauth_signature_method")
        for name in required:
            if not params.get(name):
                return False, auth_error(f"Missing OAuth parameter {name}")
        if not _same(params["oauth_consumer_key"], self.consumer_key):
            return False, auth_error("Consumer key is invalid.")
        method = params["oauth_signature_method"]
        if method not in ("HMAC-SHA1", "HMAC-SHA256"):
            return False, auth_error("Invalid signature - signature method is invalid.")
        # A "+" in the signature may arrive as a space when the client did not encode it.
        given = params.pop("oauth_signature").replace(" ", "+")
        base = wc_signature_base(request.method, f"{request.scheme}://{request.host}{request.path}", params)
        digest = hmac.new(f"{self.consumer_secret}&".encode(), base.encode(),
                          hashlib.sha1 if method == "HMAC-SHA1" else hashlib.sha256).digest()
        if not _same(base64.b64encode(digest).decode(), given):
            return False, auth_error("Invalid signature - provided signature does not match.")
        return self._check_timestamp_and_nonce(params["oauth_timestamp"], params["oauth_nonce"])

    def _check_timestamp_and_nonce(self, timestamp: str, nonce: str) -> tuple[bool, Response | None]:
        now = self.auth_clock()
        if not timestamp.isdigit() or abs(now - int(timestamp)) > OAUTH_WINDOW:
            return False, auth_error("Invalid timestamp.")
        with self.lock:
            nonces = self.state.setdefault("nonces", {})
            if nonce in nonces:
                return False, auth_error("Invalid nonce - nonce has already been used.")
            for old in [n for n, seen in nonces.items() if seen < now - OAUTH_WINDOW]:
                del nonces[old]
            nonces[nonce] = int(timestamp)
        return True, None

    # --- rendering ---------------------------------------------------------------------------------
    def render_order(self, order: dict, base_url: str) -> dict:
        """Stored order -> API JSON: the sample's key order, `price` as a JSON number, `_links`."""
        body = {key: order[key] for key in ORDER_KEYS if key in order}
        body["line_items"] = [{**item, "price": _number(item["price"])} for item in order["line_items"]]
        if not self.include_rate_percent:
            body["tax_lines"] = [{k: v for k, v in line.items() if k != "rate_percent"}
                                 for line in order["tax_lines"]]
        body["_links"] = {"self": [{"href": f"{base_url}{API}/orders/{order['id']}"}],
                          "collection": [{"href": f"{base_url}{API}/orders"}]}
        if order.get("customer_id"):
            body["_links"]["customer"] = [{"href": f"{base_url}{API}/customers/{order['customer_id']}"}]
        return body

    @staticmethod
    def render_refund(refund: dict, order_id: int, base_url: str) -> dict:
        body = {key: refund[key] for key in REFUND_KEYS if key in refund}
        body["line_items"] = [{**item, "price": _number(item["price"])} for item in refund["line_items"]]
        orders = f"{base_url}{API}/orders/{order_id}"
        body["_links"] = {"self": [{"href": f"{orders}/refunds/{refund['id']}"}],
                          "collection": [{"href": f"{orders}/refunds"}], "up": [{"href": orders}]}
        return body

    # --- REST handlers -----------------------------------------------------------------------------
    def list_orders(self, request: Request) -> Response:
        try:
            filters = order_filters(request)
        except ValueError as exc:
            return invalid_param(*exc.args)
        with self.lock:
            orders = [o for o in self.state["orders"].values() if order_matches(o, filters)]
        field_name = ORDERBY[filters["orderby"]]
        orders.sort(key=lambda o: (o[field_name], o["id"]), reverse=filters["order"] == "desc")
        return self._page(request, orders, lambda o: self.render_order(o, request.base_url))

    def get_order(self, request: Request) -> Response:
        order = self.state["orders"].get(request.params["id"])
        if order is None:
            return invalid_order_id()
        return json_response(self.render_order(order, request.base_url))

    def create_order(self, request: Request) -> Response:
        body = request.json() or {}
        try:
            spec = spec_from_body(body, self.random)
        except (KeyError, ValueError, TypeError) as exc:
            return wp_error("woocommerce_rest_invalid_product_id", f"Invalid order: {exc}", 400)
        status = "processing" if body.get("set_paid") else body.get("status", "pending")
        if status not in STATUSES:
            return invalid_param("status", f"status is not one of {', '.join(STATUSES)}.")
        order = self.store_order(spec, status, self.clock(), created_via="rest-api")
        self.save()
        return json_response(self.render_order(order, request.base_url), 201)

    def update_order(self, request: Request) -> Response:
        body = request.json() or {}
        if request.params["id"] not in self.state["orders"]:
            return invalid_order_id()
        if "status" in body and body["status"] not in STATUSES:
            return invalid_param("status", f"status is not one of {', '.join(STATUSES)}.")
        with self.lock:
            order = self.state["orders"][request.params["id"]]
            for meta in body.get("meta_data") or []:
                self._set_meta(order, str(meta.get("key")), meta.get("value"))
            if "customer_note" in body:
                order["customer_note"] = str(body["customer_note"])
            data.set_date(order, "date_modified", self.clock())
            status_changes = bool(body.get("status")) and body["status"] != order["status"]
            if not status_changes:
                self._emit("order.updated", order)
        if status_changes:
            self.set_status(int(order["id"]), body["status"])
        self.save()
        return json_response(self.render_order(order, request.base_url))

    def list_refunds(self, request: Request) -> Response:
        if request.params["id"] not in self.state["orders"]:
            return invalid_order_id()
        refunds = list(self.state["refunds"].get(request.params["id"], []))
        order_id = int(request.params["id"])
        return self._page(request, refunds, lambda r: self.render_refund(r, order_id, request.base_url))

    def get_refund(self, request: Request) -> Response:
        refunds = self.state["refunds"].get(request.params["id"], [])
        refund = next((r for r in refunds if str(r["id"]) == request.params["rid"]), None)
        if refund is None:
            return wp_error("woocommerce_rest_invalid_id", "Invalid resource ID.", 404)
        return json_response(self.render_refund(refund, int(request.params["id"]), request.base_url))

    def create_refund(self, request: Request) -> Response:
        body = request.json() or {}
        if request.params["id"] not in self.state["orders"]:
            return invalid_order_id()
        items = body.get("line_items") or []
        try:
            refund = self.add_refund(int(request.params["id"]),
                                     line_item_ids=[int(i["id"]) for i in items] or None,
                                     amount=body.get("amount"), reason=str(body.get("reason") or ""),
                                     quantities={int(i["id"]): int(i["quantity"]) for i in items if i.get("quantity")})
        except (ValueError, KeyError, InvalidOperation) as exc:
            return wp_error("woocommerce_rest_cannot_create_order_refund", str(exc), 400)
        return json_response(self.render_refund(refund, int(request.params["id"]), request.base_url), 201)

    def list_taxes(self, request: Request) -> Response:
        taxes = [{**rate, "_links": {"self": [{"href": f"{request.base_url}{API}/taxes/{rate['id']}"}]}}
                 for rate in data.TAX_RATES]
        return self._page(request, taxes, lambda rate: rate)

    def list_gateways(self, request: Request) -> Response:
        return json_response([
            {"id": gateway_id, "title": title, "description": "", "order": position, "enabled": enabled,
             "method_title": title, "method_description": "", "method_supports": ["products", "refunds"],
             "settings": {}, "_links": {"self": [{"href": f"{request.base_url}{API}/payment_gateways/{gateway_id}"}]}}
            for position, (gateway_id, title, enabled) in enumerate(data.PAYMENT_GATEWAYS)])

    def _page(self, request: Request, items: list, render: Callable[[dict], dict]) -> Response:
        try:
            page, per_page = _positive(request, "page", 1, None), _positive(request, "per_page", 10, 100)
        except ValueError as exc:
            return invalid_param(*exc.args)
        total, pages = len(items), ceil(len(items) / per_page)
        chunk = items[(page - 1) * per_page: page * per_page]
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        link = page_links(request, page, pages)
        if link:
            headers["Link"] = link
        return json_response([render(item) for item in chunk], 200, headers)

    # --- data operations (also used by tests and the demo) -----------------------------------------
    def store_order(self, spec: data.Spec, status: str, created_at: datetime | None = None,
                    created_via: str = "checkout") -> dict:
        now = self.clock()
        # An order appears when it is saved: a checkout started a few minutes ago, paid just now.
        created = created_at or now - timedelta(seconds=self.random.randint(60, 300))
        paid = created + timedelta(seconds=self.random.randint(20, 180))
        paid = min(paid, now) if created_at is None else paid
        with self.lock:
            order = data.build_order(self._next("next_id"), spec, status, created, paid, self.random,
                                     self.next_item_id)
            order["created_via"] = created_via
            self.state["orders"][str(order["id"])] = order
            self._emit("order.created", order)
        return order

    def generate_order(self, scenario: str = "normal", status: str = "processing",
                       created_at: datetime | None = None) -> dict:
        """A new order for one of `woo_data.SCENARIOS`; "pending"/"on_hold" set their own status."""
        spec = data.scenario_spec(scenario, self.random)
        order = self.store_order(spec, SCENARIO_STATUS.get(scenario, status), created_at)
        self.save()
        return copy.deepcopy(order)

    def set_status(self, order_id: int, status: str) -> dict:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        now = self.clock()
        with self.lock:
            order = self.state["orders"][str(order_id)]
            order["status"] = status
            if status in ("processing", "completed") and not order["date_paid_gmt"]:
                data.mark_paid(order, self.random, now)
            if status == "completed":
                data.set_date(order, "date_completed", now)
            data.set_date(order, "date_modified", now)
            self._emit("order.updated", order)
        self.save()
        return copy.deepcopy(order)

    def add_refund(self, order_id: int, line_item_ids: list[int] | None = None, amount=None, reason: str = "",
                   quantities: dict[int, int] | None = None) -> dict:
        """A WooCommerce-style refund: of the given lines (full quantity unless `quantities` says
        otherwise), of an amount only, or, with neither and no earlier refund, of the whole order."""
        now = self.clock()
        with self.lock:
            order = self.state["orders"][str(order_id)]
            remaining = Decimal(order["total"]) + sum((Decimal(r["total"]) for r in order["refunds"]), ZERO)
            lines = self._refund_lines(order, line_item_ids, quantities or {}, full=amount is None)
            value = None if amount is None else Decimal(str(amount))
            if value is None and not line_item_ids:
                value = remaining  # everything that is left, shipping included
            refund = data.build_refund(self._next("next_id"), lines, value, reason, now, self.next_item_id)
            refunded = Decimal(refund["amount"])
            if refunded <= 0 or refunded > remaining:
                raise ValueError("Invalid refund amount.")
            self.state["refunds"].setdefault(str(order_id), []).insert(0, refund)
            order["refunds"].insert(0, {"id": refund["id"], "reason": reason, "total": fmt(-refunded)})
            data.set_date(order, "date_modified", now)
            if refunded == remaining:
                order["status"] = "refunded"
            self._emit("order.updated", order)
        self.save()
        return copy.deepcopy(refund)

    @staticmethod
    def _refund_lines(order: dict, ids: list[int] | None, quantities: dict[int, int], full: bool):
        items = {item["id"]: item for item in order["line_items"]}
        if not ids:
            # "Refund everything" from the order screen: every line, when nothing was refunded yet.
            return [(item, item["quantity"]) for item in order["line_items"]] if full and not order["refunds"] else []
        if any(i not in items for i in ids):
            raise ValueError("Invalid line item ID.")
        lines = [(items[i], quantities.get(i, items[i]["quantity"])) for i in ids]
        if any(not 0 < quantity <= item["quantity"] for item, quantity in lines):
            raise ValueError("Invalid refund quantity.")
        return lines

    def _set_meta(self, order: dict, key: str, value) -> None:
        for meta in order["meta_data"]:
            if meta["key"] == key:
                meta["value"] = value
                return
        order["meta_data"].append({"id": self.next_item_id(), "key": key, "value": value})

    # --- webhooks ----------------------------------------------------------------------------------
    def add_webhook(self, topic: str, delivery_url: str, secret: str = "", name: str = "",
                    site_url: str = "http://127.0.0.1") -> dict:
        """Create a webhook as WooCommerce does (then ping it); raises ValueError on a bad topic or URL."""
        if not WEBHOOK_TOPIC.match(topic or ""):
            raise ValueError("topic")
        if not str(delivery_url or "").startswith(("http://", "https://")):
            raise ValueError("delivery_url")
        now = self.clock()
        with self.lock:
            webhook_id = self._next("next_id")
            webhook = {"id": webhook_id, "name": name or f"Webhook created on {now:%b %d, %Y @ %H:%M %p}",
                       "status": "active", "topic": topic, "delivery_url": delivery_url, "failures": 0,
                       # WooCommerce's default secret when none is given: a hash tied to the user.
                       "secret": secret or hashlib.md5(f"1-{webhook_id}".encode()).hexdigest(),
                       "site_url": site_url.rstrip("/")}
            data.set_date(webhook, "date_created", now)
            data.set_date(webhook, "date_modified", now)
            self.state.setdefault("webhooks", {})[str(webhook_id)] = webhook
            self.sender.send(Delivery(delivery_url, f"webhook_id={webhook_id}".encode(), {
                "Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT},
                partial(self._pinged, webhook_id)))
        self.save()
        return copy.deepcopy(webhook)

    def _emit(self, topic: str, order: dict) -> None:
        """Queue a delivery to every active webhook for `topic` (under the lock; posted later)."""
        for webhook in list(self.state.get("webhooks", {}).values()):
            if webhook["topic"] != topic or webhook["status"] != "active":
                continue
            # PHP's wp_json_encode: compact, with "/" escaped; the signature covers exactly these bytes.
            raw = json.dumps(self.render_order(order, webhook["site_url"]), separators=(",", ":"))
            body = raw.replace("/", "\\/").encode()
            resource, event = topic.split(".", 1)
            headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT,
                       "X-WC-Webhook-Source": webhook["site_url"] + "/", "X-WC-Webhook-Topic": topic,
                       "X-WC-Webhook-Resource": resource, "X-WC-Webhook-Event": event,
                       "X-WC-Webhook-Signature": base64.b64encode(
                           hmac.new(webhook["secret"].encode(), body, hashlib.sha256).digest()).decode(),
                       "X-WC-Webhook-ID": str(webhook["id"]),
                       "X-WC-Webhook-Delivery-ID": hashlib.md5(f"{webhook['id']}{time.time()}".encode()).hexdigest()}
            self.sender.send(Delivery(webhook["delivery_url"], body, headers, partial(self._delivered, webhook["id"])))

    def _pinged(self, webhook_id: int, status: int | None) -> None:
        # A webhook whose ping is not answered with 2xx is not activated.
        if status is None or not 200 <= status < 300:
            self._update_webhook(webhook_id, status="disabled")

    def _delivered(self, webhook_id: int, status: int | None) -> None:
        with self.lock:
            webhook = self.state.get("webhooks", {}).get(str(webhook_id))
            if webhook is None:
                return
            # WooCommerce counts 200-302 as delivered; five failures in a row disable the webhook.
            webhook["failures"] = 0 if status is not None and 200 <= status <= 302 else webhook["failures"] + 1
            if webhook["failures"] >= MAX_WEBHOOK_FAILURES:
                webhook["status"] = "disabled"

    def _update_webhook(self, webhook_id: int, **changes) -> None:
        with self.lock:
            webhook = self.state.get("webhooks", {}).get(str(webhook_id))
            if webhook is not None:
                webhook.update(changes)

    @staticmethod
    def render_webhook(webhook: dict, base_url: str) -> dict:
        resource, event = webhook["topic"].split(".", 1)
        body = {key: webhook[key] for key in WEBHOOK_KEYS}
        body.update(resource=resource, event=event, hooks=WEBHOOK_HOOKS.get(webhook["topic"], []))
        body["_links"] = {"self": [{"href": f"{base_url}{API}/webhooks/{webhook['id']}"}],
                          "collection": [{"href": f"{base_url}{API}/webhooks"}]}
        return body

    def list_webhooks(self, request: Request) -> Response:
        webhooks = sorted(self.state.get("webhooks", {}).values(), key=lambda w: w["id"])
        return self._page(request, webhooks, lambda w: self.render_webhook(w, request.base_url))

    def get_webhook(self, request: Request) -> Response:
        webhook = self.state.get("webhooks", {}).get(request.params["id"])
        if webhook is None:
            return wp_error("woocommerce_rest_webhook_invalid_id", "Invalid ID.", 404)
        return json_response(self.render_webhook(webhook, request.base_url))

    def create_webhook(self, request: Request) -> Response:
        body = request.json() or {}
        try:
            webhook = self.add_webhook(str(body.get("topic") or ""), str(body.get("delivery_url") or ""),
                                       str(body.get("secret") or ""), str(body.get("name") or ""), request.base_url)
        except ValueError as exc:
            return invalid_param(exc.args[0], f"{exc.args[0]} is not valid.")
        return json_response(self.render_webhook(webhook, request.base_url), 201)

    def delete_webhook(self, request: Request) -> Response:
        if (request.arg("force") or "").lower() not in ("1", "true"):
            return wp_error("woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.", 501)
        webhook = self.state.get("webhooks", {}).pop(request.params["id"], None)
        if webhook is None:
            return wp_error("woocommerce_rest_webhook_invalid_id", "Invalid ID.", 404)
        self.save()
        return json_response(self.render_webhook(webhook, request.base_url))

    # --- the demo stream ---------------------------------------------------------------------------
    def demo_tick(self) -> dict:
        """One step of a believable shop: mostly a new order, sometimes a payment arriving or an
        order being completed, rarely a refund. Returns what happened."""
        roll = self.random.random()
        if roll < 0.12 and (order := self._oldest("pending", "on-hold")):
            self.set_status(order["id"], "processing")
            return {"action": "paid", "order": order["id"]}
        if roll < 0.20 and (order := self._oldest("processing")):
            self.set_status(order["id"], "completed")
            return {"action": "completed", "order": order["id"]}
        if roll < 0.23 and (order := self._random_completed()):
            return {"action": "refund", "order": order["id"], "refund": self._demo_refund(order)["id"]}
        scenario = self.random.choices(list(DEMO_WEIGHTS), weights=list(DEMO_WEIGHTS.values()))[0]
        order = self.generate_order(scenario)
        return {"action": "order", "order": order["id"], "scenario": scenario}

    def _oldest(self, *statuses: str) -> dict | None:
        with self.lock:
            candidates = [o for o in self.state["orders"].values() if o["status"] in statuses]
        return min(candidates, key=lambda o: o["id"], default=None)

    def _random_completed(self) -> dict | None:
        with self.lock:
            candidates = [o for o in self.state["orders"].values() if o["status"] == "completed" and not o["refunds"]]
        return self.random.choice(candidates) if candidates else None

    def _demo_refund(self, order: dict) -> dict:
        if len(order["line_items"]) > 1 and self.random.random() < 0.6:
            item = self.random.choice(order["line_items"])
            return self.add_refund(order["id"], [item["id"]], reason="Retour: past niet")
        return self.add_refund(order["id"], reason="Bestelling geannuleerd door klant")

    # --- admin routes (the shared ones in ShopSimulator) -------------------------------------------
    def admin_order(self, order: dict, request: Request) -> dict:
        return self.render_order(order, request.base_url)

    def admin_refund(self, order_id: int, body: dict, request: Request) -> Response:
        refund = self.add_refund(order_id, body.get("line_item_ids"), body.get("amount"),
                                 str(body.get("reason") or ""))
        return json_response(self.render_refund(refund, order_id, request.base_url), 201)

    def admin_error(self, status: int, message: str) -> Response:
        return invalid_order_id() if status == 404 else json_response({"error": message}, status)

SCENARIO_STATUS = {"pending": "pending", "on_hold": "on-hold"}
USER_AGENT = f"WooCommerce/{data.WC_VERSION} Hookshot (WordPress/6.5.3)"
WEBHOOK_TOPIC = re.compile(r"^((order|customer|product|coupon)\.(created|updated|deleted|restored)|action\.[\w-]+)$")
WEBHOOK_KEYS = ("id", "name", "status", "topic", "delivery_url", "date_created", "date_created_gmt",
                "date_modified", "date_modified_gmt")
WEBHOOK_HOOKS = {"order.created": ["woocommerce_new_order"], "order.updated": ["woocommerce_update_order"],
                 "order.deleted": ["wp_trash_post"], "order.restored": ["untrashed_post"]}
MAX_WEBHOOK_FAILURES = 5
DEMO_WEIGHTS = {"normal": 50, "mixed_rates": 18, "coupon": 10, "pending": 8, "on_hold": 2,
                "shipping_no_vat": 3, "icp_valid": 4, "icp_missing": 2, "unmapped_payment": 3}
ORDER_KEYS = ("id", "parent_id", "number", "order_key", "created_via", "version", "status", "currency",
              "date_created", "date_created_gmt", "date_modified", "date_modified_gmt", "discount_total",
              "discount_tax", "shipping_total", "shipping_tax", "cart_tax", "total", "total_tax",
              "prices_include_tax", "customer_id", "customer_ip_address", "customer_user_agent",
              "customer_note", "billing", "shipping", "payment_method", "payment_method_title",
              "transaction_id", "date_paid", "date_paid_gmt", "date_completed", "date_completed_gmt",
              "cart_hash", "meta_data", "line_items", "tax_lines", "shipping_lines", "fee_lines",
              "coupon_lines", "refunds")
REFUND_KEYS = ("id", "date_created", "date_created_gmt", "amount", "reason", "refunded_by",
               "refunded_payment", "meta_data", "line_items")


def _number(text: str) -> int | float:
    # WooCommerce sends a line's `price` as a JSON number (PHP float); the simulator does the same
    # so that connectors are tested on it. The state keeps the exact string.
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def invalid_order_id() -> Response:
    return wp_error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 404)


def _positive(request: Request, name: str, default: int, maximum: int | None) -> int:
    raw = request.arg(name)
    try:
        value = default if raw in (None, "") else int(raw)
    except ValueError:
        value = 0
    if value < 1 or (maximum and value > maximum):
        bounds = f"between 1 (inclusive) and {maximum} (inclusive)" if maximum else "at least 1"
        raise ValueError(name, f"{name} must be {bounds}")
    return value


def page_links(request: Request, page: int, pages: int) -> str:
    params = {k: v[-1] for k, v in request.query.items() if not k.startswith(("oauth_", "consumer_"))}
    base = f"{request.base_url}{request.path}"
    links = []
    if page > 1:
        links.append(f'<{base}?{urlencode({**params, "page": min(page - 1, max(pages, 1))})}>; rel="prev"')
    if page < pages:
        links.append(f'<{base}?{urlencode({**params, "page": page + 1})}>; rel="next"')
    return ", ".join(links)


def _date_param(request: Request, name: str, gmt: bool) -> str | None:
    raw = request.arg(name)
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(name, "Invalid date.") from None
    if moment.tzinfo:
        moment = moment.astimezone(UTC if gmt else data.SITE_TZ)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def order_filters(request: Request) -> dict:
    gmt = (request.arg("dates_are_gmt") or "").lower() in ("1", "true")
    statuses = ",".join(request.query.get("status", []) + request.query.get("status[]", [])) or "any"
    wanted = set(statuses.split(","))
    if not wanted <= {"any", *STATUSES}:
        raise ValueError("status", f"status is not one of any, {', '.join(STATUSES)}.")
    orderby, order = request.arg("orderby", "date"), request.arg("order", "desc")
    if orderby not in ORDERBY:
        raise ValueError("orderby", f"orderby is not one of {', '.join(ORDERBY)}.")
    if order not in ("asc", "desc"):
        raise ValueError("order", "order is not one of asc, desc.")
    suffix = "_gmt" if gmt else ""
    dates = {name: (column + suffix, _date_param(request, name, gmt)) for name, column in
             (("after", "date_created"), ("before", "date_created"),
              ("modified_after", "date_modified"), ("modified_before", "date_modified"))}
    return {"statuses": None if "any" in wanted else wanted, "dates": dates, "orderby": orderby, "order": order}


def order_matches(order: dict, filters: dict) -> bool:
    if filters["statuses"] is not None and order["status"] not in filters["statuses"]:
        return False
    if filters["statuses"] is None and order["status"] == "trash":
        return False
    for name, (column, bound) in filters["dates"].items():
        # WordPress date queries are exclusive: strictly after / strictly before.
        if bound and not (order[column] > bound if name.endswith("after") else order[column] < bound):
            return False
    return True


def spec_from_body(body: dict, rnd: random.Random) -> data.Spec:
    """POST /orders: products by product_id from the simulator's catalogue."""
    products = [(data.PRODUCT_BY_ID[int(item["product_id"])], int(item.get("quantity", 1)))
                for item in body.get("line_items") or []]
    if not products:
        raise ValueError("no line_items")
    billing = {**data.random_consumer(rnd), **(body.get("billing") or {})}
    meta = {m.get("key"): m.get("value") for m in body.get("meta_data") or []}
    codes = [c.get("code", "").lower() for c in body.get("coupon_lines") or []]
    return data.Spec(products, billing, body.get("payment_method") or "bacs",
                     coupon=next((c for c in codes if c in data.COUPONS), ""),
                     shipping=bool(body.get("shipping_lines")), vat_exempt=meta.get("is_vat_exempt") == "yes",
                     vat_number=str(meta.get("_billing_vat_number") or ""))
