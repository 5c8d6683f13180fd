"""Dutch VAT rates and EU membership, as needed to check a sale before it is booked."""

from __future__ import annotations

from decimal import Decimal

NL_RATES = (Decimal("21"), Decimal("9"), Decimal("0"))

# EU member states by ISO code (Greece's VAT prefix is EL, its ISO code GR).
EU_COUNTRIES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)


def rate_key(rate: Decimal) -> str:
    """The mapping key of a rate: "21", "9", "0", "5.5" (no trailing zeros, no exponent)."""
    text = format(Decimal(rate).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def is_dutch_rate(rate: Decimal) -> bool:
    return any(Decimal(rate) == nl for nl in NL_RATES)


def vat_prefix(country: str) -> str:
    return "EL" if country == "GR" else country
