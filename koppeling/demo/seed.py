"""Seeds the demo tenant: a user, and a koppeling wired to the running simulators, set up the way an
owner would through Configuratie (administration chosen, mappings suggested from the chart)."""

from __future__ import annotations

import httpx
from django.db import transaction
from django.utils import timezone

from koppeling.accounts.models import Tenant, User
from koppeling.demo import config
from koppeling.sync.actions import check_connections
from koppeling.sync.connections import accounting_connector
from koppeling.sync.models import Koppeling
from koppeling.sync.settings_status import vat_categories_to_map
from koppeling.sync.suggestions import suggest_vat_mapping

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
    """Choose the administration and suggest mappings, as the owner would in Configuratie."""
    connector = accounting_connector(koppeling)
    administrations = connector.administrations()
    koppeling.accounting_config.update(administration_id=administrations[0].id,
                                       administration_name=administrations[0].label)
    koppeling.save(update_fields=["accounting_config"])
    discovery = accounting_connector(koppeling).discover()
    koppeling.vat_mapping = suggest_vat_mapping(discovery, [*vat_categories_to_map(koppeling), "ICP", "EXPORT"])
    koppeling.payment_mapping = {
        method: _account_like(discovery.financial_accounts, hint)
        for method, hint in PAYMENT_ACCOUNT_HINTS.items() if method in config.MAPPED_PAYMENT_METHODS}
    koppeling.save(update_fields=["vat_mapping", "payment_mapping"])


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


def seed() -> tuple[User, Koppeling]:
    user = seed_user()
    koppeling, created = seed_koppeling(user.tenant)
    if created:
        configure_accounting(koppeling)
        create_first_orders()
    check_connections(koppeling)
    Koppeling.objects.filter(pk=koppeling.pk).update(next_poll_at=None)
    return user, koppeling
