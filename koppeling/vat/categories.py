"""VAT categories: what a booking line is for VAT, which return box it lands in, and its code.

A category code is stable: it is the key of the koppeling's ledger/VAT-code mapping and of the
VAT-return check. NL_21, NL_9, NL_0, NL_EXEMPT, ICP, EXPORT, OSS_<country>_<rate>, GIFT_CARD, ROUNDING.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from koppeling.vat.rates import rate_key

# Return boxes of the Dutch VAT return (aangifte omzetbelasting) that sales land in. "OSS" is the
# separate OSS return; "" means no box (not a taxable supply: gift cards sold, rounding).
BOX_LABELS = {
    "1a": _("1a Leveringen/diensten belast met hoog tarief"),
    "1b": _("1b Leveringen/diensten belast met laag tarief"),
    "1c": _("1c Leveringen/diensten belast met overige tarieven"),
    "1e": _("1e Leveringen/diensten belast met 0% of niet bij u belast"),
    "3a": _("3a Leveringen naar landen buiten de EU"),
    "3b": _("3b Leveringen naar of diensten in landen binnen de EU"),
    "OSS": _("OSS-aangifte (éénloketsysteem)"),
    "": _("Geen rubriek"),
}


@dataclass(frozen=True)
class Category:
    code: str
    box: str
    rate: Decimal | None  # None: no VAT applies at all (exempt, gift card, rounding)

    @property
    def label(self) -> str:
        return str(_label(self))


def _label(category: Category) -> str:
    code = category.code
    if code.startswith("NL_") and category.rate is not None:
        return _("Nederland %(rate)s%%") % {"rate": rate_key(category.rate)}
    if code.startswith("OSS_"):
        return _("OSS %(country)s %(rate)s%%") % {"country": code.split("_")[1], "rate": rate_key(category.rate)}
    return {"NL_EXEMPT": _("Vrijgesteld van btw"), "ICP": _("Intracommunautaire levering (ICP) 0%"),
            "EXPORT": _("Export buiten de EU 0%"), "GIFT_CARD": _("Cadeaubonnen (meervoudig, zonder btw)"),
            "ROUNDING": _("Afrondingsverschillen")}.get(code, code)


def nl(rate: Decimal) -> Category:
    box = {Decimal("21"): "1a", Decimal("9"): "1b", Decimal("0"): "1e"}.get(Decimal(rate), "1c")
    return Category(f"NL_{rate_key(rate)}", box, Decimal(rate))


def oss(country: str, rate: Decimal) -> Category:
    return Category(f"OSS_{country.upper()}_{rate_key(rate)}", "OSS", Decimal(rate))


ICP = Category("ICP", "3b", Decimal("0"))
EXPORT = Category("EXPORT", "3a", Decimal("0"))
EXEMPT = Category("NL_EXEMPT", "", None)
GIFT_CARD = Category("GIFT_CARD", "", None)
ROUNDING = Category("ROUNDING", "", None)
FIXED = {c.code: c for c in (ICP, EXPORT, EXEMPT, GIFT_CARD, ROUNDING)}


def parse(code: str) -> Category:
    """The category for a stored code (mapping keys, booked lines)."""
    if code in FIXED:
        return FIXED[code]
    parts = code.split("_")
    if parts[0] == "NL" and len(parts) == 2:
        return nl(Decimal(parts[1]))
    if parts[0] == "OSS" and len(parts) == 3:
        return oss(parts[1], Decimal(parts[2]))
    raise ValueError(f"unknown VAT category {code!r}")
