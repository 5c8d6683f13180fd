"""Builders for canonical sales in the VAT tests: amounts as Decimal strings, the sale's totals worked
out from its lines unless a test wants them wrong on purpose."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from koppeling.sync.canonical import Customer, Line, Sale

# A Monday in March 2026, 11:00 in Amsterdam: no rate changes anywhere near it.
WHEN = "2026-03-02T10:00:00+00:00"


def line(kind: str, net: str, tax: str, rate: str | None, quantity: str = "1", *,
         exempt: bool = False, description: str = "") -> Line:
    return Line(kind=kind, description=description or kind, quantity=Decimal(quantity), net=Decimal(net),
                tax=Decimal(tax), vat_rate=None if rate is None else Decimal(rate), exempt=exempt)


def product(net: str, tax: str, rate: str | None, quantity: str = "1", **options) -> Line:
    return line("product", net, tax, rate, quantity, **options)


def shipping(net: str, tax: str, rate: str | None) -> Line:
    return line("shipping", net, tax, rate, description="Verzending")


def fee(net: str, tax: str, rate: str | None) -> Line:
    return line("fee", net, tax, rate, description="Betaalkosten")


def discount(net: str, tax: str, rate: str | None) -> Line:
    return line("discount", net, tax, rate, description="Korting")


def gift_card(amount: str) -> Line:
    """A multi-purpose gift card: sold (positive) or redeemed (negative), never with VAT."""
    return line("gift_card", amount, "0.00", None, description="Cadeaubon")


def sale(*lines: Line, country: str = "NL", vat_number: str = "", incl: bool = True, kind: str = "order",
         when: str = WHEN, currency: str = "EUR", total: str | None = None, total_tax: str | None = None,
         zipcode: str = "") -> Sale:
    """A sale whose total and total_tax add up from its lines (pass `total`/`total_tax` to break that)."""
    net = sum((item.net for item in lines), Decimal("0"))
    tax = sum((item.tax for item in lines), Decimal("0"))
    moment = datetime.fromisoformat(when)
    return Sale(
        kind=kind, source_id="1001", number="1001", status="processing", created_at=moment,
        modified_at=moment, currency=currency, prices_include_tax=incl,
        total=Decimal(total) if total is not None else net + tax,
        total_tax=Decimal(total_tax) if total_tax is not None else tax,
        customer=Customer(id="7", name="Klant", country=country, vat_number=vat_number, zipcode=zipcode),
        lines=list(lines), refund_of="1000" if kind == "refund" else "",
    )


def refund(*lines: Line, **options) -> Sale:
    return sale(*lines, kind="refund", **options)
