"""Decimal helpers. Every amount in Koppeling is a Decimal; floats never touch money."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_decimal(value, default: Decimal | None = None) -> Decimal:
    """Parse a shop's amount (string, int or JSON number) without going through float."""
    if value is None or value == "":
        if default is None:
            raise InvalidOperation(f"no amount: {value!r}")
        return default
    if isinstance(value, float):
        # JSON numbers arrive as float from json.loads; repr gives the shortest exact text.
        value = repr(value)
    amount = Decimal(str(value).strip())
    if not amount.is_finite():
        raise InvalidOperation(f"not an amount: {value!r}")
    return amount


def cents(value: Decimal) -> Decimal:
    """Round half up to whole cents, as the Belastingdienst prescribes for VAT amounts."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    """A plain two-decimal string, as APIs want it (no exponent, no thousands separator)."""
    return f"{cents(value):.2f}"
