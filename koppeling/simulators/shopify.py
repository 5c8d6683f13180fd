"""A Shopify shop behind the Admin GraphQL API, for tests and the demo.

It answers the Koppeling connector's own GraphQL operations (recognised by operation name and
variables, not by parsing GraphQL), with Shopify's cost extension and a leaky bucket: a query
whose requested cost the bucket cannot cover gets a THROTTLED error. Also: cursor pagination, the
`updated_at:>=` search filter, the OAuth install flow (consent page, redirect with code + hmac,
access_token), and webhooks signed with the app's client secret (REST-shaped bodies).

Admin routes for tests and the demo (no authentication):
  POST /_sim/orders {"count": 3, "scenario": "discount", "status": "PAID", "created_at": "..."}
  POST /_sim/orders/<id>/status {"status": "PAID"}
  POST /_sim/orders/<id>/refund {"line_item_ids": [..], "amount": "10.00", "note": "..", "shipping": true}
  POST /_sim/tick   one step of the demo stream
  GET|POST|DELETE /_sim/webhooks {"topic": "orders/create", "address": "https://..."}
  POST /_sim/throttle {"size": 1000, "restore_rate": 50, "available": 1000}
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import html
import json
import re
import secrets
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from koppeling.simulators import shopify_data as data
from koppeling.simulators.base import Request, Response, html_response, json_response, redirect
from koppeling.simulators.oauth_server import consent_page
from koppeling.simulators.shop import ShopSimulator
from koppeling.simulators.webhook_sender import Delivery

DEMO_SHOP_DOMAIN = "koppeling-demo.myshopify.com"
DEMO_ACCESS_TOKEN = "shpat_demo_koppeling_00000000000000000000"
DEMO_CLIENT_ID = "koppeling-demo"  # the defaults of settings.SHOPIFY_CLIENT_ID / _SECRET
DEMO_CLIENT_SECRET = "koppeling-demo-secret"
SCOPES = ("read_orders", "read_all_orders", "read_customers")
MAX_QUERY_COST = 1000
MAX_PAGE = 250
MAX_WEBHOOK_FAILURES = 8  # then Shopify removes a subscription made through the API
INVALID_TOKEN = "[API] Invalid API key or access token (unrecognized login or wrong password)"
SEARCH_TERM = re.compile(r"(created_at|updated_at|processed_at):(>=|<=|>|<)?'?([0-9T:\-+.Z]+)'?")
TOPICS = {"ORDERS_CREATE": "orders/create", "ORDERS_UPDATED": "orders/updated", "ORDERS_PAID": "orders/paid",
          "ORDERS_CANCELLED": "orders/cancelled", "REFUNDS_CREATE": "refunds/create"}


def graphql_error(message: str, code: str, status: int = 200, **extensions) -> Response:
    return json_response({"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}, status)


def encode_cursor(order: dict) -> str:
    return base64.b64encode(json.dumps({"last_id": order["id"], "last_value": order["updated_at"]}).encode()).decode()


def decode_cursor(cursor: str | None) -> tuple[str, int] | None:
    if not cursor:
        return None
    try:
        value = json.loads(base64.b64decode(cursor))
        return str(value["last_value"]), int(value["last_id"])
    except (ValueError, KeyError, TypeError):
        raise ValueError("Invalid cursor") from None


def search_filters(query: str | None) -> list[tuple[str, str, str]]:
    """(field, comparator, UTC stamp) for each date term of a search query; other terms are ignored."""
    filters = []
    for field, op, value in SEARCH_TERM.findall(query or ""):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        filters.append((field, op or ":", data.stamp(moment)))
    return filters


def matches(order: dict, filters: list[tuple[str, str, str]]) -> bool:
    checks = {">=": str.__ge__, "<=": str.__le__, ">": str.__gt__, "<": str.__lt__, ":": str.__ge__}
    return all(checks[op](order[field], value) for field, op, value in filters)


def callback_hmac(params: dict[str, str], secret: str) -> str:
    message = "&".join(f"{key}={params[key]}" for key in sorted(params))
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


class ShopifySimulator(ShopSimulator):
    name = "shopify"

    def __init__(self, state_file: Path | str | None = None, seed: int | None = None, *,
                 shop_domain: str = DEMO_SHOP_DOMAIN, access_token: str = DEMO_ACCESS_TOKEN,
                 client_id: str = DEMO_CLIENT_ID, client_secret: str = DEMO_CLIENT_SECRET,
                 bucket_size: float = 1000.0, restore_rate: float = 50.0, throttle_status: int = 200,
                 clock: Callable[[], datetime] | None = None, cost_clock: Callable[[], float] = time.monotonic):
        self.shop_domain, self.access_token = shop_domain, access_token
        self.client_id, self.client_secret = client_id, client_secret
        self.clock = clock or (lambda: datetime.now(UTC))
        self.cost_clock = cost_clock
        self.bucket_size, self.restore_rate, self.throttle_status = bucket_size, restore_rate, throttle_status
        self.available, self._refilled_at = bucket_size, cost_clock()
        super().__init__(state_file, seed)

    def initial_state(self) -> dict:
        return {"next_id": 5739344200000, "next_number": 1000, "orders": {}, "codes": {}, "webhooks": {},
                "tokens": {self.access_token: {"scope": ",".join(SCOPES), "client_id": self.client_id}}}

    def load(self) -> None:
        super().load()
        # A saved state from another run still accepts this run's configured token.
        self.state.setdefault("tokens", {}).setdefault(self.access_token,
                                                       {"scope": ",".join(SCOPES), "client_id": self.client_id})

    def routes(self) -> None:
        self.add_route("POST", r"/admin/api/(?P<version>\d{4}-\d{2}|unstable)/graphql\.json", self.graphql)
        self.add_route("GET", r"/admin/oauth/authorize", self.authorize_page)
        self.add_route("POST", r"/admin/oauth/authorize", self.authorize_decision)
        self.add_route("POST", r"/admin/oauth/access_token", self.access_token_route)

    def _dispatch(self, request: Request) -> Response:
        with self.lock:  # one request at a time: the demo thread changes orders meanwhile
            return super()._dispatch(request)

    def _new_id(self) -> int:
        with self.lock:
            self.state["next_id"] += 1
            return self.state["next_id"]

    # --- GraphQL -----------------------------------------------------------------------------------
    OPERATIONS = {"KoppelingShop": "op_shop", "KoppelingOrderIds": "op_order_ids", "KoppelingOrder": "op_order",
                  "KoppelingOrderLineItems": "op_order_lines", "KoppelingRefund": "op_refund",
                  "KoppelingRefundLineItems": "op_refund_lines", "KoppelingGateways": "op_gateways",
                  "KoppelingWebhookCreate": "op_webhook_create"}

    def graphql(self, request: Request) -> Response:
        token = request.headers.get("x-shopify-access-token") or ""
        if token not in self.state["tokens"]:
            return json_response({"errors": INVALID_TOKEN}, 401)
        try:
            body = request.json() or {}
        except ValueError:
            return graphql_error("Invalid JSON in request body", "BAD_REQUEST", 400)
        variables, name = body.get("variables") or {}, body.get("operationName") or self._operation(body)
        handler = getattr(self, self.OPERATIONS.get(name, ""), None)
        if handler is None and "webhookSubscriptionCreate" in (body.get("query") or ""):
            name, handler = "KoppelingWebhookCreate", self.op_webhook_create
        if handler is None:
            return graphql_error(f"Field '{name}' doesn't exist on type 'QueryRoot'", "undefinedField")
        try:
            requested = self.requested_cost(name, variables)
            if requested > MAX_QUERY_COST:
                return graphql_error(f"Query cost is {requested}, which exceeds the single query max cost limit "
                                     f"({MAX_QUERY_COST}).", "MAX_COST_EXCEEDED", cost=requested,
                                     maxCost=MAX_QUERY_COST)
            if not self._refill_covers(requested):
                return self._throttled(requested)
            result, actual = handler(variables, token)
        except ValueError as exc:
            return graphql_error(str(exc), "BAD_REQUEST")
        self.available -= actual
        answer = {"data": result, "extensions": {"cost": self._cost(requested, actual)}}
        return json_response(answer, 200, {"X-Shopify-API-Version": request.params["version"]})

    @staticmethod
    def _operation(body: dict) -> str:
        found = re.search(r"\b(?:query|mutation)\s+(\w+)", body.get("query") or "")
        return found.group(1) if found else ""

    # --- cost and the leaky bucket -----------------------------------------------------------------
    @staticmethod
    def requested_cost(name: str, v: dict) -> int:
        first = int(v.get("first") or v.get("lineItems") or 0)
        if first > MAX_PAGE:
            raise ValueError(f"The first argument cannot exceed {MAX_PAGE}.")
        return {"KoppelingShop": 3, "KoppelingOrderIds": 2 + first, "KoppelingOrder": 154 + 7 * first,
                "KoppelingOrderLineItems": 3 + 7 * first, "KoppelingRefund": 170 + 9 * first,
                "KoppelingRefundLineItems": 3 + 9 * first, "KoppelingGateways": 102,
                "KoppelingWebhookCreate": 10}.get(name, 1)

    def _refill_covers(self, requested: float) -> bool:
        now = self.cost_clock()
        self.available = min(self.bucket_size, self.available + (now - self._refilled_at) * self.restore_rate)
        self._refilled_at = now
        return self.available >= requested

    def _cost(self, requested: float, actual: float | None) -> dict:
        return {"requestedQueryCost": requested, "actualQueryCost": actual,
                "throttleStatus": {"maximumAvailable": float(self.bucket_size),
                                   "currentlyAvailable": int(self.available), "restoreRate": float(self.restore_rate)}}

    def _throttled(self, requested: float) -> Response:
        return json_response({"errors": [{"message": "Throttled", "extensions": {
            "code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}],
            "extensions": {"cost": self._cost(requested, None)}}, self.throttle_status)

    def set_throttle(self, size: float | None = None, restore_rate: float | None = None,
                     available: float | None = None) -> None:
        with self.lock:
            self._refill_covers(0)
            self.bucket_size = float(size if size is not None else self.bucket_size)
            self.restore_rate = float(restore_rate if restore_rate is not None else self.restore_rate)
            self.available = min(self.bucket_size, float(available if available is not None else self.available))

    # --- operations: each returns (data, actual cost) ----------------------------------------------
    def op_shop(self, v: dict, token: str):
        scopes = self.state["tokens"][token]["scope"].split(",")
        return {"shop": {"name": "Koppeling Demo Winkel", "myshopifyDomain": self.shop_domain, "currencyCode": "EUR"},
                "currentAppInstallation": {"accessScopes": [{"handle": s} for s in scopes if s]}}, 2

    def op_order_ids(self, v: dict, token: str):
        first, after = int(v.get("first") or 0), decode_cursor(v.get("after"))
        if first < 1:
            raise ValueError("You must provide one of first or last.")
        filters = search_filters(v.get("query"))
        orders = sorted((o for o in self.state["orders"].values() if matches(o, filters)),
                        key=lambda o: (o["updated_at"], o["id"]))
        if after:
            orders = [o for o in orders if (o["updated_at"], o["id"]) > after]
        page = orders[:first]
        nodes = [{"id": data.gid("Order", o["id"]), "legacyResourceId": str(o["id"]), "updatedAt": o["updated_at"]}
                 for o in page]
        info = {"hasNextPage": len(orders) > first, "endCursor": encode_cursor(page[-1]) if page else None}
        return {"orders": {"pageInfo": info, "nodes": nodes}}, 2 + len(page)

    def _order_by_gid(self, value: str) -> dict | None:
        if not str(value or "").startswith("gid://shopify/Order/"):
            raise ValueError(f"Invalid global id '{value}'")
        return self.state["orders"].get(str(value).rsplit("/", 1)[-1])

    def op_order(self, v: dict, token: str):
        order = self._order_by_gid(v.get("id"))
        if order is None:
            return {"order": None}, 1
        metafield = f"{v.get('vatNamespace')}.{v.get('vatKey')}" if v.get("withVatMetafield") else None
        node = data.graphql_order(order, int(v.get("lineItems") or 50), metafield)
        actual = 20 + 7 * len(node["lineItems"]["nodes"]) + 7 * len(order["shipping_lines"]) + 3 * len(order["refunds"])
        return {"order": node}, actual

    def op_order_lines(self, v: dict, token: str):
        order = self._order_by_gid(v.get("id"))
        if order is None:
            return {"order": None}, 1
        page = data.connection(order["line_items"], int(v["first"]), v.get("after"), data.gql_line_item)
        return {"order": {"lineItems": page}}, 3 + 7 * len(page["nodes"])

    def _refund_by_gid(self, value: str) -> tuple[dict, dict] | tuple[None, None]:
        if not str(value or "").startswith("gid://shopify/Refund/"):
            raise ValueError(f"Invalid global id '{value}'")
        refund_id = int(str(value).rsplit("/", 1)[-1])
        for order in self.state["orders"].values():
            for refund in order["refunds"]:
                if refund["id"] == refund_id:
                    return order, refund
        return None, None

    def op_refund(self, v: dict, token: str):
        order, refund = self._refund_by_gid(v.get("id"))
        if refund is None:
            return {"refund": None}, 1
        node = data.graphql_refund(order, refund, int(v.get("lineItems") or 50))
        return {"refund": node}, 20 + 9 * len(node["refundLineItems"]["nodes"])

    def op_refund_lines(self, v: dict, token: str):
        order, refund = self._refund_by_gid(v.get("id"))
        if refund is None:
            return {"refund": None}, 1
        page = data.connection(refund["line_items"], int(v["first"]), v.get("after"),
                               lambda line: data.gql_refund_line(order, line))
        return {"refund": {"refundLineItems": page}}, 3 + 9 * len(page["nodes"])

    def op_gateways(self, v: dict, token: str):
        recent = sorted(self.state["orders"].values(), key=lambda o: (o["processed_at"], o["id"]), reverse=True)[:100]
        return {"orders": {"nodes": [{"paymentGatewayNames": [o["gateway"]]} for o in recent]}}, 2 + len(recent)

    def op_webhook_create(self, v: dict, token: str):
        given = v.get("webhookSubscription") or {}
        topic = TOPICS.get(str(v.get("topic") or ""))
        address = v.get("uri") or v.get("callbackUrl") or given.get("uri") or given.get("callbackUrl") or ""
        if topic is None or not address.startswith(("http://", "https://")):
            errors = [{"field": ["webhookSubscription"], "message": "Topic or address is invalid"}]
            return {"webhookSubscriptionCreate": {"webhookSubscription": None, "userErrors": errors}}, 10
        if any(s["topic"] == topic and s["address"] == address for s in self.state["webhooks"].values()):
            errors = [{"field": ["webhookSubscription", "callbackUrl"],
                       "message": "Address for this topic has already been taken"}]
            return {"webhookSubscriptionCreate": {"webhookSubscription": None, "userErrors": errors}}, 10
        subscription = self.add_webhook(topic, address)
        node = {"id": data.gid("WebhookSubscription", subscription["id"]), "topic": v["topic"]}
        return {"webhookSubscriptionCreate": {"webhookSubscription": node, "userErrors": []}}, 10

    # --- OAuth -------------------------------------------------------------------------------------
    def authorize_page(self, request: Request) -> Response:
        if request.arg("client_id") != self.client_id or not request.arg("redirect_uri"):
            return html_response("<h1>Oauth error invalid_request</h1><p>The client_id or redirect_uri is "
                                 "invalid.</p>", 400)
        scopes = "".join(f"<li>{html.escape(s)}</li>" for s in (request.arg("scope") or "").split(","))
        return consent_page(
            "Shopify", f"<h1>App installeren in {html.escape(self.shop_domain)}</h1><p>De app vraagt om:</p>"
            f"<ul>{scopes}</ul>", "/admin/oauth/authorize",
            {k: request.arg(k) or "" for k in ("client_id", "redirect_uri", "state", "scope")},
            (("install", "App installeren"), ("cancel", "Annuleren")))

    def authorize_decision(self, request: Request) -> Response:
        form = request.form()
        if form.get("client_id") != self.client_id or not form.get("redirect_uri"):
            return html_response("<h1>Oauth error invalid_request</h1>", 400)
        if form.get("decision") != "install":
            return html_response("<h1>Installatie geannuleerd</h1>")
        code = secrets.token_hex(16)
        scope = ",".join(s for s in form.get("scope", "").split(",") if s in SCOPES)
        self.state["codes"][code] = {"scope": scope, "expires_at": time.time() + 600}
        params = {"code": code, "host": base64.b64encode(f"{self.shop_domain}/admin".encode()).decode().rstrip("="),
                  "shop": self.shop_domain, "state": form.get("state", ""), "timestamp": str(int(time.time()))}
        params["hmac"] = callback_hmac(params, self.client_secret)
        target = form["redirect_uri"]
        return redirect(target + ("&" if "?" in target else "?") + urlencode(params))

    def access_token_route(self, request: Request) -> Response:
        content_type = request.headers.get("content-type") or ""
        form = request.json() if "json" in content_type else request.form()
        form = form or {}
        if form.get("client_id") != self.client_id or not hmac.compare_digest(
                str(form.get("client_secret") or ""), self.client_secret):
            return json_response({"error": "invalid_client", "error_description": "Client credentials are invalid"},
                                 401)
        grant = self.state["codes"].pop(str(form.get("code") or ""), None)  # single use
        if grant is None or grant["expires_at"] < time.time():
            return json_response({"error": "invalid_request",
                                  "error_description": "The authorization code was not found or was already used"},
                                 400)
        token = f"shpat_{secrets.token_hex(16)}"
        self.state["tokens"][token] = {"scope": grant["scope"], "client_id": self.client_id}
        self.save()
        return json_response({"access_token": token, "scope": grant["scope"]})

    # --- data operations (also used by tests and the demo) -----------------------------------------
    def generate_order(self, scenario: str = "normal", status: str | None = None,
                       created_at: datetime | None = None) -> dict:
        """A new order for one of `shopify_data.SCENARIOS` ("pending" sets its own status)."""
        spec = data.scenario_spec(scenario, self.random)
        if status and scenario != "pending":
            spec.status = status
        now = self.clock()
        created = created_at or now - timedelta(seconds=self.random.randint(60, 300))
        paid = created + timedelta(seconds=self.random.randint(20, 180)) if spec.status in data.PAID else None
        if paid and created_at is None:
            paid = min(paid, now)
        with self.lock:
            self.state["next_number"] += 1
            order = data.build_order(self._new_id(), self.state["next_number"], spec, created, paid, self.random,
                                     self._new_id)
            self.state["orders"][str(order["id"])] = order
            self._emit("orders/create", order)
            if spec.status in data.PAID:
                self._emit("orders/paid", order)
        self.save()
        return copy.deepcopy(order)

    def set_status(self, order_id: int, status: str) -> dict:
        if status not in data.STATUSES:
            raise ValueError(f"unknown status {status!r}")
        now = self.clock()
        with self.lock:
            order = self.state["orders"][str(order_id)]
            order["financial_status"] = status
            data.add_transaction(order, status, now, self._new_id)
            order["updated_at"] = data.stamp(now)
            self._emit("orders/updated", order)
            if status == "PAID":
                self._emit("orders/paid", order)
        self.save()
        return copy.deepcopy(order)

    def add_refund(self, order_id: int, line_item_ids: list[int] | None = None, amount=None, note: str = "",
                   shipping: bool | None = None, quantities: dict[int, int] | None = None) -> dict:
        """A refund of the given lines (their whole remaining quantity unless `quantities` says
        otherwise), of an amount only, or, with neither, of everything that is left."""
        now = self.clock()
        with self.lock:
            order = self.state["orders"][str(order_id)]
            whole = not line_item_ids and amount is None
            lines = self._refund_lines(order, line_item_ids, quantities or {}, whole)
            shipped_back = any(r["shipping"] for r in order["refunds"])
            ship = bool(shipping) if shipping is not None else whole and not shipped_back
            refund = data.build_refund(self._new_id(), order, lines, ship,
                                       None if amount is None else Decimal(str(amount)), note, now, self._new_id)
            sums = data.totals(order)
            refunded = Decimal(refund["amount"])
            if refunded <= 0 or refunded > sums["total"] - sums["refunded"]:
                raise ValueError("Refund amount is invalid.")
            order["refunds"].append(refund)
            order["financial_status"] = "REFUNDED" if refunded == sums["total"] - sums["refunded"] \
                else "PARTIALLY_REFUNDED"
            order["updated_at"] = data.stamp(now)
            self._emit("refunds/create", order, refund)
            self._emit("orders/updated", order)
        self.save()
        return copy.deepcopy(refund)

    @staticmethod
    def _refund_lines(order: dict, ids: list[int] | None, quantities: dict[int, int], whole: bool):
        items = {item["id"]: item for item in order["line_items"]}
        left = {i: items[i]["quantity"] - data.refunded_quantity(order, i) for i in items}
        if not ids:
            return [(items[i], left[i]) for i in items if left[i] > 0] if whole else []
        if any(int(i) not in items for i in ids):
            raise ValueError("Line item is invalid.")
        lines = [(items[int(i)], int(quantities.get(int(i), left[int(i)]))) for i in ids]
        if any(not 0 < quantity <= left[item["id"]] for item, quantity in lines):
            raise ValueError("Quantity is invalid.")
        return lines

    def order(self, order_id: int) -> dict:
        with self.lock:
            return copy.deepcopy(self.state["orders"][str(order_id)])

    # --- webhooks ----------------------------------------------------------------------------------
    def add_webhook(self, topic: str, address: str) -> dict:
        if topic not in TOPICS.values():
            raise ValueError(f"unknown topic {topic!r}")
        with self.lock:
            subscription = {"id": self._new_id(), "topic": topic, "address": address, "format": "json",
                            "failures": 0, "created_at": data.stamp(self.clock())}
            self.state["webhooks"][str(subscription["id"])] = subscription
        self.save()
        return dict(subscription)

    def _emit(self, topic: str, order: dict, refund: dict | None = None) -> None:
        """Queue one delivery per subscription to `topic` (under the lock; posted later)."""
        subscriptions = [s for s in self.state["webhooks"].values() if s["topic"] == topic]
        if not subscriptions:
            return
        payload = data.rest_refund(order, refund) if refund is not None else data.rest_order(order)
        body = json.dumps(payload).encode()
        signature = base64.b64encode(hmac.new(self.client_secret.encode(), body, hashlib.sha256).digest()).decode()
        for subscription in subscriptions:
            headers = {"Content-Type": "application/json", "X-Shopify-Topic": topic,
                       "X-Shopify-Hmac-Sha256": signature, "X-Shopify-Shop-Domain": self.shop_domain,
                       "X-Shopify-API-Version": "2026-07", "X-Shopify-Webhook-Id": str(uuid.uuid4()),
                       "X-Shopify-Event-Id": str(uuid.uuid4()), "X-Shopify-Triggered-At": data.stamp(self.clock())}
            self.sender.send(Delivery(subscription["address"], body, headers,
                                      partial(self._delivered, subscription["id"])))

    def _delivered(self, subscription_id: int, status: int | None) -> None:
        with self.lock:
            subscription = self.state["webhooks"].get(str(subscription_id))
            if subscription is None:
                return
            ok = status is not None and 200 <= status < 300
            subscription["failures"] = 0 if ok else subscription["failures"] + 1
            if subscription["failures"] >= MAX_WEBHOOK_FAILURES:
                del self.state["webhooks"][str(subscription_id)]

    # --- the demo stream ---------------------------------------------------------------------------
    def demo_tick(self) -> dict:
        """Mostly a new order, sometimes a pending payment arriving, rarely a refund."""
        roll = self.random.random()
        with self.lock:
            pending = sorted((o for o in self.state["orders"].values() if o["financial_status"] == "PENDING"),
                             key=lambda o: o["id"])
            paid = [o for o in self.state["orders"].values() if o["financial_status"] == "PAID"]
        if roll < 0.12 and pending:
            self.set_status(pending[0]["id"], "PAID")
            return {"action": "paid", "order": pending[0]["id"]}
        if roll < 0.16 and paid:
            order = self.random.choice(paid)
            item = self.random.choice(order["line_items"])
            refund = self.add_refund(order["id"], [item["id"]], note="Retour: past niet")
            return {"action": "refund", "order": order["id"], "refund": refund["id"]}
        scenario = self.random.choices(list(DEMO_WEIGHTS), weights=list(DEMO_WEIGHTS.values()))[0]
        return {"action": "order", "order": self.generate_order(scenario)["id"], "scenario": scenario}

    # --- admin routes (the shared ones in ShopSimulator) -------------------------------------------
    def admin_order(self, order: dict, request: Request) -> dict:
        return data.graphql_order(order)

    def admin_refund(self, order_id: int, body: dict, request: Request) -> Response:
        refund = self.add_refund(order_id, body.get("line_item_ids"), body.get("amount"),
                                 str(body.get("note") or ""), body.get("shipping"))
        return json_response({"refund": {"id": refund["id"], "amount": refund["amount"]}}, 201)

    def admin_error(self, status: int, message: str) -> Response:
        return json_response({"errors": message}, status)

    def shop_admin(self, request: Request) -> Response | None:
        if request.path == "/_sim/webhooks":
            return self._admin_webhooks(request)
        if request.method == "POST" and request.path == "/_sim/throttle":
            body = request.json() or {}
            self.set_throttle(body.get("size"), body.get("restore_rate"), body.get("available"))
            return json_response(self._cost(0, 0)["throttleStatus"])
        return None

    def _admin_webhooks(self, request: Request) -> Response:
        if request.method == "POST":
            body = request.json() or {}
            return json_response(self.add_webhook(body["topic"], body["address"]), 201)
        if request.method == "DELETE":
            with self.lock:
                self.state["webhooks"].clear()
            self.save()
        with self.lock:
            return json_response({"webhooks": list(self.state["webhooks"].values())})

DEMO_WEIGHTS = {"normal": 50, "mixed_rates": 18, "discount": 10, "pending": 8, "shipping_no_vat": 3,
                "icp_valid": 4, "icp_missing": 2, "unmapped_payment": 3}
