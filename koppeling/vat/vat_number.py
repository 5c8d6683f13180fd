"""Checking a buyer's EU VAT number (syntax and check digits, via python-stdnum)."""

from __future__ import annotations

from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError

from koppeling.vat.rates import vat_prefix


def normalize(number: str) -> str:
    return eu_vat.compact(number or "") if number else ""


def is_valid_for(number: str, country: str) -> bool:
    """Valid check digits AND issued by the buyer's country (a Dutch number never makes an ICP sale)."""
    try:
        compact = eu_vat.validate(number)
    except (ValidationError, ValueError):
        return False
    return compact[:2].upper() == vat_prefix(country.upper())


def issuing_country(number: str) -> str:
    """The ISO country whose administration issued a (check-digit valid) EU VAT number, or ""."""
    try:
        prefix = eu_vat.validate(number)[:2].upper()
    except (ValidationError, ValueError):
        return ""
    return "GR" if prefix == "EL" else prefix
