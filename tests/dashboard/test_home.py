from datetime import timedelta

import pytest
from django.utils import timezone

from koppeling.accounts.models import User
from koppeling.sync.models import Koppeling
from tests.factories import make_koppeling, make_sale

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_explains_when_the_user_has_no_tenant(client):
    client.force_login(User.objects.create_user(username="staff", email="staff@koppeling.local", password="x"))
    response = client.get("/")
    assert response.status_code == 403
    assert "Geen klantaccount" in response.content.decode()


def test_it_counts_sales_per_state(owner_client, koppeling):
    for state, count in {"booked": 3, "failed": 2, "open": 1, "ready": 4, "skipped": 5}.items():
        for _ in range(count):
            make_sale(koppeling, state=state)

    response = owner_client.get("/")

    counters = {c["state"]: c["count"] for c in response.context["cards"][0]["counters"]}
    assert counters == {"booked": 3, "failed": 2, "open": 1, "ready": 4, "skipped": 5}
    html = response.content.decode()
    for label in ("Geboekt", "Fouten", "Open", "In de wachtrij", "Overgeslagen"):
        assert label in html


def test_it_shows_connection_dots_and_poll_state(owner_client, koppeling):
    Koppeling.objects.filter(pk=koppeling.pk).update(
        sales_status="ok", accounting_status="error", accounting_status_message="Token verlopen",
        last_poll_at=timezone.now(), last_poll_error="WooCommerce gaf geen antwoord")

    html = owner_client.get("/").content.decode()

    assert 'class="dot dot-ok"' in html and 'class="dot dot-error"' in html
    assert "Token verlopen" in html
    assert "Laatst opgehaald" in html
    assert "WooCommerce gaf geen antwoord" in html


def test_it_shows_why_a_koppeling_is_paused(owner_client, koppeling):
    Koppeling.objects.filter(pk=koppeling.pk).update(
        paused_until=timezone.now() + timedelta(minutes=20), paused_reason="Moneybird rekent te veel verzoeken")

    html = owner_client.get("/").content.decode()

    assert "Gepauzeerd" in html and "Moneybird rekent te veel verzoeken" in html


def test_it_shows_every_koppeling_of_the_tenant_only(owner_client, koppeling, outsider_koppeling):
    make_koppeling(koppeling.tenant, name="Tweede winkel")

    html = owner_client.get("/").content.decode()

    assert "Webwinkel" in html and "Tweede winkel" in html
    assert "Fietsen" not in html


def test_it_offers_a_new_koppeling_when_there_is_none(owner_client):
    html = owner_client.get("/").content.decode()
    assert "Je hebt nog geen koppeling" in html
    assert 'href="/koppelingen/nieuw/"' in html
