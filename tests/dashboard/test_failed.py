import pytest

from tests.factories import make_sale

pytestmark = pytest.mark.django_db


def test_it_groups_failed_sales_by_cause_with_a_count(owner_client, koppeling):
    for _ in range(3):
        make_sale(koppeling)
    make_sale(koppeling, error_code="CUSTOMER_VAT_INVALID", error_message="Het btw-nummer klopt niet.",
              error_suggestion="Controleer het btw-nummer.", error_setting="")
    make_sale(koppeling, state="booked")

    response = owner_client.get("/fouten/")

    groups = response.context["groups"]
    assert [(g["code"], g["count"]) for g in groups] == [("VAT_UNMAPPED", 3), ("CUSTOMER_VAT_INVALID", 1)]
    assert response.context["total"] == 4
    html = response.content.decode()
    assert html.count("Alle opnieuw verwerken") == 2
    assert "Het btw-nummer klopt niet." in html and "Controleer het btw-nummer." in html


def test_it_shows_number_date_customer_total_and_the_way_to_fix_it(owner_client, koppeling):
    sale = make_sale(koppeling, number="2042", customer_name="Els Bakker", total="1234.50", total_tax="214.25")

    html = owner_client.get("/fouten/").content.decode()

    assert f'href="/verkopen/{sale.pk}/"' in html and "2042" in html
    assert "Els Bakker" in html
    assert "€\xa01.234,50" in html
    assert "2-3-2026" in html
    assert "Kies een grootboekrekening voor 21% btw." in html
    assert f'href="/configuratie/?k={koppeling.pk}#btw"' in html and "Naar instelling" in html
    assert f'action="/verkopen/{sale.pk}/verwerk/"' in html
    assert f'href="/melden/?verkoop={sale.pk}"' in html


def test_it_leaves_out_the_settings_link_without_a_setting(owner_client, koppeling):
    make_sale(koppeling, error_setting="")
    assert "Naar instelling" not in owner_client.get("/fouten/").content.decode()


def test_it_shows_a_calm_message_without_failures(owner_client, koppeling):
    make_sale(koppeling, state="booked")
    html = owner_client.get("/fouten/").content.decode()
    assert "Geen fouten" in html


def test_it_never_shows_another_tenants_failures(owner_client, koppeling, outsider_koppeling):
    make_sale(outsider_koppeling, number="666", customer_name="Iemand Anders")
    html = owner_client.get("/fouten/").content.decode()
    assert "Iemand Anders" not in html
    assert "Geen fouten" in html
