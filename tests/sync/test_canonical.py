import json
from decimal import Decimal
from pathlib import Path

from koppeling.sync.canonical import from_json, to_json

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-sale.json"


def test_the_documented_example_parses_and_adds_up():
    sale = from_json(json.loads(EXAMPLE.read_text()))
    assert sale.total == Decimal("75.00")
    assert sale.lines_net + sale.lines_tax == sale.total
    assert sale.lines_tax == sale.total_tax
    assert sale.lines[0].vat_rate == Decimal("9")
    assert sale.customer.key == "c7"


def test_json_round_trip_keeps_amounts_exact():
    data = json.loads(EXAMPLE.read_text())
    again = to_json(from_json(data))
    assert again["lines"][1]["net"] == "24.79"
    assert again["total"] == "75.00"
    assert from_json(again) == from_json(data)


def test_amounts_never_become_floats():
    data = json.loads(EXAMPLE.read_text())
    data["total"] = 75.1  # a careless producer sends a JSON number
    assert from_json(data).total == Decimal("75.1")


def test_a_guest_is_keyed_on_email():
    data = json.loads(EXAMPLE.read_text())
    data["customer"]["id"] = "0"
    data["customer"]["email"] = "Anna@Example.nl "
    assert from_json(data).customer.key == "e:anna@example.nl"
