"""The demo tenant's second koppeling, Shopify → Exact Online, wired to the running simulators: the
shop's token pasted, the division and sales journal chosen, the VAT mapping suggested, and the
shop's webhooks pointed at the demo web server, so that a new Shopify order is booked in seconds.
Exact gets no payment mapping: the connector books invoices only (registers_payments is False)."""

from __future__ import annotations

import httpx
from django.urls import reverse
from django.utils import timezone

from koppeling.accounts.models import Tenant
from koppeling.connectors.sales.shopify.connector import DEFAULT_STATUSES
from koppeling.demo import config, setup
from koppeling.sync.connections import sales_connector
from koppeling.sync.models import Koppeling

KOPPELING_NAME = "Shopify → Exact Online"
# (scenario, count): mostly paid orders, one waiting for payment, one with a VAT question to fix.
FIRST_ORDERS = [("normal", 4), ("mixed_rates", 2), ("discount", 1), ("pending", 1), ("icp_valid", 1),
                ("shipping_no_vat", 1), ("icp_missing", 1)]


def create_koppeling(tenant: Tenant) -> tuple[Koppeling, bool]:
    koppeling = Koppeling.objects.filter(tenant=tenant, name=KOPPELING_NAME).first()
    if koppeling:
        return koppeling, False
    koppeling = Koppeling(tenant=tenant, name=KOPPELING_NAME, sales_system="shopify", accounting_system="exact",
                          sales_config={"shop_url": config.shopify_url()},
                          accounting_config={"api_url": config.exact_url()},
                          book_statuses=list(DEFAULT_STATUSES), book_kinds=["order", "refund"],
                          start_date=timezone.localdate(), poll_interval=1)
    # The app secret is stored with the token so that webhooks verify whatever the site's own app is.
    koppeling.sales_credentials = {"access_token": config.SHOPIFY_TOKEN, "client_secret": config.SHOPIFY_CLIENT_SECRET}
    koppeling.accounting_credentials = {"access_token": config.EXACT_TOKEN}
    koppeling.save()
    return koppeling, True


def create_first_orders() -> None:
    with httpx.Client(base_url=config.shopify_url(), timeout=10, trust_env=False) as client:
        for scenario, count in FIRST_ORDERS:
            client.post("/_sim/orders", json={"count": count, "scenario": scenario}).raise_for_status()


def webhook_url(koppeling: Koppeling) -> str:
    return config.web_url() + reverse("webhook", args=[koppeling.webhook_token])


def subscribe_webhooks(koppeling: Koppeling) -> None:
    """What the Webhooks instellen button does; again at every start, as the web port may differ."""
    sales_connector(koppeling).register_webhooks(webhook_url(koppeling))


def seed(tenant: Tenant) -> Koppeling:
    koppeling, created = create_koppeling(tenant)
    if created:
        setup.configure_accounting(koppeling)
        # Before the webhooks: these orders come with the first poll, while the web server is not up yet.
        create_first_orders()
    subscribe_webhooks(koppeling)
    return koppeling
