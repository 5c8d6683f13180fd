import pytest

from koppeling.notifications.emails import make_message
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_it_builds_subject_text_and_html_from_the_trio(settings):
    user = make_user()

    message = make_message("welcome", user.email, {"user": user, "tenant": user.tenant})

    assert message.subject == "Welkom bij Koppeling"
    assert message.to == ["anna@theehuis.nl"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Hallo Anna de Vries," in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<ol>" in html and user.tenant.licence_key in html


def test_it_does_not_html_escape_the_text_part():
    user = make_user(first_name="Jan & Co <BV>")
    message = make_message("welcome", [user.email], {"user": user, "tenant": user.tenant})
    assert "Hallo Jan & Co <BV>," in message.body
    assert "Jan &amp; Co &lt;BV&gt;" in message.alternatives[0][0]


def test_it_keeps_the_subject_on_one_line():
    user = make_user()
    message = make_message("weekly-report", user.email, {"user": user, "tenant": user.tenant, "failed_count": 2})
    assert "\n" not in message.subject
    assert message.subject == "Koppeling weekoverzicht: 2 verkopen vragen aandacht"
