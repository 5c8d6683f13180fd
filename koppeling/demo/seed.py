"""Seeds the demo tenant: a user, and two koppelingen wired to the running simulators (WooCommerce →
Moneybird here, Shopify → Exact Online in shopify_exact.py), set up the way an owner would through
Configuratie (administration chosen, mappings suggested from the chart). A second run keeps them."""

from __future__ import annotations

import httpx
from django.db import transaction
from django.utils import timezone

from koppeling.accounts.models import Tenant, User
from koppeling.demo import config, setup, shopify_exact
from koppeling.sync.actions import check_connections
from koppeling.sync.models import Koppeling

KOPPELING_NAME = "Webwinkel → Moneybird"
FIRST_ORDERS = [("normal", "processing", 5), ("mixed_rates", "completed", 3), ("coupon", "processing", 2),
                ("pending", "pending", 2), ("on_hold", "on-hold", 1), ("icp_valid", "processing", 1),
                ("shipping_no_vat", "processing", 1), ("icp_missing", "processing", 1),
                ("unmapped_payment", "processing", 1)]
PAYMENT_ACCOUNT_HINTS = {"mollie_wc_gateway_ideal": "mollie", "mollie_wc_gateway_creditcard": "mollie",
                         "paypal": "paypal", "bacs": "bank"}


@transaction.atomic
def seed_user() -> User:
    tenant, _ = Tenant.objects.get_or_create(name=config.TENANT)
    user = User.objects.filter(username=config.USERNAME).first()
    if user is None:
        user = User.objects.create_user(config.USERNAME, config.USERNAME, config.PASSWORD, tenant=tenant,
                                        first_name="Demo", last_name="Eigenaar")
    return user


def seed_koppeling(tenant: Tenant) -> tuple[Koppeling, bool]:
    koppeling = Koppeling.objects.filter(tenant=tenant, name=KOPPELING_NAME).first()
    if koppeling:
        return koppeling, False
    koppeling = Koppeling(tenant=tenant, name=KOPPELING_NAME, sales_system="woocommerce",
                          accounting_system="moneybird", sales_config={"url": config.woo_url(), "vat_meta_key": ""},
                          accounting_config={"api_url": config.moneybird_url(), "document_type": "external"},
                          book_statuses=["processing", "completed"], book_kinds=["order", "refund"],
                          start_date=timezone.localdate(), poll_interval=1)
    koppeling.sales_credentials = {"consumer_key": config.WOO_KEY, "consumer_secret": config.WOO_SECRET}
    koppeling.accounting_credentials = {"access_token": config.MONEYBIRD_TOKEN}
    koppeling.save()
    return koppeling, True


def configure_accounting(koppeling: Koppeling) -> None:
    """Administration, VAT mapping and the payment methods' accounts, as the owner would in Configuratie."""
    discovery = setup.configure_accounting(koppeling)
    koppeling.payment_mapping = {
        method: _account_like(discovery.financial_accounts, hint)
        for method, hint in PAYMENT_ACCOUNT_HINTS.items() if method in config.MAPPED_PAYMENT_METHODS}
    koppeling.save(update_fields=["payment_mapping"])


def _account_like(accounts, hint: str) -> str:
    for account in accounts:
        if hint in account.label.lower():
            return account.id
    return accounts[0].id if accounts else ""


def create_first_orders() -> None:
    with httpx.Client(base_url=config.woo_url(), timeout=10) as client:
        for scenario, status, count in FIRST_ORDERS:
            client.post("/_sim/orders", json={"count": count, "scenario": scenario, "status": status}
                        ).raise_for_status()


def seed() -> tuple[User, list[Koppeling]]:
    user = seed_user()
    koppeling, created = seed_koppeling(user.tenant)
    if created:
        configure_accounting(koppeling)
        create_first_orders()
    koppelingen = [koppeling, shopify_exact.seed(user.tenant)]
    for each in koppelingen:
        check_connections(each)
    Koppeling.objects.filter(pk__in=[each.pk for each in koppelingen]).update(next_poll_at=None)
    return user, koppelingen
