"""External sales invoices: totals equal the shop's to the cent (hand-checked below)."""

from decimal import Decimal

from koppeling.simulators import moneybird_data as demo


def _only_invoice(simulator) -> dict:
    [invoice] = simulator.invoices()
    return invoice


def test_it_books_a_document_with_prices_incl_vat(simulator, target, make_document, line):
    # 2 x 14.95 at 9% (VAT 2.47), 12.50 and 4.95 at 21% (VAT 2.17 + 0.86): 47.35 incl. 5.50 VAT.
    document = make_document([line("Koffiebonen 1 kg", "2", "27.43", "2.47", "9"),
                              line("Mok", "1", "10.33", "2.17"), line("Verzending", "1", "4.09", "0.86")])

    result = target.book(document)

    invoice = _only_invoice(simulator)
    assert invoice["invoice_type"] == "ExternalSalesInvoice" and invoice["prices_are_incl_tax"] is True
    assert (invoice["reference"], invoice["date"], invoice["due_date"]) == ("1001", "2025-03-14", "2025-03-14")
    assert (invoice["source"], invoice["source_url"]) == ("Koppeling", "https://shop.example.nl/bestelling/1001")
    assert [(d["amount"], d["price"], d["description"]) for d in invoice["details"]] == \
        [("2 x", "14.95", "Koffiebonen 1 kg"), ("1 x", "12.5", "Mok"), ("1 x", "4.95", "Verzending")]
    assert (invoice["total_price_incl_tax"], invoice["total_price_excl_tax"]) == ("47.35", "41.85")
    assert {t["tax_amount"] for t in invoice["tax_totals"]} == {"2.47", "3.03"}
    assert result.total == Decimal("47.35") == document.total
    assert (result.target_id, result.number) == (invoice["id"], "1001")
    assert result.url.endswith(f"/{demo.ADMINISTRATION_ID}/external_sales_invoices/{invoice['id']}")


def test_it_books_a_document_with_prices_excl_vat(simulator, target, make_document, line):
    # 3 x 7.99 at 9% (VAT 2.16), 40.00 and 2 x 4.13 at 21% (VAT 8.40 + 1.73): 72.23 + 12.29 = 84.52.
    document = make_document([line("Boek", "3", "23.97", "2.16", "9"), line("Lamp", "1", "40.00", "8.40"),
                              line("Kabel", "2", "8.26", "1.73")], incl=False)

    result = target.book(document)

    invoice = _only_invoice(simulator)
    assert invoice["prices_are_incl_tax"] is False
    assert [(d["amount"], d["price"]) for d in invoice["details"]] == \
        [("3 x", "7.99"), ("1 x", "40.0"), ("2 x", "4.13")]
    assert (invoice["total_price_excl_tax"], invoice["total_price_incl_tax"]) == ("72.23", "84.52")
    assert result.total == Decimal("84.52") == document.total


def test_a_quantity_that_does_not_divide_goes_in_the_description(simulator, target, make_document, line):
    # Three coffees for 10.00 incl. 21%: 3.333... each, so one line of 10.00 "3 x Koffie".
    result = target.book(make_document([line("Koffie", "3", "8.26", "1.74")]))

    [detail] = _only_invoice(simulator)["details"]
    assert (detail["amount"], detail["price"], detail["description"]) == ("1 x", "10.0", "3 x Koffie")
    assert result.total == Decimal("10.00")


def test_a_credit_note_is_booked_negative(simulator, target, make_document, line):
    document = make_document([line("Mok", "1", "10.33", "2.17")], reference="1001-R1", is_credit=True,
                             original_reference="1001")

    result = target.book(document)

    invoice = _only_invoice(simulator)
    [detail] = invoice["details"]
    assert detail["price"] == "-12.5"
    assert "1001" in detail["description"] and invoice["reference"] == "1001-R1"
    assert invoice["total_price_incl_tax"] == "-12.5" and result.total == Decimal("-12.50")


def test_a_credit_note_with_negative_lines_stays_negative(simulator, target, make_document, line):
    document = make_document([line("Mok", "-2", "-20.66", "-4.34")], reference="1001-R2", is_credit=True,
                             original_reference="1001")

    target.book(document)

    [detail] = _only_invoice(simulator)["details"]
    assert (detail["amount"], detail["price"]) == ("2 x", "-12.5")
