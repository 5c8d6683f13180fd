"""The hand-checked VAT scenario table (tests/vat/scenarios/) against classify().

A row the module gets wrong today is a strict xfail whose reason says what it does instead."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from koppeling.sync.errors import CATALOGUE
from koppeling.vat.classify import VatResult, classify
from tests.vat.scenarios import ANY_REFUSAL, Scenario, all_scenarios

SCENARIOS = all_scenarios()


def _params(rows: list[Scenario], *, mark_wrong: bool = True) -> list:
    return [pytest.param(row, id=row.name,
                         marks=[pytest.mark.xfail(strict=True, reason=row.wrong)] if row.wrong and mark_wrong else [])
            for row in rows]


def _classify(row: Scenario) -> VatResult:
    return classify(copy.deepcopy(row.sale), row.settings, row.check)


def _booked(result: VatResult) -> dict[str, tuple[Decimal, Decimal, str]]:
    boxes = {line.category.code: line.category.box for line in result.lines}
    return {code: (net, tax, boxes[code]) for code, (net, tax) in result.totals().items()}


def _expected(row: Scenario) -> dict[str, tuple[Decimal, Decimal, str]]:
    return {code: (Decimal(net), Decimal(tax), box) for code, (net, tax, box) in row.books.items()}


def test_the_table_has_at_least_forty_uniquely_named_rows():
    names = [row.name for row in SCENARIOS]
    assert len(names) >= 40
    assert len(set(names)) == len(names)


def test_every_row_expects_either_a_booking_or_a_refusal():
    for row in SCENARIOS:
        assert bool(row.refusal) != bool(row.books), row.name
        assert row.refusal in (None, ANY_REFUSAL) or row.refusal in CATALOGUE, row.name


@pytest.mark.parametrize("row", _params(SCENARIOS))
def test_it_gives_the_hand_checked_outcome(row: Scenario):
    result = _classify(row)
    if row.refusal:
        assert result.refusal is not None, f"booked {_booked(result)}"
        assert row.refusal in (ANY_REFUSAL, result.refusal.code)
        assert result.lines == [] and result.treatment is None
        return
    assert result.refusal is None, f"refused {result.refusal.code}: {result.refusal.message}"
    assert result.treatment.kind == row.treatment
    assert _booked(result) == _expected(row)
    assert sum(line.gross for line in result.lines) == row.sale.total


@pytest.mark.parametrize("row", _params(SCENARIOS, mark_wrong=False))
def test_whatever_it_books_adds_up_to_the_sale_total(row: Scenario):
    """The invariant, for every row (right or wrong): booked gross == the shop's total, to the cent;
    a refusal carries a catalogued code with a Dutch message and suggestion."""
    result = _classify(row)
    if result.refusal:
        assert result.refusal.code in CATALOGUE
        assert result.refusal.message and result.refusal.suggestion
    else:
        assert sum(line.gross for line in result.lines) == row.sale.total
