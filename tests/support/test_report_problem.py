import json

import pytest
from django.core import mail

from koppeling.support.models import ProblemReport
from tests.factories import make_event, make_sale

pytestmark = pytest.mark.django_db


def test_it_shows_the_sale_on_the_form(owner_client, koppeling):
    sale = make_sale(koppeling, number="1001")
    html = owner_client.get("/melden/", {"verkoop": sale.pk}).content.decode()
    assert "Bestelling 1001" in html and "Btw-tarief 21% is niet gekoppeld." in html
    assert f'name="verkoop" value="{sale.pk}"' in html


def test_it_creates_a_report_and_confirms_with_its_number(owner_client, owner, koppeling):
    sale = make_sale(koppeling)

    response = owner_client.post("/melden/", {"verkoop": sale.pk, "note": "Dit tarief heb ik wel gekoppeld."},
                                 follow=True)

    report = ProblemReport.objects.get()
    assert (report.tenant, report.user, report.sale, report.koppeling) == (owner.tenant, owner, sale, koppeling)
    assert report.note == "Dit tarief heb ik wel gekoppeld."
    assert f"Je melding is ontvangen (nummer #{report.pk})" in response.content.decode()


def test_it_mails_support_with_the_snapshot_and_confirms_to_the_user(owner_client, koppeling, settings):
    sale = make_sale(koppeling, customer_name="Jürgen Weiß", raw={"city": "Königstraße 5, Köln"})
    make_event(sale, kind="refused", error_code="VAT_UNMAPPED", message="Btw-tarief 21% is niet gekoppeld.")

    owner_client.post("/melden/", {"verkoop": sale.pk, "note": "Help"})

    report = ProblemReport.objects.get()
    to_support, to_user = mail.outbox
    assert to_support.to == [settings.SUPPORT_EMAIL] and to_support.reply_to == ["anna@theehuis.nl"]
    assert f"#{report.pk}" in to_support.subject and "VAT_UNMAPPED" in to_support.subject
    name, content, mimetype = to_support.attachments[0]
    assert name == f"melding-{report.pk}.json" and mimetype == "application/json"
    attached = json.loads(to_support.message().get_payload()[1].get_payload(decode=True).decode())
    assert attached["sale"]["events"][0]["error_code"] == "VAT_UNMAPPED"
    assert attached["sale"]["raw"] == {"city": "Königstraße 5, Köln"}
    assert json.loads(content) == attached
    assert to_user.to == ["anna@theehuis.nl"]
    assert f"#{report.pk}" in to_user.subject


def test_it_accepts_a_report_without_a_note_or_sale(owner_client, koppeling):
    response = owner_client.post("/melden/", {"k": koppeling.pk})
    report = ProblemReport.objects.get()
    assert response["Location"] == f"/melden/{report.pk}/"
    assert report.sale is None and report.koppeling == koppeling
    assert report.snapshot["sale"] is None and report.snapshot["koppeling"]["name"] == "Webwinkel"


def test_it_keeps_the_report_when_mail_fails(owner_client, koppeling, monkeypatch):
    def broken(self, fail_silently=False):
        raise OSError("mailserver weg")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)

    response = owner_client.post("/melden/", {"note": "x"}, follow=True)

    assert ProblemReport.objects.count() == 1
    assert "Je melding is ontvangen" in response.content.decode()
