import pytest
from django.core.cache import cache

from tests.factories import make_sale

pytestmark = pytest.mark.django_db


def test_it_lists_open_sales_with_their_reason(owner_client, koppeling):
    sale = make_sale(koppeling, state="open", number="3003", shop_status="on-hold",
                     reason="De bestelling staat in de winkel op 'In de wacht'.")
    make_sale(koppeling, state="failed", number="3004")

    html = owner_client.get("/open/").content.decode()

    assert f'href="/verkopen/{sale.pk}/"' in html
    assert "on-hold" in html and "In de wacht" in html
    assert "3004" not in html


def test_it_shows_the_shops_status_label_when_known(owner_client, koppeling):
    make_sale(koppeling, state="open", shop_status="on-hold")
    cache.set(f"discovery:status-labels:{koppeling.pk}", {"on-hold": "In de wacht"})

    html = owner_client.get("/open/").content.decode()

    assert "In de wacht" in html and "(on-hold)" in html


def test_it_never_shows_another_tenants_open_sales(owner_client, koppeling, outsider_koppeling):
    make_sale(outsider_koppeling, state="open", number="8888")
    html = owner_client.get("/open/").content.decode()
    assert "8888" not in html and "Niets open" in html
