"""End-to-end fixtures: both simulators on real loopback sockets and a koppeling wired to them,
configured the way an owner would (administration chosen, mappings suggested from the chart)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from koppeling.accounts.models import Tenant
from koppeling.demo.setup import configure_accounting
from koppeling.simulators.moneybird import MoneybirdSimulator
from koppeling.simulators.woocommerce import WooCommerceSimulator
from koppeling.sync import booking, polling
from koppeling.sync.models import Koppeling, Sale, SaleState
from tests.helpers.simulators import running

WOO_KEY, WOO_SECRET = "ck_test_0123456789abcdef", "cs_test_0123456789abcdef"
MB_TOKEN = "mb-test-token"
PAYMENT_METHODS = ("mollie_wc_gateway_ideal", "mollie_wc_gateway_creditcard", "paypal", "bacs")


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


def wired_koppeling(woo, accounting_system: str, accounting_config: dict, credentials: dict):
    """A WooCommerce koppeling connected to `accounting_system` and set up the way an owner would
    (koppeling.demo.setup: administration, package choices, suggested VAT mapping).
    Returns (koppeling, discovery) so that tests can map payment methods."""
    tenant = Tenant.objects.create(name="Theehuis Utrecht")
    koppeling = Koppeling(tenant=tenant, name="Winkel", sales_system="woocommerce", accounting_system=accounting_system,
                          sales_config={"url": woo.url}, accounting_config=accounting_config,
                          book_statuses=["processing", "completed"],
                          start_date=timezone.localdate() - timedelta(days=30))
    koppeling.sales_credentials = {"consumer_key": WOO_KEY, "consumer_secret": WOO_SECRET}
    koppeling.accounting_credentials = credentials
    koppeling.save()
    return koppeling, configure_accounting(koppeling)


@pytest.fixture
def koppeling(db, woo, moneybird):
    koppeling, discovery = wired_koppeling(woo, "moneybird", {"api_url": moneybird.url}, {"access_token": MB_TOKEN})
    mollie = next(a.id for a in discovery.financial_accounts if "mollie" in a.label.lower())
    koppeling.payment_mapping = dict.fromkeys(PAYMENT_METHODS, mollie)
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
