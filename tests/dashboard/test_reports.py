from datetime import datetime

import pytest
from django.utils import timezone

from tests.factories import make_booking, make_sale

pytestmark = pytest.mark.django_db


def _booked(koppeling, number: str, month: int, **fields):
    sold_at = timezone.make_aware(datetime(2026, month, 10, 12, 0))
    return make_booking(make_sale(koppeling, state="booked", number=number, sold_at=sold_at, **fields))


def test_it_lists_bookings_with_the_accounting_reference(owner_client, koppeling):
    booking = _booked(koppeling, "1001", 3, total="60.50", total_tax="10.50")

    html = owner_client.get("/rapportage/").content.decode()

    assert "1001" in html and "Bestelling" in html
    assert "10-3-2026" in html
    assert "€\xa060,50" in html
    assert f'href="{booking.target_url}"' in html and booking.target_number in html


def test_it_filters_by_month_of_the_sale(owner_client, koppeling):
    _booked(koppeling, "1001", 3)
    _booked(koppeling, "1002", 4)

    response = owner_client.get("/rapportage/", {"maand": "2026-04"})

    numbers = [b.sale.number for b in response.context["page"]]
    assert numbers == ["1002"]
    html = response.content.decode()
    assert 'value="2026-04" selected' in html and 'value="2026-03"' in html


def test_it_ignores_a_malformed_month(owner_client, koppeling):
    _booked(koppeling, "1001", 3)
    response = owner_client.get("/rapportage/", {"maand": "maart"})
    assert response.context["page"].paginator.count == 1


def test_it_paginates(owner_client, koppeling):
    for n in range(51):
        _booked(koppeling, str(5000 + n), 3)

    first = owner_client.get("/rapportage/")
    second = owner_client.get("/rapportage/", {"pagina": 2})

    assert len(first.context["page"]) == 50 and len(second.context["page"]) == 1
    assert "Pagina 1 van 2" in first.content.decode()


def test_it_never_shows_another_tenants_bookings(owner_client, koppeling, outsider_koppeling):
    _booked(outsider_koppeling, "9999", 3)
    response = owner_client.get("/rapportage/")
    assert response.context["page"].paginator.count == 0
    assert "9999" not in response.content.decode()
