"""WooCommerce -> Moneybird over real HTTP against both simulators: what a shop owner relies on."""

import time
from collections import Counter
from decimal import Decimal

import pytest

from koppeling.sync import actions, booking, polling
from koppeling.sync.models import Booking, Sale, SaleEvent, SaleState
from tests.e2e.conftest import run_engine

pytestmark = pytest.mark.django_db(transaction=True)


def references(moneybird):
    return Counter(invoice["reference"] for invoice in moneybird.invoices())


def test_orders_are_booked_once_with_the_shops_totals(koppeling, woo, moneybird):
    for scenario in ("normal", "normal", "mixed_rates", "coupon", "icp_valid"):
        woo.generate_order(scenario=scenario, status="processing")
    run_engine(koppeling)
    sales = Sale.objects.filter(koppeling=koppeling)
    assert sales.count() == 5
    assert set(sales.values_list("state", flat=True)) == {SaleState.BOOKED}
    assert all(count == 1 for count in references(moneybird).values())
    booked = {invoice["reference"]: Decimal(invoice["total_price_incl_tax"]) for invoice in moneybird.invoices()}
    for sale in sales:
        assert booked[sale.booking.reference] == sale.total, sale.number
        assert sale.booking.target_number
        sent = sale.booking.document
        assert sum(Decimal(line["net"]) + Decimal(line["tax"]) for line in sent["lines"]) == sale.total
        assert sale.events.filter(kind=SaleEvent.Kind.BOOKED).exists()


def test_polling_twice_books_nothing_twice(koppeling, woo, moneybird):
    woo.generate_order(scenario="normal", status="processing")
    run_engine(koppeling)
    run_engine(koppeling)
    assert Sale.objects.count() == 1
    assert len(moneybird.invoices()) == 1


def test_an_open_sale_is_booked_once_its_status_changes(koppeling, woo, moneybird):
    order = woo.generate_order(scenario="pending", status="pending")
    run_engine(koppeling)
    sale = Sale.objects.get()
    assert sale.state == SaleState.OPEN
    assert "Wacht op betaling" in sale.reason
    woo.set_status(order["id"], "processing")
    run_engine(koppeling)
    sale.refresh_from_db()
    assert sale.state == SaleState.BOOKED


def test_one_bad_sale_never_blocks_the_others(koppeling, woo, moneybird):
    woo.generate_order(scenario="shipping_no_vat", status="processing")
    woo.generate_order(scenario="normal", status="processing")
    woo.generate_order(scenario="icp_missing", status="processing")
    woo.generate_order(scenario="normal", status="processing")
    run_engine(koppeling)
    states = Counter(Sale.objects.values_list("state", flat=True))
    assert states == {SaleState.BOOKED: 2, SaleState.FAILED: 2}
    codes = set(Sale.objects.filter(state=SaleState.FAILED).values_list("error_code", flat=True))
    assert codes == {"SHIPPING_NO_VAT", "ICP_NO_VAT_NUMBER"}
    assert len(moneybird.invoices()) == 2


def test_fixing_a_setting_and_reprocessing_the_cause_books_them(koppeling, woo, moneybird):
    woo.generate_order(scenario="unmapped_payment", status="processing")
    woo.generate_order(scenario="unmapped_payment", status="processing")
    run_engine(koppeling)
    failed = Sale.objects.filter(state=SaleState.FAILED)
    assert failed.count() == 2
    assert {sale.error_code for sale in failed} == {"PAYMENT_MAPPING_MISSING"}
    assert failed[0].error_setting == "betaalmethoden"
    method = failed[0].canonical["payment_method"]
    koppeling.payment_mapping[method] = next(iter(koppeling.payment_mapping.values()))
    koppeling.save()
    assert actions.reprocess_cause(koppeling, "PAYMENT_MAPPING_MISSING") == 2  # Huey runs inline in tests
    assert Sale.objects.filter(state=SaleState.BOOKED).count() == 2


