"""Pure functions from our booking documents to Moneybird request bodies, and back.

Totals must equal the shop's to the cent. Moneybird computes VAT itself, per tax rate over the
summed lines (rounded half up), so we send amounts that make its arithmetic land on the shop's
numbers: whole line amounts, and a unit price only when it divides the line exactly in cents.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

from koppeling.connectors.base import BookingDocument, BookingResult, Payment
from koppeling.lib.money import ZERO, cents, fmt, to_decimal
from koppeling.sync.canonical import Customer

SOURCE = "Koppeling"
PARTICULIER_CUSTOMER_ID = "koppeling-particulier"
# Bookkeeping texts stay Dutch whatever the dashboard language: they live in the administration.
PARTICULIER_NAME = "Particuliere klant webshop"
_PATH_SAFE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def customer_id_for(customer: Customer) -> str:
    """Our customer key as Moneybird's `customer_id`, safe inside a URL path.

    Keys with other characters (e-mail keys such as "e:jan@example.nl") are hashed: a dot would
    clash with the ".json" suffix of the lookup path, and e-mail addresses do not belong in URLs.
    """
    key = customer.key
    if not key:
        return PARTICULIER_CUSTOMER_ID
    if _PATH_SAFE.match(key):
        return key
    return "k-" + hashlib.sha256(key.encode()).hexdigest()[:24]


def split_name(name: str) -> tuple[str, str]:
    """"Jan de Vries" -> ("Jan", "de Vries"); a single word is the last name."""
    parts = name.split(None, 1)
    if len(parts) == 2:
        return parts[0], parts[1]
    return "", parts[0] if parts else ""


def contact_body(customer: Customer, customer_id: str) -> dict:
    if customer_id == PARTICULIER_CUSTOMER_ID:
        return {"contact": {"customer_id": customer_id, "company_name": PARTICULIER_NAME}}
    firstname, lastname = split_name(customer.name.strip())
    company = customer.company.strip()
    if not (company or lastname):
        company = customer.email or PARTICULIER_NAME
    fields = {"customer_id": customer_id, "company_name": company, "firstname": firstname,
              "lastname": lastname, "address1": customer.address1, "address2": customer.address2,
              "zipcode": customer.zipcode, "city": customer.city, "country": customer.country.upper(),
              "email": customer.email, "tax_number": customer.vat_number.replace(" ", "").upper()}
    return {"contact": {k: v for k, v in fields.items() if v}}


@dataclass
class Detail:
    description: str
    amount: str  # Moneybird's quantity field, e.g. "3"
    price: Decimal  # per unit, in cents
    tax_rate_id: str
    ledger_account_id: str
    vat_rate: Decimal

    @property
    def total(self) -> Decimal:
        return cents(self.price * Decimal(self.amount))


def sign_of(document: BookingDocument) -> int:
    """-1 when a credit note arrives with positive amounts; credit notes are booked negative."""
    return -1 if document.is_credit and document.total > 0 else 1


def quantity_text(quantity: Decimal) -> str:
    return format(quantity.normalize(), "f")


def split_quantity(total: Decimal, quantity: Decimal, description: str) -> tuple[str, Decimal, str]:
    """(amount, unit price, description): a unit price only when it is exact in cents."""
    quantity = abs(quantity)
    if quantity in (0, 1):
        return "1", total, description
    unit = cents(total / quantity)
    if unit * quantity == total:
        return quantity_text(quantity), unit, description
    return "1", total, f"{quantity_text(quantity)} x {description}"


def build_details(document: BookingDocument, incl: bool) -> list[Detail]:
    sign, details = sign_of(document), []
    for line in document.lines:
        total = (line.gross if incl else line.net) * sign
        description = line.description or "Omzet webshop"
        if document.is_credit and document.original_reference:
            description = f"{description} (creditering van {document.original_reference})"
        amount, price, description = split_quantity(total, line.quantity, description)
        details.append(Detail(description, amount, price, line.tax_rate_id, line.ledger_account_id,
                              line.vat_rate))
    return details


def moneybird_totals(details: list[Detail], incl: bool) -> tuple[Decimal, Decimal]:
    """(total incl. VAT, VAT) as Moneybird will compute them: per tax rate, rounded half up."""
    per_rate: dict[str, tuple[Decimal, Decimal]] = {}
    for detail in details:
        summed, rate = per_rate.get(detail.tax_rate_id, (ZERO, detail.vat_rate))
        per_rate[detail.tax_rate_id] = (summed + detail.total, rate)
    total, tax = ZERO, ZERO
    for summed, rate in per_rate.values():
        rate_tax = cents(summed * rate / (100 + rate)) if incl else cents(summed * rate / 100)
        total += summed if incl else summed + rate_tax
        tax += rate_tax
    return total, tax


def choose_incl(document: BookingDocument) -> bool:
    """Send prices incl. VAT or not: the shop's own choice when Moneybird's rounding then lands on
    the shop's total and VAT; else the other when that does; else incl. (the paid total stays exact)."""
    sign = sign_of(document)
    shop = (sum((line.gross for line in document.lines), ZERO) * sign,
            sum((line.tax for line in document.lines), ZERO) * sign)
    for incl in (document.prices_include_tax, not document.prices_include_tax):
        if moneybird_totals(build_details(document, incl), incl) == shop:
            return incl
    return True


def details_attributes(details: list[Detail]) -> list[dict]:
    return [{"description": d.description, "price": fmt(d.price), "amount": d.amount,
             "tax_rate_id": d.tax_rate_id, "ledger_account_id": d.ledger_account_id} for d in details]


def external_invoice_body(document: BookingDocument, contact_id: str) -> dict:
    incl = choose_incl(document)
    body = {"contact_id": contact_id, "reference": document.reference, "date": document.date.isoformat(),
            "due_date": document.date.isoformat(), "currency": document.currency,
            "prices_are_incl_tax": incl, "source": SOURCE,
            "details_attributes": details_attributes(build_details(document, incl))}
    if document.source_url:
        body["source_url"] = document.source_url
    return {"external_sales_invoice": body}


def sales_invoice_body(document: BookingDocument, contact_id: str) -> dict:
    incl = choose_incl(document)
    return {"sales_invoice": {
        "contact_id": contact_id, "reference": document.reference,
        "invoice_date": document.date.isoformat(), "currency": document.currency,
        "prices_are_incl_tax": incl, "details_attributes": details_attributes(build_details(document, incl)),
    }}


SEND_MANUALLY = {"sales_invoice_sending": {"delivery_method": "Manual"}}


def payment_body(payment: Payment, document: BookingDocument) -> dict:
    amount = payment.amount * (-1 if document.is_credit and payment.amount > 0 else 1)
    return {"payment": {"payment_date": payment.date.isoformat(), "price": fmt(amount),
                        "financial_account_id": payment.financial_account_id}}


def booking_result(invoice: dict, url: str) -> BookingResult:
    total = invoice.get("total_price_incl_tax")
    return BookingResult(target_id=str(invoice["id"]),
                         number=str(invoice.get("invoice_id") or invoice.get("reference") or ""),
                         url=url, total=None if total in (None, "") else to_decimal(total))
