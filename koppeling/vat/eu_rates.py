"""VAT rates of the EU member states, with the dates they took effect.

One data module, easy to update: when a country changes a rate, close the old period (`until`,
exclusive) and add a new one. Source: the European Commission's TEDB database (snapshot of
2026-09-29); tests cross-check today's rates against the `eu-vat-rates-data` package, which follows
TEDB. Which product falls under which reduced rate is country-specific and not in this table: a
line's rate is checked for *existing* in the destination country on the sale's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Period:
    since: date
    until: date | None  # exclusive; None = still in force
    standard: str
    reduced: tuple[str, ...] = ()
    super_reduced: tuple[str, ...] = ()
    parking: tuple[str, ...] = ()


EARLY = date(2000, 1, 1)  # "in force for as long as this table cares"

RATES: dict[str, tuple[Period, ...]] = {
    "AT": (Period(EARLY, date(2026, 1, 1), "20", ("10", "13", "19")),
           Period(date(2026, 1, 1), None, "20", ("10", "13", "19"), ("4.9",))),
    "BE": (Period(EARLY, None, "21", ("6", "12"), (), ("12",)),),
    "BG": (Period(EARLY, None, "20", ("9",)),),
    "CY": (Period(EARLY, None, "19", ("5", "9"), ("3",)),),
    "CZ": (Period(EARLY, date(2024, 1, 1), "21", ("10", "15")),
           Period(date(2024, 1, 1), None, "21", ("12",))),
    "DE": (Period(EARLY, None, "19", ("7",)),),
    "DK": (Period(EARLY, None, "25"),),
    "EE": (Period(EARLY, date(2024, 1, 1), "20", ("9",)),
           Period(date(2024, 1, 1), date(2025, 1, 1), "22", ("9",)),
           Period(date(2025, 1, 1), date(2025, 7, 1), "22", ("9", "13")),
           Period(date(2025, 7, 1), None, "24", ("9", "13"))),
    "ES": (Period(EARLY, None, "21", ("10",), ("4",)),),
    "FI": (Period(EARLY, date(2024, 9, 1), "24", ("10", "14")),
           Period(date(2024, 9, 1), date(2026, 1, 1), "25.5", ("10", "14")),
           Period(date(2026, 1, 1), None, "25.5", ("10", "13.5"))),
    "FR": (Period(EARLY, None, "20", ("0.9", "1.05", "5.5", "8.5", "10", "13"), ("2.1",)),),
    "GR": (Period(EARLY, None, "24", ("6", "13", "17"), ("4",), ("13",)),),
    "HR": (Period(EARLY, None, "25", ("5", "13")),),
    "HU": (Period(EARLY, None, "27", ("5", "18")),),
    "IE": (Period(EARLY, None, "23", ("9", "13.5")),),
    "IT": (Period(EARLY, None, "22", ("5", "10"), ("4",)),),
    "LT": (Period(EARLY, date(2026, 1, 1), "21", ("5", "9")),
           Period(date(2026, 1, 1), None, "21", ("5", "12"))),
    "LU": (Period(EARLY, date(2023, 1, 1), "17", ("8", "14"), ("3",), ("14",)),
           Period(date(2023, 1, 1), date(2024, 1, 1), "16", ("7", "13"), ("3",), ("13",)),
           Period(date(2024, 1, 1), None, "17", ("8", "14"), ("3",), ("14",))),
    "LV": (Period(EARLY, None, "21", ("5", "12")),),
    "MT": (Period(EARLY, None, "18", ("5", "7"), (), ("12",)),),
    "NL": (Period(EARLY, None, "21", ("9",)),),
    "PL": (Period(EARLY, None, "23", ("5", "8"), ("8",)),),
    "PT": (Period(EARLY, None, "23", ("6", "13", "16", "22"), ("6",), ("13",)),),
    "RO": (Period(EARLY, date(2025, 8, 1), "19", ("5", "9")),
           Period(date(2025, 8, 1), None, "21", ("11",))),
    "SE": (Period(EARLY, None, "25", ("6", "12")),),
    "SI": (Period(EARLY, None, "22", ("5", "9.5")),),
    "SK": (Period(EARLY, date(2025, 1, 1), "20", ("10",)),
           Period(date(2025, 1, 1), None, "23", ("5", "19"))),
}

EU_MEMBERS = frozenset(RATES)


def period_on(country: str, day: date) -> Period | None:
    for period in RATES.get(country.upper(), ()):
        if period.since <= day and (period.until is None or day < period.until):
            return period
    return None


def rates_on(country: str, day: date) -> frozenset[Decimal]:
    """Every rate (standard, reduced, super-reduced, parking, and 0) that exists in `country` on `day`."""
    period = period_on(country, day)
    if period is None:
        return frozenset()
    texts = (period.standard, *period.reduced, *period.super_reduced, *period.parking, "0")
    return frozenset(Decimal(text) for text in texts)


def standard_rate(country: str, day: date) -> Decimal | None:
    period = period_on(country, day)
    return Decimal(period.standard) if period else None
