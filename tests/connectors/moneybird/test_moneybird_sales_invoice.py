"""document_type "invoice": a draft sales invoice, then send_invoice (Manual) so that it is booked."""

from decimal import Decimal

import pytest

from koppeling.connectors.base import ConnectorError


def test_it_books_and_sends_a_regular_invoice(simulator, make_target, make_document, line):
    target = make_target(document_type="invoice")

    result = target.book(make_document([line("Mok", "2", "20.66", "4.34")]))

    [invoice] = simulator.invoices()
    assert invoice["invoice_type"] == "SalesInvoice"
    assert invoice["state"] == "open" and invoice["invoice_id"] == "2025-0001"
    assert (invoice["reference"], invoice["invoice_date"]) == ("1001", "2025-03-14")
    assert [(d["amount"], d["price"]) for d in invoice["details"]] == [("2 x", "12.5")]
    assert (result.number, result.total) == ("2025-0001", Decimal("25.00"))
    assert result.url.endswith(f"/sales_invoices/{invoice['id']}")
    assert any(line.startswith("PATCH") and line.endswith("/send_invoice.json") for line in simulator.api_log)


def test_a_draft_left_by_a_failed_send_is_completed_when_found(simulator, make_target, make_document, line):
    target = make_target(document_type="invoice")
    simulator.add_fault("500", r"PATCH .*/send_invoice\.json")

    with pytest.raises(ConnectorError) as failed:
        target.book(make_document([line("Mok", "1", "10.33", "2.17")]))
    assert not failed.value.permanent
    assert simulator.invoices()[0]["state"] == "draft"

    found = target.find_booking("1001")

    assert found.number == "2025-0001"
    assert [i["state"] for i in simulator.invoices()] == ["open"]
