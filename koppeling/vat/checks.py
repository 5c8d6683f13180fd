"""Checks on the shop's own figures before any VAT rule applies: is the sale complete and
consistent? A sale that fails them is refused with a code; we never repair the shop's numbers."""

from __future__ import annotations

from decimal import Decimal

from koppeling.lib.money import cents
from koppeling.sync.canonical import Sale
from koppeling.sync.errors import Refusal, refusal
from koppeling.vat.rates import rate_key


def euro(amount: Decimal) -> str:
    return f"€ {cents(amount):.2f}".replace(".", ",")


def check_input(sale: Sale) -> Refusal | None:
    for check in (_currency, _refund_lines, _lines, _totals):
        found = check(sale)
        if found:
            return found
    return None


def _currency(sale: Sale) -> Refusal | None:
    if sale.currency.upper() != "EUR":
        return refusal("CURRENCY_UNSUPPORTED", currency=sale.currency)
    return None


def _refund_lines(sale: Sale) -> Refusal | None:
    if sale.kind == "refund" and not sale.lines:
        return refusal("REFUND_WITHOUT_LINES", total=euro(sale.total))
    return None


def _lines(sale: Sale) -> Refusal | None:
    for line in sale.lines:
        if line.kind == "gift_card" or line.exempt:
            if line.tax:
                return refusal("VAT_ON_NON_TAXABLE", line=line.description)
            continue
        if line.vat_rate is None:
            return refusal("VAT_RATE_UNKNOWN", line=line.description)
        expected = cents(line.net * line.vat_rate / 100)
        # The shop may round per unit; allow one cent per unit before calling the VAT amount wrong.
        tolerance = Decimal("0.01") * max(Decimal(1), abs(line.quantity))
        if abs(line.tax - expected) > tolerance:
            return refusal("VAT_AMOUNT_MISMATCH", line=line.description, tax=euro(line.tax),
                           rate=rate_key(line.vat_rate), net=euro(line.net), expected=euro(expected))
    return None


def _totals(sale: Sale) -> Refusal | None:
    lines_total = sale.lines_net + sale.lines_tax
    if lines_total != sale.total or sale.lines_tax != sale.total_tax:
        return refusal("TOTALS_MISMATCH", lines=euro(lines_total), total=euro(sale.total))
    return None
