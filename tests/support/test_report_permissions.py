import pytest

from koppeling.support.models import ProblemReport
from tests.factories import make_sale

pytestmark = pytest.mark.django_db


def test_it_refuses_a_report_on_another_tenants_sale(owner_client, koppeling, outsider_koppeling):
    sale = make_sale(outsider_koppeling)
    assert owner_client.get("/melden/", {"verkoop": sale.pk}).status_code == 404
    assert owner_client.post("/melden/", {"verkoop": sale.pk, "note": "x"}).status_code == 404
    assert not ProblemReport.objects.exists()


def test_it_hides_another_tenants_report(owner_client, koppeling, outsider, outsider_koppeling):
    report = ProblemReport.objects.create(tenant=outsider.tenant, user=outsider, note="geheim")
    assert owner_client.get(f"/melden/{report.pk}/").status_code == 404
