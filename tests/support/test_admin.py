import pytest

from koppeling.accounts.models import User
from koppeling.support.reports import create_report
from tests.factories import make_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("support", "support@koppeling.local", "x"))
    return client


def test_it_lists_reports_in_the_back_office(admin_client, owner, koppeling):
    report = create_report(owner, koppeling, make_sale(koppeling, number="1001"), "Help")

    html = admin_client.get("/admin/support/problemreport/").content.decode()

    assert f"#{report.pk}" in html and "Theehuis Utrecht" in html and "VAT_UNMAPPED" in html


def test_it_shows_the_snapshot_and_lets_support_set_the_status(admin_client, owner, koppeling):
    report = create_report(owner, koppeling, make_sale(koppeling), "Help")
    url = f"/admin/support/problemreport/{report.pk}/change/"

    assert "Groene thee" in admin_client.get(url).content.decode()
    admin_client.post(url, {"status": "solved", "support_notes": "Tarief gekoppeld."})

    report.refresh_from_db()
    assert (report.status, report.support_notes) == ("solved", "Tarief gekoppeld.")
