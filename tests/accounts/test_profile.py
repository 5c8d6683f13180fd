import pytest

from koppeling.accounts.models import User
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW = "Paarse-Olifant-77"


def test_it_shows_the_licence_key_and_current_details(owner_client, owner):
    html = owner_client.get("/profiel/").content.decode()
    assert owner.tenant.licence_key in html
    assert 'value="anna@theehuis.nl"' in html and "Anna de Vries" in html


def test_it_saves_name_email_and_weekly_mail_choice(owner_client, owner):
    response = owner_client.post("/profiel/", {"form": "profile", "first_name": "Anna Jansen",
                                               "email": "Anna@Jansen.nl"})

    assert response["Location"] == "/profiel/"
    owner.refresh_from_db()
    assert (owner.first_name, owner.email, owner.username) == ("Anna Jansen", "anna@jansen.nl", "anna@jansen.nl")
    assert owner.weekly_report is False


def test_it_refuses_an_email_address_of_someone_else(owner_client, owner, outsider):
    response = owner_client.post("/profiel/", {"form": "profile", "first_name": "Anna", "email": outsider.email,
                                               "weekly_report": "on"})
    assert "Er is al een account met dit e-mailadres." in response.content.decode()
    owner.refresh_from_db()
    assert owner.email == "anna@theehuis.nl"


def test_it_changes_the_password_and_keeps_the_user_logged_in(owner_client, owner):
    response = owner_client.post("/profiel/", {"form": "password", "old_password": PASSWORD,
                                               "new_password1": NEW, "new_password2": NEW})

    assert response["Location"] == "/profiel/"
    assert User.objects.get(pk=owner.pk).check_password(NEW)
    assert owner_client.get("/profiel/").status_code == 200


def test_it_refuses_a_wrong_old_password(owner_client, owner):
    response = owner_client.post("/profiel/", {"form": "password", "old_password": "fout",
                                               "new_password1": NEW, "new_password2": NEW})
    assert "Uw oude wachtwoord is niet juist ingevoerd." in response.content.decode()
    assert User.objects.get(pk=owner.pk).check_password(PASSWORD)


def test_it_switches_the_language_to_english(owner_client):
    response = owner_client.post("/i18n/setlang/", {"language": "en", "next": "/profiel/"})
    assert response["Location"] == "/profiel/"
    html = owner_client.get("/profiel/").content.decode()
    assert '<html lang="en">' in html


def test_it_shows_only_the_users_own_tenant(owner_client, outsider):
    assert outsider.tenant.licence_key not in owner_client.get("/profiel/").content.decode()


def test_it_does_not_touch_other_users(owner_client, owner):
    other = make_user(owner.tenant, email="collega@theehuis.nl")
    owner_client.post("/profiel/", {"form": "profile", "first_name": "X", "email": "x@theehuis.nl"})
    other.refresh_from_db()
    assert other.email == "collega@theehuis.nl"
