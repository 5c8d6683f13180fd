import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_logs_in_with_the_email_address_in_any_case(client, owner):
    response = client.post("/login/", {"username": "ANNA@theehuis.nl", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_it_explains_a_wrong_password_in_dutch(client, owner):
    response = client.post("/login/", {"username": "anna@theehuis.nl", "password": "fout"})
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in response.content.decode()


def test_it_logs_out_with_post(owner_client):
    response = owner_client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert owner_client.get("/")["Location"].startswith("/login/")


def test_it_shows_a_dutch_login_page(client):
    html = client.get("/login/").content.decode()
    assert "Inloggen" in html and "E-mailadres" in html and 'href="/aanmelden/"' in html
