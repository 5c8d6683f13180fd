"""Sales entries in the sales journal: the shop's amounts and VAT to the cent, credit notes negative."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from koppeling.connectors.accounting.exact import payloads
from koppeling.simulators import exact_data as demo

FIXTURES = Path(__file__).parents[3] / "koppeling/connectors/accounting/exact/fixtures"


def _lines(entry):
    return [(Decimal(x["AmountFC"]), Decimal(x["VATAmountFC"]), x["VATCode"]) for x in entry["SalesEntryLines"]]


@pytest.mark.parametrize("incl", [True, False], ids=["incl", "excl"])
def test_the_entry_carries_the_shops_vat_to_the_cent(target, simulator, make_document, line, incl):
    # 3 x 4.95 incl. 21%: the shop rounds per line to 12.27 + 2.58, not 3 x (4.09 + 0.86).
    document = make_document([line("Thee", "3", "12.27", "2.58"), line("Boek", "1", "18.35", "1.65", "9"),
                              line("Verzending", "1", "4.13", "0.87")], incl=incl)

    result = target.book(document)

    [entry] = simulator.entries()
    assert _lines(entry) == [(Decimal("12.27"), Decimal("2.58"), "2"), (Decimal("18.35"), Decimal("1.65"), "1"),
                             (Decimal("4.13"), Decimal("0.87"), "2")]
    assert Decimal(entry["AmountDC"]) == document.total == Decimal("39.85") == result.total
    assert Decimal(entry["VATAmountDC"]) == document.total_tax
    assert (entry["Type"], entry["Journal"], entry["YourRef"]) == (20, demo.SALES_JOURNAL, "1001")
    assert result.target_id == entry["EntryID"] and result.number == str(entry["EntryNumber"])
    assert result.url.endswith(f"EntryID={entry['EntryID']}&_Division_={demo.DIVISION}")


def test_the_entry_is_shown_on_its_page(target, make_document, line):
    import httpx

    result = target.book(make_document([line("Mok", "1", "10.00", "2.10")]))
    page = httpx.get(result.url)
    assert page.status_code == 200 and "1001" in page.text and "12.1" in page.text


def test_a_credit_note_is_a_negative_type_21_entry(target, simulator, make_document, line):
    refund = make_document([line("Thee", "1", "-4.09", "-0.86")], reference="1001-R1", is_credit=True,
                           original_reference="1001")

    result = target.book(refund)

    [entry] = simulator.entries()
    assert entry["Type"] == 21 and result.total == Decimal("-4.95") == Decimal(entry["AmountDC"])
    assert _lines(entry) == [(Decimal("-4.09"), Decimal("-0.86"), "2")]
    assert entry["SalesEntryLines"][0]["Description"] == "Thee (creditering van 1001)"


def test_a_credit_note_with_positive_amounts_is_booked_negative(target, simulator, make_document, line):
    refund = make_document([line("Thee", "1", "4.09", "0.86")], reference="1001-R1", is_credit=True)
    assert target.book(refund).total == Decimal("-4.95")


def test_one_relation_for_two_orders_of_the_same_customer(target, simulator, make_document, line):
    target.book(make_document([line("Mok", "1", "10.00", "2.10")], reference="1001"))
    target.book(make_document([line("Mok", "1", "10.00", "2.10")], reference="1002"))

    entries = simulator.entries()
    assert len(simulator.accounts()) == 1
    assert {e["Customer"] for e in entries} == {simulator.accounts()[0]["ID"]}
    assert [e["EntryNumber"] for e in entries] == [25700001, 25700002]


def test_the_body_has_the_fields_of_the_sample(make_document, line):
    sample = json.loads((FIXTURES / "exact_salesentry.json").read_text())
    body = payloads.sales_entry_body(make_document([line("Mok", "1", "100.00", "21.00")]), "guid-1", "70")

    assert set(sample) - {"_comment"} <= set(body)
    assert set(sample["SalesEntryLines"][0]) <= set(body["SalesEntryLines"][0])
    assert body["EntryDate"] == "2025-03-14T00:00:00" and body["Type"] == 20
