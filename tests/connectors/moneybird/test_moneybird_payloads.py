"""The request bodies, as pure functions: amounts, quantities, the incl./excl. choice, contacts."""

from datetime import date
from decimal import Decimal

import pytest

from koppeling.connectors.accounting.moneybird import payloads
from koppeling.connectors.base import Payment
from koppeling.sync.canonical import Customer


@pytest.mark.parametrize(("total", "quantity", "expected"), [
    ("29.90", "2", ("2", Decimal("14.95"), "Koffie")),
    ("10.00", "3", ("1", Decimal("10.00"), "3 x Koffie")),
    ("10.00", "1", ("1", Decimal("10.00"), "Koffie")),
    ("7.50", "1.5", ("1.5", Decimal("5.00"), "Koffie")),
    ("-25.00", "-2", ("2", Decimal("-12.50"), "Koffie")),
    ("4.00", "0", ("1", Decimal("4.00"), "Koffie")),
])
def test_it_splits_quantities_only_when_exact(total, quantity, expected):
    assert payloads.split_quantity(Decimal(total), Decimal(quantity), "Koffie") == expected


def test_it_keeps_the_shops_choice_when_moneybird_lands_on_its_totals(make_document, line):
    document = make_document([line("Boek", "3", "23.97", "2.16", "9")], incl=False)
    assert payloads.choose_incl(document) is False


def test_it_switches_to_incl_when_only_that_lands_on_the_shops_vat(make_document, line):
    # Excl.: 2.36 x 21% = 0.4956 -> 0.50, but the shop charged 0.21 + 0.28 = 0.49.
    # Incl.: 2.85 x 21/121 = 0.4946 -> 0.49, as the shop.
    document = make_document([line("A", "1", "1.01", "0.21"), line("B", "1", "1.35", "0.28")], incl=False)

    assert payloads.choose_incl(document) is True
    body = payloads.external_invoice_body(document, "5")["external_sales_invoice"]
    assert [d["price"] for d in body["details_attributes"]] == ["1.22", "1.63"]


def test_it_falls_back_to_incl_so_that_the_paid_total_stays_exact(make_document, line):
    # Three lines of 0.07 + 0.01 VAT: the shop's VAT is 0.03, Moneybird gets 0.04 either way.
    document = make_document([line(x, "1", "0.07", "0.01") for x in "ABC"], incl=False)

    assert payloads.choose_incl(document) is True
    details = payloads.build_details(document, True)
    assert payloads.moneybird_totals(details, True) == (Decimal("0.24"), Decimal("0.04"))


def test_amounts_are_sent_as_two_decimal_strings(make_document, line):
    body = payloads.external_invoice_body(make_document([line("Mok", "1", "10.33", "2.17")]), "5")
    [detail] = body["external_sales_invoice"]["details_attributes"]
    assert detail == {"description": "Mok", "price": "12.50", "amount": "1",
                      "tax_rate_id": detail["tax_rate_id"], "ledger_account_id": detail["ledger_account_id"]}


def test_a_credit_payment_is_negative(make_document, line):
    document = make_document([line("Mok", "1", "10.33", "2.17")], is_credit=True)
    body = payloads.payment_body(Payment(date(2025, 3, 1), Decimal("12.50"), "9"), document)
    assert body == {"payment": {"payment_date": "2025-03-01", "price": "-12.50", "financial_account_id": "9"}}


@pytest.mark.parametrize(("customer", "expected"), [
    (Customer(id="42"), "c42"),
    (Customer(id="0", email=""), "koppeling-particulier"),
    (Customer(), "koppeling-particulier"),
])
def test_it_keys_contacts_on_our_customer_key(customer, expected):
    assert payloads.customer_id_for(customer) == expected


def test_email_keys_are_hashed_the_same_whatever_the_case():
    first = payloads.customer_id_for(Customer(email="Jan@Example.nl"))
    assert first == payloads.customer_id_for(Customer(email="jan@example.nl "))
    assert first.startswith("k-") and "@" not in first and "." not in first


@pytest.mark.parametrize(("name", "expected"), [
    ("Jan de Vries", ("Jan", "de Vries")), ("Cher", ("", "Cher")), ("", ("", "")),
])
def test_it_splits_names(name, expected):
    assert payloads.split_name(name) == expected


def test_a_contact_without_any_name_gets_its_email_as_company():
    body = payloads.contact_body(Customer(email="x@example.nl"), "k-1")
    assert body == {"contact": {"customer_id": "k-1", "company_name": "x@example.nl", "email": "x@example.nl"}}
