"""`koppeling preview SALE.json [--koppeling ID] [--json]`: what would be booked, booking nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from koppeling.sync.models import Booking, Sale

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-sale.json"
pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("preview", *args, stdout=out)
    return out.getvalue()


def test_it_shows_lines_categories_boxes_and_totals():
    text = run(str(EXAMPLE))
    assert "Behandeling: Nederland" in text
    assert "Nederland 9%" in text and "Nederland 21%" in text
    assert "Totaal" in text and "75.00" in text
    assert "1a Leveringen/diensten belast met hoog tarief" in text
    assert "volgt de goederen" in text  # the shipping split is explained


def test_json_output_adds_up_to_the_sale(tmp_path):
    data = json.loads(run(str(EXAMPLE), "--json"))
    assert data["refusal"] is None and data["treatment"] == "domestic"
    assert data["totals"]["gross"] == "75.00"
    assert {line["category"] for line in data["lines"]} == {"NL_9", "NL_21"}
    assert set(data["boxes"]) == {"1a", "1b"}


def test_a_refusal_is_shown_with_its_code(tmp_path):
    sale = json.loads(EXAMPLE.read_text())
    sale["lines"][2]["tax"], sale["lines"][2]["vat_rate"], sale["lines"][2]["net"] = "0", "0", "5.00"
    sale["total_tax"] = "8.51"
    path = tmp_path / "sale.json"
    path.write_text(json.dumps(sale))
    text = run(str(path))
    assert "GEWEIGERD [SHIPPING_NO_VAT]" in text
    assert "Wat te doen:" in text
    assert json.loads(run(str(path), "--json"))["refusal"]["code"] == "SHIPPING_NO_VAT"


def test_with_a_koppeling_it_shows_the_mapping_and_books_nothing(koppeling):
    text = run(str(EXAMPLE), "--koppeling", str(koppeling.pk))
    assert "LNL_9" in text and "TNL_21" in text  # the mapped ledger account and VAT code
    assert not Sale.objects.exists() and not Booking.objects.exists()


def test_bad_input_gets_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        run(str(tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text('{"kind": "order"}')
    with pytest.raises(CommandError, match="geen geldige verkoop"):
        run(str(broken))
    with pytest.raises(CommandError, match="bestaat niet"):
        run(str(EXAMPLE), "--koppeling", "999")
