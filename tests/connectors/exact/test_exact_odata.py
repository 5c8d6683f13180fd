"""OData helpers: filter literals, envelopes, dates, error texts, and JSON numbers without float."""

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from koppeling.connectors.accounting.exact import odata

FIXTURES = Path(__file__).parents[3] / "koppeling/connectors/accounting/exact/fixtures"


def test_quotes_in_a_literal_are_doubled():
    assert odata.eq("YourRef", "O'Brien") == "YourRef eq 'O''Brien'"
    assert odata.all_of("A eq 1", "B eq 2") == "A eq 1 and B eq 2"
    assert odata.any_of("A eq 1", "B eq 2") == "(A eq 1 or B eq 2)"


def test_list_and_entity_envelopes():
    page = {"d": {"results": [{"ID": "a"}], "__next": "https://start.exactonline.nl/api/v1/1/x?$skiptoken=guid'a'"}}
    assert odata.results(page) == [{"ID": "a"}]
    assert odata.next_link(page).endswith("$skiptoken=guid'a'")
    assert odata.entity({"d": {"ID": "b"}}) == {"ID": "b"}
    assert odata.entity({"d": {"results": [{"ID": "c"}]}}) == {"ID": "c"}
    with pytest.raises(ValueError):
        odata.results({"error": {}})


def test_dates_are_epoch_milliseconds():
    assert odata.parse_date("/Date(1420070400000)/") == datetime(2015, 1, 1, tzinfo=UTC)
    assert odata.parse_date("2015-01-01") is None


def test_percentages_come_as_fractions():
    assert odata.percentage(0.21) == Decimal("21")
    assert odata.percentage(0.09) == Decimal("9")
    assert odata.percentage(0) == Decimal("0")
    assert odata.percentage(21) == Decimal("21")
    assert odata.percentage(None) is None


def test_the_error_text_is_exacts_own_message():
    body = (FIXTURES / "exact_error.json").read_text()
    assert odata.error_text(body) == "Relatie: Verplicht"
    assert odata.error_text("Bad Gateway") == "Bad Gateway"


def test_amounts_are_written_as_json_numbers_without_float():
    body = {"AmountFC": Decimal("0.10"), "Lines": [{"VATAmountFC": Decimal("-12345678901.23")}], "Text": "0.1"}
    text = odata.dumps(body).decode()
    assert '"AmountFC": 0.10' in text and '"VATAmountFC": -12345678901.23' in text and '"Text": "0.1"' in text
    assert json.loads(text, parse_float=Decimal)["Lines"][0]["VATAmountFC"] == Decimal("-12345678901.23")
