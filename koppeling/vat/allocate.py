"""Spreading an amount over parts in proportion, to the cent.

Used for shipping and other ancillary costs (they follow the goods, split by the goods' value per
rate) and for discounts given on the order as a whole (they reduce the goods pro rata). Largest
remainder: every part is rounded toward zero, then the leftover cents go to the parts that lost
the most, so the parts add up exactly and never get the wrong sign.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from koppeling.lib.money import CENT, ZERO, cents


def split(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`amount` in parts proportional to `weights`; the parts add up to `amount` exactly."""
    if not weights:
        return []
    total = sum(weights, ZERO)
    if total == 0:
        return [amount] + [ZERO] * (len(weights) - 1)
    sign = -1 if amount < 0 else 1
    exact = [abs(amount) * weight / total for weight in weights]
    parts = [share.quantize(CENT, rounding=ROUND_DOWN) for share in exact]
    leftover = int((abs(amount) - sum(parts, ZERO)) / CENT)
    # Ties go to the later parts, so that "the last line takes the remainder" still holds.
    by_remainder = sorted(range(len(parts)), key=lambda i: (exact[i] - parts[i], i), reverse=True)
    for index in by_remainder[:leftover]:
        parts[index] += CENT
    return [sign * part for part in parts]


def vat_in_gross(gross: Decimal, rate: Decimal) -> Decimal:
    """The VAT contained in a price including VAT, rounded half up to cents."""
    return cents(gross * rate / (100 + rate))


def vat_on_net(net: Decimal, rate: Decimal) -> Decimal:
    return cents(net * rate / 100)
