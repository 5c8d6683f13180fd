"""Log in, walk the six tabs (with a screenshot of each), and press Verwerk on a failed sale."""

from datetime import timedelta

import pytest
from django.utils import timezone

from koppeling.sync import tasks
from koppeling.sync.models import Koppeling
from tests.browser.conftest import CHROMIUM, screenshot
from tests.factories import PASSWORD, canonical, make_booking, make_event, make_sale

if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABS = [("Home", "/", "Overzicht"), ("Fouten", "/fouten/", "Fouten"), ("Rapportage", "/rapportage/", "Rapportage"),
        ("Open", "/open/", "Open"), ("Configuratie", "/configuratie/", "Configuratie"),
        ("Profiel", "/profiel/", "Profiel")]


@pytest.fixture
def shop_data(connected):
    now = timezone.now()
    Koppeling.objects.filter(pk=connected.pk).update(
        sales_status="ok", accounting_status="ok", last_poll_at=now - timedelta(minutes=3))
    for n in range(4):
        booked = make_sale(connected, state="booked", sold_at=now - timedelta(days=n, hours=2))
        make_booking(booked)
    failed = make_sale(connected, number="1042", customer_name="Sanne de Vries")
    make_event(failed, kind="fetched")
    make_event(failed, kind="refused", error_code="VAT_UNMAPPED", message=failed.error_message,
               suggestion=failed.error_suggestion)
    make_sale(connected, number="1043", error_code="CUSTOMER_VAT_INVALID", error_setting="",
              error_message="Het btw-nummer DE123 van de klant is ongeldig.",
              error_suggestion="Vraag de klant om een geldig btw-nummer of boek met Nederlandse btw.",
              canonical=canonical(total="242.00", tax="42.00"))
    make_sale(connected, state="open", number="1044", shop_status="on-hold",
              reason="De bestelling staat in de winkel op 'In de wacht'.")
    make_sale(connected, state="ready", number="1045")
    return failed


def _login(page, email: str = "anna@theehuis.nl") -> None:
    page.goto("/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/")


def test_it_walks_every_tab(page, shop_data):
    _login(page)

    for tab, path, heading in TABS:
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=tab).click()
        page.wait_for_url(f"**{path}")
        assert page.get_by_role("heading", level=1).first.inner_text().startswith(heading)
        screenshot(page, tab.lower())

    page.goto(f"/verkopen/{shop_data.pk}/")
    screenshot(page, "verkoop")
    page.goto("/rapportage/btw/")
    screenshot(page, "btw-controle")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/fouten/")
    screenshot(page, "fouten-mobiel")


def test_it_processes_a_failed_sale(page, shop_data, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "process_sale", lambda sale_id, priority=None: queued.append(sale_id))
    _login(page)
    page.goto("/fouten/")

    page.get_by_role("button", name="Verwerk Bestelling 1042").click()

    page.wait_for_url("**/fouten/")
    assert "Verkoop 1042 wordt nu verwerkt." in page.locator(".messages").inner_text()
    assert queued == [shop_data.pk]
