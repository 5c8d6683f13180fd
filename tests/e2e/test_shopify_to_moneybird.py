"""Shopify -> Moneybird over real HTTP against both simulators: what a shop owner relies on."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from koppeling.accounts.models import Tenant
from koppeling.simulators.shopify import DEMO_ACCESS_TOKEN, ShopifySimulator
from koppeling.sync import actions, polling
from koppeling.sync.connections import accounting_connector
from koppeling.sync.models import Koppeling, Sale, SaleEvent, SaleState
from koppeling.sync.settings_status import vat_categories_to_map
from koppeling.sync.suggestions import suggest_vat_mapping
from tests.e2e.conftest import MB_TOKEN, run_engine
from tests.helpers.simulators import running

pytestmark = pytest.mark.django_db(transaction=True)
MAPPED_GATEWAYS = ("mollie", "shopify_payments", "paypal", "manual")


@pytest.fixture
def shopify():
    with running(ShopifySimulator(seed=7)) as simulator:
        yield simulator


def shopify_koppeling_for(shopify, moneybird) -> Koppeling:
    """A Shopify koppeling set up as an owner would: token pasted, administration chosen, mappings
    suggested from the chart, the usual gateways on the Mollie account."""
    tenant = Tenant.objects.create(name="Fietsenwinkel Zwolle")
    koppeling = Koppeling(tenant=tenant, name="Shopify", sales_system="shopify", accounting_system="moneybird",
                          sales_config={"shop_url": shopify.url}, accounting_config={"api_url": moneybird.url},
                          book_statuses=["PAID", "PARTIALLY_REFUNDED", "REFUNDED"],
                          start_date=timezone.localdate() - timedelta(days=30))
    koppeling.sales_credentials = {"access_token": DEMO_ACCESS_TOKEN}
    koppeling.accounting_credentials = {"access_token": MB_TOKEN}
    koppeling.save()
    koppeling.accounting_config["administration_id"] = accounting_connector(koppeling).administrations()[0].id
    discovery = accounting_connector(koppeling).discover()
    koppeling.vat_mapping = suggest_vat_mapping(discovery, [*vat_categories_to_map(koppeling), "ICP", "EXPORT"])
    mollie = next(a.id for a in discovery.financial_accounts if "mollie" in a.label.lower())
    koppeling.payment_mapping = {code: mollie for code in MAPPED_GATEWAYS}
    koppeling.save()
    return koppeling


@pytest.fixture
def koppeling(db, shopify, moneybird):
    return shopify_koppeling_for(shopify, moneybird)


def references(moneybird):
    return Counter(invoice["reference"] for invoice in moneybird.invoices())


def test_orders_are_booked_once_with_the_shops_totals(koppeling, shopify, moneybird):
    for scenario in ("normal", "normal", "mixed_rates", "discount", "icp_valid"):
        shopify.generate_order(scenario)
    run_engine(koppeling)
    sales = Sale.objects.filter(koppeling=koppeling)
    assert sales.count() == 5
    assert set(sales.values_list("state", flat=True)) == {SaleState.BOOKED}, [s.error_message for s in sales]
    assert all(count == 1 for count in references(moneybird).values())
    booked = {invoice["reference"]: Decimal(invoice["total_price_incl_tax"]) for invoice in moneybird.invoices()}
    for sale in sales:
        assert booked[sale.booking.reference] == sale.total, sale.number
        assert sale.events.filter(kind=SaleEvent.Kind.BOOKED).exists()


def test_polling_twice_books_nothing_twice(koppeling, shopify, moneybird):
    shopify.generate_order()
    run_engine(koppeling)
    run_engine(koppeling)
    assert Sale.objects.count() == 1 and len(moneybird.invoices()) == 1


def test_a_pending_order_is_booked_once_it_is_paid(koppeling, shopify, moneybird):
    order = shopify.generate_order("pending")
    run_engine(koppeling)
    sale = Sale.objects.get()
    assert sale.state == SaleState.OPEN and "Wacht op betaling" in sale.reason
    shopify.set_status(order["id"], "PAID")
    run_engine(koppeling)
    sale.refresh_from_db()
    assert sale.state == SaleState.BOOKED and len(moneybird.invoices()) == 1


def test_one_bad_sale_never_blocks_the_others(koppeling, shopify, moneybird):
    for scenario in ("shipping_no_vat", "normal", "icp_missing", "normal"):
        shopify.generate_order(scenario)
    run_engine(koppeling)
    assert Counter(Sale.objects.values_list("state", flat=True)) == {SaleState.BOOKED: 2, SaleState.FAILED: 2}
    codes = set(Sale.objects.filter(state=SaleState.FAILED).values_list("error_code", flat=True))
    assert codes == {"SHIPPING_NO_VAT", "ICP_NO_VAT_NUMBER"}
    assert len(moneybird.invoices()) == 2


def test_an_unmapped_gateway_is_fixed_in_settings_and_reprocessed(koppeling, shopify, moneybird):
    shopify.generate_order("unmapped_payment")
    run_engine(koppeling)
    failed = Sale.objects.get()
    assert (failed.state, failed.error_code) == (SaleState.FAILED, "PAYMENT_MAPPING_MISSING")
    assert failed.canonical["payment_method"] == "klarna"
    koppeling.payment_mapping["klarna"] = koppeling.payment_mapping["mollie"]
    koppeling.save()
    assert actions.reprocess_cause(koppeling, "PAYMENT_MAPPING_MISSING") == 1  # Huey runs inline in tests
    assert Sale.objects.get().state == SaleState.BOOKED


def test_a_refund_is_booked_as_a_credit_note_after_its_order(koppeling, shopify, moneybird):
    order = shopify.generate_order("mixed_rates")
    run_engine(koppeling)
    shopify.add_refund(order["id"], [order["line_items"][0]["id"]], note="Retour")
    run_engine(koppeling)
    refund = Sale.objects.get(kind="refund")
    assert refund.state == SaleState.BOOKED, refund.error_message
    assert refund.total < 0 and refund.refund_of.number == order["name"].lstrip("#")
    credit = next(i for i in moneybird.invoices() if i["reference"] == refund.booking.reference)
    assert Decimal(credit["total_price_incl_tax"]) == refund.total
    assert len(moneybird.invoices()) == 2  # the order itself is not booked again


def test_a_throttled_shop_is_waited_out_within_the_poll(koppeling, shopify, moneybird):
    for _ in range(3):
        shopify.generate_order()
    shopify.set_throttle(size=1000, restore_rate=2000, available=0)
    result = polling.poll(koppeling.pk)
    assert result.error == "" and result.fetched == 3


def test_a_test_order_is_seen_but_never_booked(koppeling, shopify, moneybird):
    order = shopify.generate_order()
    with shopify.lock:
        shopify.state["orders"][str(order["id"])]["test"] = True
    run_engine(koppeling)
    sale = Sale.objects.get()
    assert sale.state == SaleState.OPEN and "Testbestelling" in sale.reason
    assert moneybird.invoices() == []


def test_a_wrong_token_turns_the_dot_red(koppeling, shopify):
    koppeling.sales_credentials = {"access_token": "shpat_ingetrokken"}
    koppeling.save()
    polling.poll(koppeling.pk)
    koppeling.refresh_from_db()
    assert koppeling.sales_status == "error" and "weigert de toegang" in koppeling.last_poll_error
