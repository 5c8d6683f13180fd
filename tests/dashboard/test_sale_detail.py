from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import canonical, make_booking, make_event, make_sale

pytestmark = pytest.mark.django_db


def test_it_shows_the_canonical_sale(owner_client, koppeling):
    data = canonical(total="121.00", tax="21.00")
    data["customer"].update(company="De Boer BV", vat_number="NL123456789B01", city="Utrecht")
    sale = make_sale(koppeling, canonical=data)

    html = owner_client.get(f"/verkopen/{sale.pk}/").content.decode()

    assert "Groene thee" in html
    assert "€\xa0100,00" in html and "€\xa021,00" in html and "€\xa0121,00" in html
    assert "21%" in html
    assert "De Boer BV" in html and "NL123456789B01" in html and "Utrecht" in html
    assert "iDEAL" in html


def test_it_shows_the_history_and_the_refusal(owner_client, koppeling):
    sale = make_sale(koppeling)
    make_event(sale, kind="fetched", at=timezone.now())
    make_event(sale, kind="refused", error_code="VAT_UNMAPPED", message="Btw-tarief 21% is niet gekoppeld.",
               suggestion="Kies een grootboekrekening.", reference="K1-1001")

    html = owner_client.get(f"/verkopen/{sale.pk}/").content.decode()

    assert "Opgehaald" in html and "Geweigerd" in html
    assert "Kies een grootboekrekening." in html and "K1-1001" in html
    assert "Waarom niet geboekt" in html
    assert "Verwerk" in html and "Meld probleem" in html


def test_it_shows_the_booking(owner_client, koppeling):
    booking = make_booking(make_sale(koppeling, state="booked"))

    html = owner_client.get(f"/verkopen/{booking.sale_id}/").content.decode()

    assert booking.target_number in html and booking.target_url in html
    assert booking.reference in html
    assert f'action="/verkopen/{booking.sale_id}/verwerk/"' not in html


def test_it_survives_a_malformed_amount(owner_client, koppeling):
    data = canonical()
    data["lines"][0]["net"] = "twaalf"
    sale = make_sale(koppeling, canonical=data)
    assert owner_client.get(f"/verkopen/{sale.pk}/").status_code == 200


def test_it_refuses_another_tenants_sale(owner_client, koppeling, outsider_koppeling):
    sale = make_sale(outsider_koppeling)
    assert owner_client.get(f"/verkopen/{sale.pk}/").status_code == 404


def test_it_shows_how_a_waiting_sale_will_be_booked(owner_client, koppeling):
    koppeling.accounting_config = {"administration_id": "1"}
    koppeling.vat_mapping = {"NL_21": {"ledger_account_id": "8000", "tax_rate_id": "T21"}}
    koppeling.save()
    sale = make_sale(koppeling, state="ready")

    response = owner_client.get(f"/verkopen/{sale.pk}/")

    plan = response.context["plan"]
    assert [(line["category"], line["ledger"], line["tax_code"]) for line in plan["lines"]] == [
        ("Nederland 21%", "8000", "T21")]
    html = response.content.decode()
    assert "Zo boeken we deze verkoop" in html and "1a Leveringen/diensten belast met hoog tarief" in html


def test_it_shows_the_lines_as_booked(owner_client, koppeling):
    document = {"lines": [{"description": "Groene thee", "net": "100.00", "tax": "21.00", "category": "NL_21",
                           "ledger_account_id": "8000", "tax_rate_id": "T21"}]}
    booking = make_booking(make_sale(koppeling, state="booked"), document=document)

    response = owner_client.get(f"/verkopen/{booking.sale_id}/")

    assert response.context["booked_lines"][0]["gross"] == Decimal("121.00")
    assert "Zo boeken we deze verkoop" not in response.content.decode()
