"""A new shop owner signs up and lands on Nieuwe koppeling, then creates one."""

import pytest
from django.core import mail

from koppeling.accounts.models import User
from tests.browser.conftest import CHROMIUM, screenshot

if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_signs_up_and_creates_a_koppeling(page):
    page.goto("/login/")
    screenshot(page, "login")
    page.get_by_role("link", name="Meld je aan").click()
    page.get_by_label("Bedrijfsnaam").fill("Kaasboer Gouda")
    page.get_by_label("Je naam").fill("Kees Jansen")
    page.get_by_label("E-mailadres").fill("kees@kaasboer.nl")
    page.get_by_label("Wachtwoord").fill("Belegen-Kaas-2026")
    screenshot(page, "aanmelden")
    page.get_by_role("button", name="Account aanmaken").click()

    page.wait_for_url("**/koppelingen/nieuw/")
    assert "Je account is aangemaakt" in page.locator(".messages").inner_text()
    screenshot(page, "nieuwe-koppeling")
    assert User.objects.get().tenant.name == "Kaasboer Gouda"
    assert mail.outbox[0].to == ["kees@kaasboer.nl"]

    page.get_by_label("Naam").fill("Kaaswinkel")
    page.get_by_label("WooCommerce").check()
    page.get_by_label("Moneybird").check()
    page.get_by_role("button", name="Koppeling aanmaken").click()
    page.wait_for_url("**/configuratie/?k=*")
    assert "Koppeling Kaaswinkel is aangemaakt." in page.locator(".messages").inner_text()


def test_it_shows_dutch_validation_messages(page):
    page.goto("/aanmelden/")
    page.get_by_role("button", name="Account aanmaken").click()
    assert page.locator(".errorlist").count() == 4
    assert "Dit veld is verplicht." in page.locator(".errorlist").first.inner_text()
