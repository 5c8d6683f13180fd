"""Pure payloads: account codes within Exact's 18 characters, relation bodies, entry lines."""

from datetime import date
from decimal import Decimal

from koppeling.connectors.accounting.exact import payloads
from koppeling.connectors.base import BookingDocument, BookingLine
from koppeling.sync.canonical import Customer


def test_account_codes_fit_exacts_limit():
    assert payloads.account_code(Customer(id="42")) == "KPC42"
    long_id = payloads.account_code(Customer(id="1234567890123456789"))
    guest = payloads.account_code(Customer(email="jan@example.nl"))
    assert len(long_id) == len(guest) == 18 and long_id.startswith("KP") and guest.startswith("KP")
    assert guest == payloads.account_code(Customer(email=" JAN@example.nl "))
    assert payloads.account_code(Customer()) == payloads.PARTICULIER_CODE
    assert payloads.padded("KPC42") == " " * 13 + "KPC42"


def test_a_relation_body_leaves_out_empty_fields():
    body = payloads.account_body(Customer(id="1", name="Els", company="Els & Co", country="be",
                                          vat_number="be 0428 759 497"), "KPC1")
    assert body == {"Code": "KPC1", "Name": "Els & Co", "Country": "BE", "VATNumber": "BE0428759497",
                    "Status": "C", "IsSales": True}


def test_an_entry_line_has_amount_excl_vat_and_the_shops_vat():
    line = BookingLine("Thee", Decimal("3"), Decimal("12.27"), Decimal("2.58"), Decimal("21"), "gl-1", "2")
    document = BookingDocument(reference="1", is_credit=False, date=date(2025, 1, 2), currency="EUR",
                               prices_include_tax=True, customer=Customer(), lines=[line],
                               total=Decimal("14.85"), total_tax=Decimal("2.58"))
    assert payloads.entry_line(document, line) == {
        "GLAccount": "gl-1", "AmountFC": Decimal("12.27"), "VATCode": "2", "VATAmountFC": Decimal("2.58"),
        "Description": "Thee", "Quantity": Decimal("3")}
