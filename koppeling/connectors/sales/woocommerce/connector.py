"""WooCommerce as a sales source: orders and refunds from the REST API v3 as canonical sales."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koppeling.connectors.base import (
    CheckResult,
    ConfigField,
    ConnectorError,
    Option,
    SalesDiscovery,
    SalesSource,
    WebhookResult,
)
from koppeling.connectors.sales.woocommerce import mapping, webhooks
from koppeling.connectors.sales.woocommerce.client import WooClient, object_missing, tls_verify
from koppeling.sync.canonical import Sale

DEFAULT_STATUSES = ["processing", "completed"]


# WooCommerce's order statuses with the labels its Dutch admin shows.
STATUS_LABELS = {
    "pending": gettext_lazy("Wacht op betaling"),
    "processing": gettext_lazy("In behandeling"),
    "on-hold": gettext_lazy("In de wacht"),
    "completed": gettext_lazy("Afgerond"),
    "cancelled": gettext_lazy("Geannuleerd"),
    "refunded": gettext_lazy("Terugbetaald"),
    "failed": gettext_lazy("Mislukt"),
    "checkout-draft": gettext_lazy("Concept"),
}


def order_statuses() -> list[Option]:
    return [Option(id=status, label=str(label)) for status, label in STATUS_LABELS.items()]


def gateway_option(gateway: dict) -> Option:
    title = gateway.get("title") or gateway.get("method_title") or gateway["id"]
    return Option(id=str(gateway["id"]), label=mapping.clean_text(title),
                  extra={"enabled": bool(gateway.get("enabled"))})


def gmt_param(moment: datetime) -> str:
    """An ISO 8601 time in UTC without offset, as WooCommerce wants it with dates_are_gmt=true."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


class WooCommerceSource(SalesSource):
    key = "woocommerce"
    label = "WooCommerce"
    status_labels = STATUS_LABELS
    config_fields = [
        ConfigField("url", gettext_lazy("Adres van de webshop"), help=gettext_lazy("Bijvoorbeeld https://www.mijnwinkel.nl")),
        ConfigField("consumer_key", gettext_lazy("Consumer key"), secret=True,
                    help=gettext_lazy("WooCommerce > Instellingen > Geavanceerd > REST API, met leesrechten.")),
        ConfigField("consumer_secret", gettext_lazy("Consumer secret"), secret=True),
        ConfigField("vat_meta_key", gettext_lazy("Metaveld met het btw-nummer van de klant"), required=False,
                    help=gettext_lazy("Alleen nodig als uw btw-plugin een ongebruikelijk veld gebruikt; standaard "
                               "zoeken we _billing_vat_number, _vat_number en andere bekende velden.")),
        ConfigField("webhook_secret", gettext_lazy("Geheim van de webhooks"), secret=True, required=False,
                    help=gettext_lazy("Het geheim dat u in WooCommerce bij de webhooks invult (Instellingen > "
                               "Geavanceerd > Webhooks); dan boeken we een bestelling meteen.")),
    ]

    def __init__(self, config: dict, credentials: dict, *, transport: httpx.BaseTransport | None = None,
                 save_credentials: Callable[[dict], None] | None = None, credential_store=None,
                 sleep: Callable[[float], None] = time.sleep):
        super().__init__(config, credentials, transport=transport, save_credentials=save_credentials,
                         credential_store=credential_store)
        self.sleep = sleep
        self._client: WooClient | None = None
        self._tax_rates: dict[int, Decimal] | None = None  # GET /taxes, once per instance

    @property
    def client(self) -> WooClient:
        if self._client is None:
            self._client = WooClient(
                self.url, self.credentials.get("consumer_key", ""), self.credentials.get("consumer_secret", ""),
                transport=self.transport, verify=tls_verify(self.config.get("verify_tls")), sleep=self.sleep)
        return self._client

    @property
    def url(self) -> str:
        return str(self.config.get("url") or "").strip()

    @property
    def vat_meta_key(self) -> str:
        return str(self.config.get("vat_meta_key") or "").strip()

    def check(self) -> CheckResult:
        if not self.url.startswith(("https://", "http://")):
            return CheckResult(False, _("Vul het adres van de webshop in, beginnend met https://."))
        try:
            self.client.get("orders", {"per_page": 1})
        except ConnectorError as error:
            return CheckResult(False, error.message)
        return CheckResult(True, _("Verbonden met WooCommerce."))

    def discover(self) -> SalesDiscovery:
        gateways = self.client.get_json("payment_gateways")
        methods = [gateway_option(gateway) for gateway in gateways if isinstance(gateway, dict) and gateway.get("id")]
        return SalesDiscovery(statuses=order_statuses(), payment_methods=methods,
                              default_statuses=list(DEFAULT_STATUSES))

    def fetch_changed(self, since: datetime | None) -> Iterator[Sale]:
        # Sorted by id: orders changed while we page do not move, so none is skipped.
        params = {"orderby": "id", "order": "asc", "dates_are_gmt": "true"}
        if since is not None:
            # modified_after is exclusive and to the second; one second back makes it inclusive.
            params["modified_after"] = gmt_param(since - timedelta(seconds=1))
        for order in self.client.iter_pages("orders", params):
            yield self._order_sale(order)
            if order.get("refunds"):
                yield from self._refund_sales(order)

    def fetch_one(self, source_id: str) -> Sale | None:
        order_id, _sep, refund_id = str(source_id).partition("/refunds/")
        if not order_id.isdigit() or (refund_id and not refund_id.isdigit()):
            return None
        order = self.client.get_optional(f"orders/{order_id}")
        if order is None:
            return None
        if not refund_id:
            return self._order_sale(order)
        refund = self.client.get_optional(f"orders/{order_id}/refunds/{refund_id}")
        return None if refund is None else self._refund_sale(refund, order)

    def read_webhook(self, headers: Mapping[str, str], body: bytes) -> WebhookResult:
        secrets = [self.credentials.get("webhook_secret", ""), self.credentials.get("previous_webhook_secret", "")]
        return webhooks.read(headers, body, secrets)

    # --- helpers -----------------------------------------------------------------------------------
    def _refund_sales(self, order: dict) -> Iterator[Sale]:
        try:
            refunds = list(self.client.iter_pages(f"orders/{order['id']}/refunds"))
        except ConnectorError as error:
            if object_missing(error):  # the order was deleted while we paged: nothing to refund
                return
            raise
        for refund in refunds:
            yield self._refund_sale(refund, order)

    def _order_sale(self, order: dict) -> Sale:
        return mapping.order_to_sale(order, vat_meta_key=self.vat_meta_key, tax_rates=self._rates_for(order))

    def _refund_sale(self, refund: dict, order: dict) -> Sale:
        return mapping.refund_to_sale(refund, order, vat_meta_key=self.vat_meta_key,
                                      tax_rates=self._rates_for(order, refund))

    def _rates_for(self, order: dict, *refunds: dict) -> dict[int, Decimal]:
        # Older shops leave rate_percent out of tax_lines; only then do we need the tax table.
        return self.tax_rates() if mapping.missing_rate_ids(order, *refunds) else {}

    def tax_rates(self) -> dict[int, Decimal]:
        """The shop's tax table (GET /taxes): rate id -> percentage."""
        if self._tax_rates is None:
            rates = {}
            for rate in self.client.iter_pages("taxes"):
                percentage = mapping.percentage(rate.get("rate"))
                if percentage is not None and str(rate.get("id", "")).isdigit():
                    rates[int(rate["id"])] = percentage
            self._tax_rates = rates
        return self._tax_rates
