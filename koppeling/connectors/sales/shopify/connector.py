"""Shopify as a sales source: orders and refunds from the Admin GraphQL API as canonical sales.

config: {"shop_url": "https://mijnwinkel.myshopify.com", "api_version" (optional),
         "vat_attribute" (optional), "vat_metafield" (optional, "namespace.key")}
credentials: {"access_token", "client_id" / "client_secret" (optional: else the app's from
              settings.SHOPIFY_CLIENT_ID/SECRET), "previous_client_secret" (optional, during rotation)}
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from koppeling.connectors.base import (
    CheckResult,
    ConfigField,
    ConnectorError,
    OAuthConnect,
    Option,
    SalesDiscovery,
    SalesSource,
    WebhookResult,
)
from koppeling.connectors.sales.shopify import graphql, mapping, oauth, webhooks
from koppeling.connectors.sales.shopify.client import ShopifyClient, normalize_shop_url
from koppeling.sync.canonical import Sale

# A refunded order was paid first: booking it and then its credit note nets to zero. PARTIALLY_PAID
# is left out: booked then, it would never get its payment registered once paid in full.
DEFAULT_STATUSES = ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]
WEBHOOK_TOPICS = ("ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_PAID", "REFUNDS_CREATE")

# displayFinancialStatus with the labels Shopify's Dutch admin uses (plus our own for test orders).
STATUS_LABELS = {
    "PENDING": _lazy("Wacht op betaling"), "AUTHORIZED": _lazy("Geautoriseerd"), "PAID": _lazy("Betaald"),
    "PARTIALLY_PAID": _lazy("Gedeeltelijk betaald"), "PARTIALLY_REFUNDED": _lazy("Gedeeltelijk terugbetaald"),
    "REFUNDED": _lazy("Terugbetaald"), "VOIDED": _lazy("Geannuleerd"), "EXPIRED": _lazy("Verlopen"),
    mapping.TEST_STATUS: _lazy("Testbestelling"),
}


def search_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ShopifySource(SalesSource, OAuthConnect):
    key = "shopify"
    label = "Shopify"
    status_labels = STATUS_LABELS
    config_fields = [
        ConfigField("shop_url", _lazy("Adres van de winkel"),
                    help=_lazy("Het adres dat eindigt op .myshopify.com, bijvoorbeeld mijnwinkel.myshopify.com.")),
        ConfigField("access_token", _lazy("Admin API-toegangstoken"), secret=True, required=False,
                    help=_lazy("Van een eigen app (Instellingen > Apps > Apps ontwikkelen) met read_orders; "
                               "niet nodig als u via de knop Verbinden koppelt.")),
        ConfigField("client_secret", _lazy("Geheim van de app (API-geheim)"), secret=True, required=False,
                    help=_lazy("Nodig om webhooks te controleren: het API-geheim van de app, of de sleutel "
                               "onder Instellingen > Meldingen > Webhooks.")),
        ConfigField("vat_attribute", _lazy("Orderkenmerk met het btw-nummer van de klant"), required=False,
                    help=_lazy("Alleen nodig bij een ongebruikelijke naam; standaard zoeken we onder andere "
                               "vat_number en btw_nummer.")),
        ConfigField("vat_metafield", _lazy("Metaveld van de klant met het btw-nummer"), required=False,
                    help=_lazy("Bijvoorbeeld custom.vat_number (naamruimte.sleutel).")),
    ]

    def __init__(self, config: dict, credentials: dict, *, transport: httpx.BaseTransport | None = None,
                 save_credentials: Callable[[dict], None] | None = None, credential_store=None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        super().__init__(config, credentials, transport=transport, save_credentials=save_credentials,
                         credential_store=credential_store)
        self.sleep, self.clock = sleep, clock
        self._client: ShopifyClient | None = None

    # --- settings ----------------------------------------------------------------------------------
    @property
    def shop_url(self) -> str:
        return normalize_shop_url(self.config.get("shop_url", ""))

    @property
    def shop_domain(self) -> str:
        """The shop's *.myshopify.com host, or "" when the address is something else (a simulator)."""
        host = urlsplit(self.shop_url).netloc
        return host if oauth.SHOP_HOST.match(host) else ""

    @property
    def client_id(self) -> str:
        return self.credentials.get("client_id") or getattr(settings, "SHOPIFY_CLIENT_ID", "")

    @property
    def client_secret(self) -> str:
        return self.credentials.get("client_secret") or getattr(settings, "SHOPIFY_CLIENT_SECRET", "")

    @property
    def client(self) -> ShopifyClient:
        if self._client is None:
            self._client = ShopifyClient(self.shop_url, self.credentials.get("access_token", ""),
                                         self.config.get("api_version") or graphql.API_VERSION,
                                         transport=self.transport, sleep=self.sleep, clock=self.clock)
        return self._client

    @property
    def vat_attribute(self) -> str:
        return str(self.config.get("vat_attribute") or "").strip()

    def _metafield(self) -> tuple[str, str]:
        namespace, _sep, key = str(self.config.get("vat_metafield") or "").strip().rpartition(".")
        return (namespace, key) if namespace and key else ("", "")

    # --- the SalesSource verbs ---------------------------------------------------------------------
    def check(self) -> CheckResult:
        if not self.shop_url:
            return CheckResult(False, _("Vul het adres van de winkel in (eindigt op .myshopify.com)."))
        if not self.credentials.get("access_token"):
            return CheckResult(False, _("Koppel de winkel of vul het Admin API-toegangstoken in."))
        try:
            data = self.client.query(graphql.SHOP)
        except ConnectorError as error:
            return CheckResult(False, error.message)
        scopes = {s.get("handle") for s in ((data.get("currentAppInstallation") or {}).get("accessScopes") or [])}
        if scopes and not scopes & {"read_orders", "write_orders"}:
            return CheckResult(False, _("Het token mist de toegang read_orders: geef de app leesrechten op "
                                        "bestellingen."))
        name = (data.get("shop") or {}).get("name") or self.shop_url
        if scopes and "read_all_orders" not in scopes:
            return CheckResult(True, _("Verbonden met Shopify (%(name)s). Let op: zonder read_all_orders zien we "
                                       "alleen bestellingen van de laatste 60 dagen.") % {"name": name})
        return CheckResult(True, _("Verbonden met Shopify (%(name)s).") % {"name": name})

    def discover(self) -> SalesDiscovery:
        data = self.client.query(graphql.GATEWAYS)
        seen = sorted({str(name) for order in mapping.nodes(data.get("orders"))
                       for name in order.get("paymentGatewayNames") or [] if name})
        methods = [Option(id=gateway, label=mapping.GATEWAY_LABELS.get(gateway, gateway)) for gateway in seen]
        statuses = [Option(id=status, label=str(label)) for status, label in STATUS_LABELS.items()]
        return SalesDiscovery(statuses=statuses, payment_methods=methods, default_statuses=list(DEFAULT_STATUSES))

    def fetch_changed(self, since: datetime | None) -> Iterator[Sale]:
        # Sorted by update time: an order changed while we page moves behind the cursor and comes again.
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        query = f"updated_at:>='{search_time(since)}'" if since else None
        for node in self.client.pages(graphql.ORDER_IDS, {"query": query}, "orders", graphql.PAGE_SIZE):
            order = self.order(node["id"])
            if order is None:  # deleted while we paged
                continue
            yield mapping.order_to_sale(order, vat_attribute=self.vat_attribute)
            yield from self._refund_sales(order, since)

    def fetch_one(self, source_id: str) -> Sale | None:
        order_id, _sep, refund_id = str(source_id).partition("/refunds/")
        if not order_id.isdigit() or (refund_id and not refund_id.isdigit()):
            return None
        order = self.order(graphql.order_gid(order_id))
        if order is None:
            return None
        if not refund_id:
            return mapping.order_to_sale(order, vat_attribute=self.vat_attribute)
        refund = self.refund(graphql.refund_gid(refund_id))
        if refund is None or graphql.legacy_id((refund.get("order") or {}).get("id")) != order_id:
            return None
        return self._refund_sale(refund, order)

    def read_webhook(self, headers: Mapping[str, str], body: bytes) -> WebhookResult:
        secrets = [self.client_secret, self.credentials.get("previous_client_secret", "")]
        return webhooks.read(headers, body, secrets, shop_domain=self.shop_domain)

    # --- OAuth (the Connect button) ----------------------------------------------------------------
    def authorize_url(self, redirect_uri: str, state: str) -> str:
        return oauth.authorize_url(self.shop_url, self.client_id, redirect_uri, state)

    def exchange_code(self, code: str, redirect_uri: str, params: Mapping[str, str] | None = None) -> dict:
        """The credentials to store. `params`, the callback's whole query, is checked (hmac, shop)
        when given; the dashboard asks `verify_callback` first and passes only the code."""
        if params is not None and not self.verify_callback(params):
            raise ConnectorError(_("Dit antwoord komt niet van Shopify (de controlecode klopt niet). Druk "
                                   "opnieuw op Verbinden."), permanent=True, code="SALES_AUTH")
        endpoint = oauth.TokenEndpoint(self.shop_url, self.client_id, self.client_secret, transport=self.transport,
                                       sleep=self.sleep)
        credentials = endpoint.exchange_code(code)
        # Keep a custom app's own id and secret: they sign its webhooks.
        kept = {k: self.credentials[k] for k in ("client_id", "client_secret") if self.credentials.get(k)}
        return {**kept, **credentials}

    def verify_callback(self, params: Mapping[str, str]) -> bool:
        return oauth.callback_is_genuine(params, self.client_secret, self.shop_url)

    def register_webhooks(self, url: str) -> list[str]:
        """Subscribe `url` to the order and refund topics. A topic already subscribed for this
        address counts as done."""
        done = []
        for topic in WEBHOOK_TOPICS:
            data = self.client.query(graphql.WEBHOOK_CREATE, {"topic": topic, "uri": url}, mutation=True)
            result = data.get("webhookSubscriptionCreate") or {}
            errors = [e.get("message", "") for e in result.get("userErrors") or []]
            if errors and not all("taken" in message for message in errors):
                raise ConnectorError(_("Shopify weigerde de webhook %(topic)s: %(detail)s")
                                     % {"topic": topic, "detail": "; ".join(errors)}, permanent=True,
                                     code="SALES_WEBHOOK")
            done.append(topic)
        return done

    # --- reading orders and refunds ----------------------------------------------------------------
    def order(self, gid: str) -> dict | None:
        """One order with all its line items (more than one page of them is rare)."""
        namespace, key = self._metafield()
        data = self.client.query(graphql.ORDER, {"id": gid, "lineItems": graphql.LINE_PAGE,
                                                 "withVatMetafield": bool(key), "vatNamespace": namespace or "custom",
                                                 "vatKey": key or "vat_number"})
        order = data.get("order")
        if order:
            order["lineItems"] = self._all_lines(order.get("lineItems"), graphql.ORDER_LINE_ITEMS, gid, "order",
                                                 "lineItems")
        return order

    def refund(self, gid: str) -> dict | None:
        data = self.client.query(graphql.REFUND, {"id": gid, "lineItems": graphql.LINE_PAGE})
        refund = data.get("refund")
        if refund:
            refund["refundLineItems"] = self._all_lines(refund.get("refundLineItems"), graphql.REFUND_LINE_ITEMS,
                                                        gid, "refund", "refundLineItems")
        return refund

    def _all_lines(self, first_page, operation: graphql.Operation, gid: str, root: str, field: str) -> dict:
        lines = list(mapping.nodes(first_page))
        page_info = (first_page or {}).get("pageInfo") or {}
        while page_info.get("hasNextPage") and page_info.get("endCursor"):
            data = self.client.query(operation, {"id": gid, "first": graphql.LINE_PAGE,
                                                 "after": page_info["endCursor"]})
            page = (data.get(root) or {}).get(field) or {}
            lines += mapping.nodes(page)
            page_info = page.get("pageInfo") or {}
        return {"nodes": lines}

    def _refund_sales(self, order: dict, since: datetime | None) -> Iterator[Sale]:
        for summary in order.get("refunds") or []:
            created = mapping.timestamp(summary.get("createdAt"))
            # An older refund came with an earlier fetch of its order (each refund updates the order).
            if since is not None and created is not None and created < since:
                continue
            if mapping.money(summary.get("totalRefundedSet")) == 0:
                continue  # a restock or cancellation without money back: nothing to book
            refund = self.refund(summary["id"])
            sale = None if refund is None else self._refund_sale(refund, order)
            if sale is not None:
                yield sale

    def _refund_sale(self, refund: dict, order: dict) -> Sale | None:
        if mapping.money(refund.get("totalRefundedSet")) == 0:
            return None
        return mapping.refund_to_sale(refund, order, vat_attribute=self.vat_attribute)
