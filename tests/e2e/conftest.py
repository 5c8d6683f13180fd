"""End-to-end fixtures: both simulators on real loopback sockets and a koppeling wired to them,
configured the way an owner would (administration chosen, mappings suggested from the chart)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from koppeling.accounts.models import Tenant
from koppeling.simulators.moneybird import MoneybirdSimulator
from koppeling.simulators.woocommerce import WooCommerceSimulator
from koppeling.sync import booking, polling
from koppeling.sync.connections import accounting_connector
from koppeling.sync.models import Koppeling, Sale, SaleState
from koppeling.sync.settings_status import vat_categories_to_map
from koppeling.sync.suggestions import suggest_vat_mapping
from tests.helpers.simulators import running

WOO_KEY, WOO_SECRET = "ck_test_0123456789abcdef", "cs_test_0123456789abcdef"
MB_TOKEN = "mb-test-token"


def moneybird_simulator(**options) -> MoneybirdSimulator:
    simulator = MoneybirdSimulator(seed=7, **options)
    simulator.add_personal_token(MB_TOKEN)
    return simulator


@pytest.fixture
def woo():
    with running(WooCommerceSimulator(seed=7, consumer_key=WOO_KEY, consumer_secret=WOO_SECRET)) as simulator:
        yield simulator


@pytest.fixture
def moneybird():
    with running(moneybird_simulator()) as simulator:
        yield simulator


@pytest.fixture
def koppeling(db, woo, moneybird):
    tenant = Tenant.objects.create(name="Theehuis Utrecht")
    koppeling = Koppeling(tenant=tenant, name="Winkel", sales_system="woocommerce", accounting_system="moneybird",
                          sales_config={"url": woo.url}, accounting_config={"api_url": moneybird.url},
                          book_statuses=["processing", "completed"],
                          start_date=timezone.localdate() - timedelta(days=30))
    koppeling.sales_credentials = {"consumer_key": WOO_KEY, "consumer_secret": WOO_SECRET}
    koppeling.accounting_credentials = {"access_token": MB_TOKEN}
    koppeling.save()
    connector = accounting_connector(koppeling)
    administration = connector.administrations()[0]
    koppeling.accounting_config["administration_id"] = administration.id
    discovery = accounting_connector(koppeling).discover()
    koppeling.vat_mapping = suggest_vat_mapping(discovery, [*vat_categories_to_map(koppeling), "ICP", "EXPORT"])
    mollie = next(a.id for a in discovery.financial_accounts if "mollie" in a.label.lower())
    koppeling.payment_mapping = {code: mollie for code in (
        "mollie_wc_gateway_ideal", "mollie_wc_gateway_creditcard", "paypal", "bacs")}
    koppeling.save()
    return koppeling


def run_engine(koppeling: Koppeling, rounds: int = 3) -> None:
    """Poll once, then process every ready sale whose retry time has come, a few rounds."""
    polling.poll(koppeling.pk)
    for _ in range(rounds):
        for pk in Sale.objects.filter(koppeling=koppeling, state=SaleState.READY).values_list("pk", flat=True):
            booking.process(pk)


def retry_now(sale: Sale) -> None:
    Sale.objects.filter(pk=sale.pk).update(next_attempt_at=None)