def test_a_lost_answer_is_found_and_not_booked_twice(koppeling, woo, moneybird):
    woo.generate_order(scenario="normal", status="processing")
    moneybird.add_fault("drop", match=r"POST .*/(external_)?sales_invoices\.json$", times=1)
    polling.poll(koppeling.pk)
    sale = Sale.objects.get()
    booking.process(sale.pk)
    sale.refresh_from_db()
    assert sale.state == SaleState.READY  # the answer was lost: we do not know yet
    assert len(moneybird.invoices()) == 1  # ...but Moneybird did book it
    booking.process(sale.pk)
    sale.refresh_from_db()
    assert sale.state == SaleState.BOOKED
    assert len(moneybird.invoices()) == 1
    assert sale.events.filter(kind=SaleEvent.Kind.FOUND).exists()
    assert Booking.objects.count() == 1


def test_a_short_429_is_waited_out_honouring_retry_after(koppeling, woo, moneybird):
    woo.generate_order(scenario="normal", status="processing")
    polling.poll(koppeling.pk)
    moneybird.add_fault("429", match=r"POST .*sales_invoices\.json$", times=1, seconds=1)
    started = time.monotonic()
    booking.process(Sale.objects.get().pk)
    assert time.monotonic() - started >= 1.0
    assert Sale.objects.get().state == SaleState.BOOKED
    assert len(moneybird.invoices()) == 1


def test_a_long_429_goes_back_to_the_queue_for_later(koppeling, woo, moneybird):
    woo.generate_order(scenario="normal", status="processing")
    polling.poll(koppeling.pk)
    moneybird.add_fault("429", match=r"POST .*sales_invoices\.json$", times=1, seconds=120)
    outcome = booking.process(Sale.objects.get().pk)
    sale = Sale.objects.get()
    assert sale.state == SaleState.READY and sale.attempts == 1
    assert outcome.retry_in >= 120
    assert sale.events.filter(kind=SaleEvent.Kind.RETRY).exists()
    assert moneybird.invoices() == []


def test_server_errors_are_retried_until_booked(koppeling, woo, moneybird):
    woo.generate_order(scenario="normal", status="processing")
    polling.poll(koppeling.pk)
    moneybird.add_fault("500", match=r"POST .*sales_invoices\.json$", times=2)
    sale = Sale.objects.get()
    for _ in range(3):
        booking.process(sale.pk)
    sale.refresh_from_db()
    assert sale.state == SaleState.BOOKED and len(moneybird.invoices()) == 1


def test_a_refund_is_booked_as_a_credit_note_after_its_order(koppeling, woo, moneybird):
    order = woo.generate_order(scenario="normal", status="completed")
    run_engine(koppeling)
    woo.add_refund(order["id"], line_item_ids=[order["line_items"][0]["id"]], reason="Retour")
    run_engine(koppeling)
    refund = Sale.objects.get(kind="refund")
    assert refund.state == SaleState.BOOKED, refund.error_message
    assert refund.total < 0
    assert refund.refund_of.number == order["number"]
    credit = next(i for i in moneybird.invoices() if i["reference"] == refund.booking.reference)
    assert Decimal(credit["total_price_incl_tax"]) == refund.total
    assert Sale.objects.get(kind="order").booking  # the order itself is not booked again


def test_a_failed_poll_keeps_the_cursor_and_says_why(koppeling, woo):
    woo.generate_order(scenario="normal", status="processing")
    woo.add_fault("500", match="GET /wp-json/wc/v3/orders", times=None)
    result = polling.poll(koppeling.pk)
    koppeling.refresh_from_db()
    assert result.error and koppeling.cursor is None
    assert "niet bereikbaar" in koppeling.last_poll_error
    woo.clear_faults()
    polling.poll(koppeling.pk)
    koppeling.refresh_from_db()
    assert koppeling.cursor is not None and koppeling.last_poll_error == ""
    assert Sale.objects.count() == 1


def test_wrong_shop_credentials_turn_the_dot_red(koppeling, woo):
    koppeling.sales_credentials = {"consumer_key": "ck_wrong", "consumer_secret": "cs_wrong"}
    koppeling.save()
    polling.poll(koppeling.pk)
    koppeling.refresh_from_db()
    assert koppeling.sales_status == "error"
    assert "sleutel" in koppeling.last_poll_error
