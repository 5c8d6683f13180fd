import pytest

from koppeling.sync import actions
from tests.factories import make_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def reprocessed(monkeypatch) -> list:
    calls = []

    def fake(koppeling, error_code):
        calls.append((koppeling.pk, error_code))
        return 3

    monkeypatch.setattr(actions, "reprocess_cause", fake)
    return calls


def test_it_reprocesses_every_sale_with_the_cause(owner_client, koppeling, reprocessed):
    make_sale(koppeling)

    response = owner_client.post("/fouten/opnieuw/", {"k": koppeling.pk, "error_code": "VAT_UNMAPPED"},
                                 follow=True)

    assert reprocessed == [(koppeling.pk, "VAT_UNMAPPED")]
    assert "3 verkopen worden opnieuw verwerkt." in response.content.decode()


def test_it_refuses_another_tenants_koppeling(owner_client, koppeling, outsider_koppeling, reprocessed):
    response = owner_client.post("/fouten/opnieuw/", {"k": outsider_koppeling.pk, "error_code": "X"})
    assert response.status_code == 404
    assert reprocessed == []


def test_it_requires_a_koppeling(owner_client, koppeling, reprocessed):
    assert owner_client.post("/fouten/opnieuw/", {"error_code": "X"}).status_code == 404
    assert reprocessed == []
