import pytest

from koppeling.sync import actions, tasks
from koppeling.sync.models import SaleEvent
from tests.factories import make_sale


@pytest.fixture
def processed(monkeypatch) -> list:
    calls = []
    monkeypatch.setattr(actions, "process_now", lambda sale: calls.append(sale.pk) or True)
    return calls


@pytest.mark.django_db
def test_it_processes_a_failed_sale_and_confirms(owner_client, koppeling, processed):
    sale = make_sale(koppeling, number="1001")

    response = owner_client.post(f"/verkopen/{sale.pk}/verwerk/", {"next": "/fouten/"}, follow=True)

    assert processed == [sale.pk]
    assert response.redirect_chain[-1][0] == "/fouten/"
    assert "Verkoop 1001 wordt nu verwerkt." in response.content.decode()


@pytest.mark.django_db
def test_it_ignores_a_next_url_on_another_site(owner_client, koppeling, processed):
    sale = make_sale(koppeling)
    response = owner_client.post(f"/verkopen/{sale.pk}/verwerk/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/verkopen/{sale.pk}/"


@pytest.mark.django_db
def test_it_does_not_process_a_booked_sale(owner_client, koppeling, processed):
    sale = make_sale(koppeling, state="booked", number="77")
    response = owner_client.post(f"/verkopen/{sale.pk}/verwerk/", follow=True)
    assert processed == []
    assert "Verkoop 77 hoeft niet verwerkt te worden" in response.content.decode()


@pytest.mark.django_db
def test_it_accepts_post_only(owner_client, koppeling, processed):
    sale = make_sale(koppeling)
    assert owner_client.get(f"/verkopen/{sale.pk}/verwerk/").status_code == 405
    assert processed == []


@pytest.mark.django_db
def test_it_refuses_another_tenants_sale(owner_client, outsider_koppeling, processed):
    sale = make_sale(outsider_koppeling)
    assert owner_client.post(f"/verkopen/{sale.pk}/verwerk/").status_code == 404
    assert processed == []


@pytest.mark.django_db
def test_it_requeues_through_the_engine(owner_client, koppeling, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "process_sale", lambda sale_id, priority=None: queued.append((sale_id, priority)))
    sale = make_sale(koppeling)

    owner_client.post(f"/verkopen/{sale.pk}/verwerk/")

    assert queued == [(sale.pk, actions.PRIORITY)]
    sale.refresh_from_db()
    assert sale.state == "ready"
    assert sale.events.filter(kind=SaleEvent.Kind.REQUEUED).exists()
