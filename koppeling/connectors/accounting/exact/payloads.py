"""Pure functions from our booking documents to Exact Online request bodies, and back.

Totals equal the shop's to the cent because every line carries the shop's own VAT amount
(`VATAmountFC` overrides the VAT Exact would compute) next to its amount excluding VAT (`AmountFC`).
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

from koppeling.connectors.accounting.exact import odata
from koppeling.connectors.base import BookingDocument, BookingLine, BookingResult
from koppeling.lib.money import cents
from koppeling.sync.canonical import Customer

CODE_LENGTH = 18  # Exact's limit for an account Code
CODE_PREFIX = "KP"  # keeps our codes apart from the relation numbers the owner already uses
PARTICULIER_CODE = "KPPARTICULIER"
# Bookkeeping texts stay Dutch whatever the dashboard language: they live in the administration.
PARTICULIER_NAME = "Particuliere klant webshop"
GENERIC_ITEM_CODE = "KOPPELING"
GENERIC_ITEM_NAME = "Verkoop webwinkel"
SALES_ENTRY, SALES_CREDIT = 20, 21
INVOICE, INVOICE_CREDIT = 8020, 8021
DESCRIPTION_LENGTH = 60  # Exact's description fields are short (limit UNCONFIRMED)
_CODE_SAFE = re.compile(r"^[A-Za-z0-9]+$")


def account_code(customer: Customer) -> str:
    """Our customer key as an Exact account Code of at most 18 characters.

    "c42" -> "KPC42"; keys with other characters or too long (the e-mail keys of guests) become
    "KP" + 16 hex characters of their SHA-256, so that they stay stable and never show an address.
    """
    key = customer.key
    if not key:
        return PARTICULIER_CODE
    if _CODE_SAFE.match(key) and len(CODE_PREFIX + key) <= CODE_LENGTH:
        return (CODE_PREFIX + key).upper()
    return CODE_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:CODE_LENGTH - len(CODE_PREFIX)].upper()


def padded(code: str) -> str:
    """Exact stores codes right-aligned in 18 characters; a filter may need that form too."""
    return code.rjust(CODE_LENGTH)


def account_name(customer: Customer) -> str:
    return (customer.company.strip() or customer.name.strip() or customer.email.strip()
            or PARTICULIER_NAME)[:50]


def account_body(customer: Customer, code: str) -> dict:
    if code == PARTICULIER_CODE:
        return {"Code": code, "Name": PARTICULIER_NAME, "Status": "C", "IsSales": True}
    fields = {"Code": code, "Name": account_name(customer), "Email": customer.email.strip(),
              "AddressLine1": customer.address1, "AddressLine2": customer.address2,
              "Postcode": customer.zipcode, "City": customer.city, "Country": customer.country.upper(),
              "VATNumber": customer.vat_number.replace(" ", "").upper(), "Status": "C", "IsSales": True}
    return {key: value for key, value in fields.items() if value not in ("", None)}


def sign_of(document: BookingDocument) -> int:
    """-1 when a credit note arrives with positive amounts: Exact's credit entries are negative."""
    return -1 if document.is_credit and document.total > 0 else 1


def line_description(document: BookingDocument, line: BookingLine) -> str:
    text = line.description or "Omzet webshop"
    if document.is_credit and document.original_reference:
        text = f"{text} (creditering van {document.original_reference})"
    return text[:DESCRIPTION_LENGTH]


def entry_line(document: BookingDocument, line: BookingLine) -> dict:
    sign = sign_of(document)
    return {"GLAccount": line.ledger_account_id, "AmountFC": cents(line.net * sign), "VATCode": line.tax_rate_id,
            "VATAmountFC": cents(line.tax * sign), "Description": line_description(document, line),
            "Quantity": abs(line.quantity).normalize() if line.quantity else Decimal(1)}


def header_description(document: BookingDocument) -> str:
    return (document.description or f"Webshop {document.reference}")[:DESCRIPTION_LENGTH]


def sales_entry_body(document: BookingDocument, customer_id: str, journal: str) -> dict:
    return {"Customer": customer_id, "Journal": journal, "EntryDate": f"{document.date.isoformat()}T00:00:00",
            "YourRef": document.reference, "Description": header_description(document),
            "Type": SALES_CREDIT if document.is_credit else SALES_ENTRY, "Currency": document.currency,
            "SalesEntryLines": [entry_line(document, line) for line in document.lines]}


def invoice_line(document: BookingDocument, line: BookingLine, item_id: str) -> dict:
    """One invoice line per shop line, quantity 1 at the line's net amount, so that no unit price is
    rounded; the shop's VAT goes along as VATAmountFC."""
    sign = sign_of(document)
    return {"Item": item_id, "Quantity": Decimal(1), "NetPrice": cents(line.net * sign),
            "UnitPrice": cents(line.net * sign), "GLAccount": line.ledger_account_id,
            "VATCode": line.tax_rate_id, "VATAmountFC": cents(line.tax * sign),
            "Description": line_description(document, line)}


def sales_invoice_body(document: BookingDocument, customer_id: str, journal: str, item_id: str) -> dict:
    return {"InvoiceTo": customer_id, "OrderedBy": customer_id, "Journal": journal,
            "InvoiceDate": f"{document.date.isoformat()}T00:00:00", "YourRef": document.reference,
            "Description": header_description(document), "Currency": document.currency,
            "Type": INVOICE_CREDIT if document.is_credit else INVOICE,
            "SalesInvoiceLines": [invoice_line(document, line, item_id) for line in document.lines]}


def item_body() -> dict:
    return {"Code": GENERIC_ITEM_CODE, "Description": GENERIC_ITEM_NAME, "IsSalesItem": True}


def _total(record: dict) -> Decimal | None:
    total = odata.amount(record.get("AmountDC"))
    return None if total is None else cents(total)


def entry_result(entry: dict, url: str) -> BookingResult:
    return BookingResult(target_id=str(entry["EntryID"]), number=str(entry.get("EntryNumber") or ""), url=url,
                         total=_total(entry))


def invoice_result(invoice: dict, url: str) -> BookingResult:
    return BookingResult(target_id=str(invoice["InvoiceID"]), number=str(invoice.get("InvoiceNumber") or ""),
                         url=url, total=_total(invoice))
