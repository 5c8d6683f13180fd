"""The EU rate table (koppeling/vat/eu_rates.py) against the European Commission's TEDB, as packaged in
`eu-vat-rates-data`, and the effective dates of the rate changes since OSS started (vat-rules §5)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import eu_vat_rates_data
import pytest

from koppeling.vat import eu_rates
from koppeling.vat.eu_rates import EU_MEMBERS, RATES, rates_on, standard_rate
from koppeling.vat.rates import EU_COUNTRIES

PACKAGE = eu_vat_rates_data.get_all_rates()
PACKAGE_MEMBERS = sorted(code for code, entry in PACKAGE.items() if entry["eu_member"])
SNAPSHOT = date.fromisoformat(eu_vat_rates_data.data_version)
DAYS = {"snapshot": SNAPSHOT, "today": date.today()}
OSS_START = date(2021, 7, 1)

# Standard-rate changes since OSS started, from TEDB (vatnode/eu-vat-rates-data
# data/eu-vat-rates-history.json, which the wheel does not ship): (first day, rate). Every other member
# kept one standard rate over the whole period.
CHANGES = {
    "EE": [(OSS_START, "20"), (date(2024, 1, 1), "22"), (date(2025, 7, 1), "24")],
    "FI": [(OSS_START, "24"), (date(2024, 9, 1), "25.5")],
    "LU": [(OSS_START, "17"), (date(2023, 1, 1), "16"), (date(2024, 1, 1), "17")],
    "RO": [(OSS_START, "19"), (date(2025, 8, 1), "21")],
    "SK": [(OSS_START, "20"), (date(2025, 1, 1), "23")],
}


def _decimal(rate: float) -> Decimal:
    return Decimal(str(rate))


def _package_rates(country: str) -> frozenset[Decimal]:
    entry = PACKAGE[country]
    rates = [entry["standard"], *entry["reduced"], entry["super_reduced"], entry["parking"], 0]
    return frozenset(_decimal(rate) for rate in rates if rate is not None)


def _history(country: str) -> list[tuple[date, Decimal]]:
    changes = CHANGES.get(country) or [(OSS_START, str(PACKAGE[country]["standard"]))]
    return [(since, Decimal(rate)) for since, rate in changes]


def test_the_members_are_the_eu_27_of_tedb():
    assert len(PACKAGE_MEMBERS) == 27
    assert sorted(EU_MEMBERS) == PACKAGE_MEMBERS
    assert EU_COUNTRIES == EU_MEMBERS


@pytest.mark.parametrize("day", DAYS.values(), ids=DAYS.keys())
@pytest.mark.parametrize("country", PACKAGE_MEMBERS)
def test_it_has_exactly_tedbs_rates(country, day):
    """Standard, reduced, super-reduced and parking rates, plus 0."""
    assert rates_on(country, day) == _package_rates(country)
    assert standard_rate(country, day) == _decimal(PACKAGE[country]["standard"])


@pytest.mark.parametrize("country", PACKAGE_MEMBERS)
def test_its_periods_follow_each_other_without_gaps_or_overlaps(country):
    periods = RATES[country]
    assert periods[0].since <= OSS_START
    assert periods[-1].until is None
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert earlier.since < earlier.until == later.since


@pytest.mark.parametrize("country", PACKAGE_MEMBERS)
def test_its_standard_rate_changes_on_the_tedb_dates(country):
    history = _history(country)
    for (since, rate), following in zip(history, [*history[1:], None], strict=True):
        assert standard_rate(country, since) == rate, since
        last_day = following[0] - timedelta(days=1) if following else SNAPSHOT
        assert standard_rate(country, last_day) == rate, last_day
        assert rate in rates_on(country, since)


@pytest.mark.parametrize(("country", "day", "rate"), [
    ("FI", date(2024, 8, 31), "25.5"),
    ("EE", date(2025, 6, 30), "24"),
    ("RO", date(2025, 7, 31), "21"),
    ("SK", date(2024, 12, 31), "23"),
])
def test_a_new_standard_rate_does_not_exist_before_its_day(country, day, rate):
    assert Decimal(rate) not in rates_on(country, day)


def test_it_knows_no_rates_for_countries_outside_the_eu():
    for country in ("CH", "GB", "NO", "XI", "US", "IC"):
        assert rates_on(country, SNAPSHOT) == frozenset()
        assert standard_rate(country, SNAPSHOT) is None


def test_it_finds_a_member_in_lower_case_too():
    assert rates_on("de", SNAPSHOT) == rates_on("DE", SNAPSHOT)


# vat-rules §5: the TEDB reduced-rate lists "can include rates introduced in 2026 (e.g. AT 4.9
# super-reduced, FI 13.5, LT 12...)". Those rates cannot exist on a day in 2025.
MID_2025 = date(2025, 6, 1)


@pytest.mark.parametrize(("country", "rate"), [("FI", "13.5"), ("LT", "12"), ("AT", "4.9")])
def test_a_reduced_rate_introduced_in_2026_does_not_exist_in_2025(country, rate):
    assert Decimal(rate) not in rates_on(country, MID_2025)


def test_finlands_14_percent_still_exists_in_2025():
    assert Decimal("14") in rates_on("FI", MID_2025)


def test_the_table_starts_before_oss_did():
    assert eu_rates.EARLY <= OSS_START
