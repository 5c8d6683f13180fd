"""Checks on the shop's own figures before any VAT rule applies: is the sale complete and
consistent? A sale that fails them is refused with a code; we never repair the shop's numbers."""

from __future__ import annotations

from decimal import Decimal

from koppeling.lib.money import CENT, cents
from koppeling.sync.canonical import LINE_KINDS, SALE_KINDS, Sale
from koppeling.sync.errors import Refusal, refusal
from koppeling.vat.rates import rate_key

MAX_AMOUNT = Decimal("1E+10")  # ten billion euro: anything larger is a broken feed, not a sale


def euro(amount: Decimal) -> str:
    return f"€ {cents(amount):.2f}".replace(".", ",")


def check_input(sale: Sale) -> Refusal | None:
    for check in (_kinds, _amounts, _currency, _refund_lines, _refund_sign, _lines, _totals):
        found = check(sale)
        if found:
            return found
    return None


def _kinds(sale: Sale) -> Refusal | None:
    if sale.kind not in SALE_KINDS:
        return refusal("KIND_UNKNOWN", kind=sale.kind)
    unknown = next((line for line in sale.lines if line.kind not in LINE_KINDS), None)
    return refusal("KIND_UNKNOWN", kind=unknown.kind) if unknown else None


def _is_amount(value: Decimal | None) -> bool:
    """A finite amount in whole cents, of a sane size."""
    return value is not None and value.is_finite() and abs(value) < MAX_AMOUNT and value == value.quantize(CENT)


def _amounts(sale: Sale) -> Refusal | None:
    values = [sale.total, sale.total_tax, *(v for line in sale.lines for v in (line.net, line.tax))]
    if not all(_is_amount(value) for value in values):
        return refusal("AMOUNT_INVALID")
    rates = [line.vat_rate for line in sale.lines if line.vat_rate is not None]
    quantities = [line.quantity for line in sale.lines]
    if not all(v.is_finite() and 0 <= v <= 100 for v in rates) or not all(q.is_finite() for q in quantities):
        return refusal("AMOUNT_INVALID")
    return None


def _currency(sale: Sale) -> Refusal | None:
    if sale.currency.upper() != "EUR":
        return refusal("CURRENCY_UNSUPPORTED", currency=sale.currency)
    return None


def _refund_lines(sale: Sale) -> Refusal | None:
    if sale.kind == "refund" and not sale.lines:
        return refusal("REFUND_WITHOUT_LINES", total=euro(sale.total))
    return None


def _refund_sign(sale: Sale) -> Refusal | None:
    """A refund corrects revenue: its total is negative (a positive one would add revenue)."""
    if sale.kind == "refund" and sale.total > 0:
        return refusal("REFUND_NOT_NEGATIVE", total=euro(sale.total))
    return None


def _tolerance(quantity: Decimal) -> Decimal:
    """What rounding per unit can explain: half a cent per unit plus half a cent for the line."""
    return Decimal("0.005") * max(Decimal(1), abs(quantity)) + Decimal("0.005")


def _lines(sale: Sale) -> Refusal | None:
    for line in sale.lines:
        if line.kind == "gift_card" or line.exempt:
            if line.tax:
                return refusal("VAT_ON_NON_TAXABLE", line=line.description)
            continue
        if line.vat_rate is None:
            return refusal("VAT_RATE_UNKNOWN", line=line.description)
        expected = cents(line.net * line.vat_rate / 100)
        tolerance = _tolerance(line.quantity) if line.vat_rate else Decimal("0")
        if abs(line.tax - expected) > tolerance:
            return refusal("VAT_AMOUNT_MISMATCH", line=line.description, tax=euro(line.tax),
                           rate=rate_key(line.vat_rate), net=euro(line.net), expected=euro(expected))
    return None


def _totals(sale: Sale) -> Refusal | None:
    lines_total = sale.lines_net + sale.lines_tax
    if lines_total != sale.total or sale.lines_tax != sale.total_tax:
        return refusal("TOTALS_MISMATCH", lines=euro(lines_total), total=euro(sale.total))
    return None
