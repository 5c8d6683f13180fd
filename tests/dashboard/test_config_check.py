import pytest
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_it_tests_both_connections(owner_client, connected):
    response = owner_client.post("/configuratie/testen/", {"k": connected.pk}, follow=True)

    connected.refresh_from_db()
    assert (connected.sales_status, connected.accounting_status) == ("ok", "ok")
    assert "Beide verbindingen werken." in response.content.decode()


def test_it_shows_which_connection_fails(owner_client, connected):
    connected.sales_credentials = {"consumer_key": "ck_fout", "consumer_secret": "cs_fout"}
    connected.save()

    response = owner_client.post("/configuratie/testen/", {"k": connected.pk}, follow=True)

    connected.refresh_from_db()
    assert connected.sales_status == "error" and connected.accounting_status == "ok"
    html = response.content.decode()
    assert "Niet elke verbinding werkt." in html
    assert escape(connected.sales_status_message) in html
