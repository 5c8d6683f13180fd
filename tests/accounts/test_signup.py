from datetime import timedelta

import pytest
from django.core import mail

from koppeling.accounts.models import Tenant, User
from tests.factories import make_user

pytestmark = pytest.mark.django_db

VALID = {"company": "Theehuis Utrecht", "name": "Anna de Vries", "email": "Anna@Theehuis.nl",
         "password": "Zonnebloem-Tulp-42"}


def test_it_creates_tenant_and_user_and_logs_in(client):
    response = client.post("/aanmelden/", VALID)

    assert response.status_code == 302 and response["Location"] == "/koppelingen/nieuw/"
    user = User.objects.get()
    assert (user.username, user.email, user.first_name) == ("anna@theehuis.nl", "anna@theehuis.nl", "Anna de Vries")
    assert user.tenant.name == "Theehuis Utrecht" and user.tenant.licence_key
    assert user.check_password(VALID["password"])
    assert client.get("/koppelingen/nieuw/").status_code == 200


def test_it_sends_a_welcome_mail(client):
    client.post("/aanmelden/", VALID)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@theehuis.nl"]
    assert message.subject == "Welkom bij Koppeling"
    assert User.objects.get().tenant.licence_key in message.body
    assert message.alternatives[0][1] == "text/html"


def test_it_schedules_the_first_weekly_mail_a_week_ahead(client):
    client.post("/aanmelden/", VALID)
    tenant = Tenant.objects.get()
    assert timedelta(days=7) <= tenant.next_report_at - tenant.created_at < timedelta(days=7, minutes=1)


def test_it_refuses_an_email_address_that_is_taken(client):
    make_user(email="anna@theehuis.nl")

    response = client.post("/aanmelden/", VALID)

    assert response.status_code == 200
    assert "Er is al een account met dit e-mailadres." in response.content.decode()
    assert Tenant.objects.count() == 1


def test_it_refuses_a_weak_password_in_dutch(client):
    response = client.post("/aanmelden/", {**VALID, "password": "12345678"})

    html = response.content.decode()
    assert "Dit wachtwoord is te algemeen." in html or "Dit wachtwoord is volledig numeriek." in html
    assert not User.objects.exists()


def test_it_requires_every_field(client):
    response = client.post("/aanmelden/", {})
    assert response.content.decode().count("Dit veld is verplicht.") == 4
    assert not Tenant.objects.exists()


def test_it_sends_a_logged_in_user_to_home(owner_client):
    assert owner_client.get("/aanmelden/")["Location"] == "/"
