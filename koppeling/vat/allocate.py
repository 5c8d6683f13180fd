"""Spreading an amount over parts in proportion, to the cent, the last part taking the remainder.

Used for shipping and other ancillary costs (they follow the goods, split by the goods' value per
rate) and for discounts given on the order as a whole (they reduce the goods pro rata).
"""

from __future__ import annotations

from decimal import Decimal

from koppeling.lib.money import ZERO, cents


def split(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`amount` in parts proportional to `weights`; the parts add up to `amount` exactly."""
    total = sum(weights, ZERO)
    if not weights:
        return []
    if total == 0:
        return [amount] + [ZERO] * (len(weights) - 1)
    parts = [cents(amount * weight / total) for weight in weights[:-1]]
    return [*parts, amount - sum(parts, ZERO)]


def vat_in_gross(gross: Decimal, rate: Decimal) -> Decimal:
    """The VAT contained in a price including VAT, rounded half up to cents."""
    return cents(gross * rate / (100 + rate))


def vat_on_net(net: Decimal, rate: Decimal) -> Decimal:
    return cents(net * rate / 100)
