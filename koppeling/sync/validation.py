"""Checks a canonical sale against the koppeling's settings and the VAT rules before booking.

Returns the first refusal found, so that the owner sees one clear cause at a time. Pure: no I/O.
"""

from __future__ import annotations

from decimal import Decimal

from koppeling.lib.money import cents
from koppeling.sync.canonical import Sale
from koppeling.sync.errors import Refusal, refusal
from koppeling.sync.models import Koppeling
from koppeling.vat import vat_number
from koppeling.vat.rates import EU_COUNTRIES, is_dutch_rate, rate_key


def validate(koppeling: Koppeling, sale: Sale, target: str) -> Refusal | None:
    for check in (_check_configuration, _check_currency, _check_lines, _check_totals, _check_shipping,
                  _check_icp, _check_vat_mapping, _check_payment_mapping):
        found = check(koppeling, sale, target)
        if found:
            return found
    return None


def _check_configuration(koppeling, sale, target):
    if not koppeling.accounting_config.get("administration_id"):
        return refusal("ADMINISTRATION_MISSING", target=target)
    return None


def _check_currency(koppeling, sale, target):
    if sale.currency.upper() != "EUR":
        return refusal("CURRENCY_UNSUPPORTED", currency=sale.currency)
    return None


def _check_lines(koppeling, sale, target):
    if sale.kind == "refund" and not sale.lines:
        return refusal("REFUND_WITHOUT_LINES", total=_euro(sale.total))
    for line in sale.lines:
        if line.vat_rate is None:
            return refusal("VAT_RATE_UNKNOWN", line=line.description)
        if not is_dutch_rate(line.vat_rate):
            return refusal("VAT_RATE_UNSUPPORTED", line=line.description, rate=rate_key(line.vat_rate))
        expected = cents(line.net * line.vat_rate / 100)
        # The shop may round per unit; allow one cent per unit before calling the VAT amount wrong.
        tolerance = Decimal("0.01") * max(Decimal(1), abs(line.quantity))
        if abs(line.tax - expected) > tolerance:
            return refusal("VAT_AMOUNT_MISMATCH", line=line.description, tax=_euro(line.tax),
                           rate=rate_key(line.vat_rate), net=_euro(line.net), expected=_euro(expected))
    return None


def _check_totals(koppeling, sale, target):
    lines_total = sale.lines_net + sale.lines_tax
    if lines_total != sale.total or sale.lines_tax != sale.total_tax:
        return refusal("TOTALS_MISMATCH", lines=_euro(lines_total), total=_euro(sale.total))
    return None


def _check_shipping(koppeling, sale, target):
    goods_taxed = any(line.kind == "product" and line.vat_rate for line in sale.lines)
    untaxed_shipping = any(line.kind == "shipping" and line.net and not line.tax for line in sale.lines)
    if goods_taxed and untaxed_shipping:
        return refusal("SHIPPING_NO_VAT")
    return None


def _check_icp(koppeling, sale, target):
    """0% on goods to a buyer elsewhere in the EU is only right for a business with a valid VAT number."""
    country = (sale.customer.country or "").upper()
    if country == "NL" or country not in EU_COUNTRIES:
        return None
    goods = [line for line in sale.lines if line.kind == "product" and line.net]
    if not goods or any(line.vat_rate for line in goods):
        return None
    number = sale.customer.vat_number.strip()
    if not number:
        return refusal("ICP_NO_VAT_NUMBER", country=country)
    if not vat_number.is_valid_for(number, country):
        return refusal("ICP_INVALID_VAT_NUMBER", vat_number=number)
    return None


def _check_vat_mapping(koppeling, sale, target):
    for line in sale.lines:
        entry = koppeling.vat_mapping.get(rate_key(line.vat_rate)) or {}
        if not (entry.get("ledger_account_id") and entry.get("tax_rate_id")):
            return refusal("VAT_MAPPING_MISSING", rate=rate_key(line.vat_rate), target=target)
    return None


def _check_payment_mapping(koppeling, sale, target):
    """A paid sale gets its payment booked too, on the account mapped to its payment method."""
    if sale.kind == "refund" or not sale.paid_at or not sale.payment_method:
        return None
    if not koppeling.payment_mapping.get(sale.payment_method):
        return refusal("PAYMENT_MAPPING_MISSING", method=sale.payment_method_title or sale.payment_method)
    return None


def _euro(amount: Decimal) -> str:
    return f"€ {cents(amount):.2f}".replace(".", ",")
