"""The dashboard speaks English once the user picks it (the Dutch source strings are translated)."""

import pytest

from tests.factories import make_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(owner_client):
    owner_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return owner_client


def test_it_translates_the_tabs_and_the_failures(english, koppeling):
    make_sale(koppeling, number="1001")

    html = english.get("/fouten/").content.decode()

    for word in (">Home<", "Errors", "Reports", "Configuration", "Profile", "Process all again",
                 "Process<span", "Report problem", "Go to setting", "Order 1001"):
        assert word in html, word
    assert "Verwerk" not in html


def test_it_formats_amounts_the_english_way(english, koppeling):
    make_sale(koppeling, total="1234.50", total_tax="214.25")
    assert "€\xa01,234.50" in english.get("/fouten/").content.decode()


def test_it_translates_the_configuration_page(english, koppeling):
    html = english.get("/configuratie/").content.decode()
    assert "not filled in" in html and "Test connection" in html and "VAT rules" in html


def test_it_translates_the_shopify_connect_and_webhook_parts(english, koppeling):
    koppeling.sales_system = "shopify"
    koppeling.save()

    html = english.get("/configuratie/").content.decode()

    for words in ("Connect to Shopify", "Save and test", "Set up webhooks", "we register this address at Shopify"):
        assert words in html, words
    assert "Webhooks instellen" not in html and "Verbinden met" not in html


def test_it_translates_the_woocommerce_webhook_steps(english, koppeling):
    html = english.get("/configuratie/").content.decode()
    assert "Add webhook" in html and "Delivery URL: the address above." in html
