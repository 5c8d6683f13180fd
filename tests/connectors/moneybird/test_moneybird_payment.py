"""A paid sale: the payment is registered on the booked invoice."""

from datetime import date
from decimal import Decimal

from koppeling.connectors.base import Payment
from koppeling.simulators import moneybird_data as demo

MOLLIE = demo.DEMO_FINANCIAL_ACCOUNT_IDS["mollie"]


def test_it_registers_the_payment_on_an_external_invoice(simulator, target, make_document, line):
    payment = Payment(date(2025, 3, 14), Decimal("12.50"), MOLLIE, "mollie")

    target.book(make_document([line("Mok", "1", "10.33", "2.17")], payment=payment))

    [invoice] = simulator.invoices()
    [registered] = invoice["payments"]
    assert (registered["payment_date"], registered["price"], registered["financial_account_id"]) == \
        ("2025-03-14", "12.5", MOLLIE)
    assert invoice["state"] == "paid" and invoice["total_unpaid"] == "0.0"


def test_it_registers_the_payment_on_a_sent_regular_invoice(simulator, make_target, make_document, line):
    target = make_target(document_type="invoice")
    payment = Payment(date(2025, 3, 15), Decimal("12.50"), MOLLIE)

    target.book(make_document([line("Mok", "1", "10.33", "2.17")], payment=payment))

    [invoice] = simulator.invoices()
    assert invoice["state"] == "paid" and invoice["payments"][0]["payment_date"] == "2025-03-15"


def test_a_refused_payment_leaves_the_booking_standing(simulator, target, make_document, line):
    payment = Payment(date(2025, 3, 14), Decimal("12.50"), "999")  # unknown financial account

    result = target.book(make_document([line("Mok", "1", "10.33", "2.17")], payment=payment))

    [invoice] = simulator.invoices()
    assert result.target_id == invoice["id"]
    assert invoice["state"] == "open" and invoice["payments"] == []
