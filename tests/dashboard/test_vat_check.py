from datetime import datetime

import pytest
from django.utils import timezone

from tests.factories import make_booking, make_sale

pytestmark = pytest.mark.django_db

DOCUMENT = {"date": "2026-03-02", "lines": [{"description": "Groene thee", "net": "100.00", "tax": "21.00",
                                             "category": "NL_21", "ledger_account_id": "8000", "tax_rate_id": "T"}]}


def _booked(koppeling, number: str = "1001"):
    sold_at = timezone.make_aware(datetime(2026, 3, 2, 10, 0))
    return make_booking(make_sale(koppeling, state="booked", number=number, sold_at=sold_at), document=DOCUMENT)


def test_it_compares_sold_and_booked_per_category(owner_client, koppeling):
    _booked(koppeling)
    make_sale(koppeling, state="failed", number="1002", sold_at=timezone.make_aware(datetime(2026, 2, 1, 12, 0)))

    response = owner_client.get("/rapportage/btw/", {"kwartaal": "2026-1"})

    row = {r.code: r for r in response.context["rows"]}["NL_21"]
    assert (row.sold_tax, row.booked_tax, row.unbooked) == (42, 21, 1)
    html = response.content.decode()
    assert "Nederland 21%" in html and "1a Leveringen/diensten belast met hoog tarief" in html
    assert "Btw-controle 1e kwartaal 2026" in html


def test_it_downloads_the_check_as_csv(owner_client, koppeling):
    _booked(koppeling)

    response = owner_client.get("/rapportage/btw/", {"kwartaal": "2026-1", "formaat": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="btw-2026-K1.csv"' in response["Content-Disposition"]
    assert "NL_21;Nederland 21%;1a" in response.content.decode()


def test_it_leaves_out_other_tenants(owner_client, koppeling, outsider_koppeling):
    _booked(outsider_koppeling, number="9999")
    response = owner_client.get("/rapportage/btw/", {"kwartaal": "2026-1"})
    assert response.context["rows"] == []
    assert "Geen verkopen in dit kwartaal." in response.content.decode()


def test_it_falls_back_to_the_current_quarter(owner_client, koppeling):
    response = owner_client.get("/rapportage/btw/", {"kwartaal": "volgende week"})
    today = timezone.localdate()
    assert (response.context["report"].year, response.context["report"].quarter) == (
        today.year, (today.month - 1) // 3 + 1)
