"""WooCommerce -> Exact Online over real HTTP against both simulators: sales entries with the shop's
totals, booked once, with rotating tokens refreshed on the way and a spent day budget pausing."""

from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from koppeling.simulators.exact import ExactSimulator
from koppeling.sync import booking, polling
from koppeling.sync.connections import KoppelingCredentials
from koppeling.sync.models import Booking, Sale, SaleEvent, SaleState
from tests.e2e.conftest import PAYMENT_METHODS, run_engine, wired_koppeling
from tests.helpers.accounting import fresh_exact_budgets  # noqa: F401 - autouse fixture
from tests.helpers.simulators import running

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def exact():
    with running(ExactSimulator(seed=7)) as simulator:
        yield simulator


@pytest.fixture
def koppeling(db, woo, exact):
    """Connected and configured the way an owner would: division, sales journal, suggested mappings."""
    koppeling, discovery = wired_koppeling(woo, "exact", {"api_url": exact.url}, exact.issue_tokens())
    bank = next(account.id for account in discovery.financial_accounts if "Bank" in account.label)
    koppeling.payment_mapping = dict.fromkeys(PAYMENT_METHODS, bank)
    koppeling.save()
    return koppeling


def test_orders_are_booked_once_as_sales_entries_with_the_shops_totals(koppeling, woo, exact):
    for scenario in ("normal", "normal", "mixed_rates", "coupon", "icp_valid"):
        woo.generate_order(scenario=scenario, status="processing")
    run_engine(koppeling)

    sales = Sale.objects.filter(koppeling=koppeling)
    assert Counter(sales.values_list("state", flat=True)) == {SaleState.BOOKED: 5}
    entries = {entry["YourRef"]: entry for entry in exact.entries()}
    assert len(entries) == len(exact.entries()) == 5
    for sale in sales:
        entry = entries[sale.booking.reference]
        assert Decimal(entry["AmountDC"]) == sale.total, sale.number
        # The VAT as the engine decided it (shipping follows the goods), to the cent.
        assert Decimal(entry["VATAmountDC"]) == Decimal(sale.booking.document["total_tax"]), sale.number
        assert (entry["Journal"], entry["Type"]) == ("70", 20)
        codes = {line["VATCode"] for line in entry["SalesEntryLines"]}
        assert codes == {"4"} if sale.canonical["customer"]["country"] == "BE" else codes <= {"1", "2"}
        assert sale.booking.target_id == entry["EntryID"] and sale.booking.target_number == str(entry["EntryNumber"])
    assert len({entry["Customer"] for entry in entries.values()}) == len(exact.accounts())


def test_a_lost_answer_is_found_and_not_booked_twice(koppeling, woo, exact):
    woo.generate_order(scenario="normal", status="processing")
    exact.add_fault("drop", match=r"POST .*/salesentry/SalesEntries$", times=1)
    polling.poll(koppeling.pk)
    sale = Sale.objects.get()

    booking.process(sale.pk)
    sale.refresh_from_db()
    assert sale.state == SaleState.READY and len(exact.entries()) == 1

    booking.process(sale.pk)
    sale.refresh_from_db()
    assert sale.state == SaleState.BOOKED and len(exact.entries()) == 1
    assert sale.events.filter(kind=SaleEvent.Kind.FOUND).exists() and Booking.objects.count() == 1


def test_a_refund_is_booked_as_a_credit_entry(koppeling, woo, exact):
    order = woo.generate_order(scenario="normal", status="completed")
    run_engine(koppeling)
    woo.add_refund(order["id"], line_item_ids=[order["line_items"][0]["id"]], reason="Retour")
    run_engine(koppeling)

    refund = Sale.objects.get(kind="refund")
    assert refund.state == SaleState.BOOKED, refund.error_message
    credit = next(entry for entry in exact.entries() if entry["YourRef"] == refund.booking.reference)
    assert credit["Type"] == 21 and Decimal(credit["AmountDC"]) == refund.total < 0


def test_an_expired_token_is_refreshed_once_and_the_new_pair_stored(koppeling, woo, exact):
    woo.generate_order(scenario="normal", status="processing")
    woo.generate_order(scenario="normal", status="processing")
    old = koppeling.accounting_credentials
    exact.expire_token(old["access_token"])

    run_engine(koppeling)

    assert Sale.objects.filter(state=SaleState.BOOKED).count() == 2
    assert exact.refreshes == 1
    stored = KoppelingCredentials(koppeling, "accounting").load()
    assert stored["refresh_token"] != old["refresh_token"] and stored["refresh_token"] in exact.state["refresh_tokens"]


def test_a_spent_day_budget_pauses_the_koppeling(koppeling, woo, exact):
    woo.generate_order(scenario="normal", status="processing")
    polling.poll(koppeling.pk)
    exact.set_limits(daily=0)

    booking.process(Sale.objects.get().pk)

    koppeling.refresh_from_db()
    sale = Sale.objects.get()
    assert koppeling.paused_reason.startswith("Exact Online heeft het daglimiet voor API-verzoeken bereikt")
    assert koppeling.paused_until > timezone.now()
    assert sale.state == SaleState.READY and sale.attempts == 0 and exact.entries() == []
