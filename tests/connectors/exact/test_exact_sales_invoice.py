"""The alternative setting: draft sales invoices in Exact's invoicing module, with one generic item."""

from decimal import Decimal

import pytest

from koppeling.connectors.accounting.exact import payloads


@pytest.fixture
def target(make_target):
    return make_target(document_type="salesinvoice")


def test_an_invoice_is_made_with_the_shops_vat_and_one_generic_item(target, simulator, make_document, line):
    first = target.book(make_document([line("Thee", "3", "12.27", "2.58"), line("Boek", "1", "18.35", "1.65", "9")]))
    target.book(make_document([line("Mok", "1", "10.00", "2.10")], reference="1002"))

    invoices = simulator.invoices()
    items = simulator.state["divisions"]["2750311"]["items"]
    assert [item["Code"] for item in items] == [payloads.GENERIC_ITEM_CODE]
    assert first.total == Decimal("34.85") == Decimal(invoices[0]["AmountDC"])
    assert Decimal(invoices[0]["VATAmountDC"]) == Decimal("4.23")
    assert invoices[0]["Status"] == 10 and invoices[0]["Type"] == 8020
    assert "SalesInvoice.aspx?InvoiceID=" in first.url


def test_find_booking_finds_the_invoice(target, make_document, line):
    booked = target.book(make_document([line("Mok", "1", "10.00", "2.10")], reference="2001"))
    found = target.find_booking("2001")
    assert found.target_id == booked.target_id and found.number == booked.number
    assert target.find_booking("2002") is None


def test_a_credit_invoice_is_negative(target, simulator, make_document, line):
    result = target.book(make_document([line("Mok", "1", "-10.00", "-2.10")], reference="2001-R", is_credit=True))
    assert result.total == Decimal("-12.10") and simulator.invoices()[0]["Type"] == 8021
