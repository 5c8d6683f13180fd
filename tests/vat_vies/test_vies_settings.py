"""Where the client sends its checks: settings.VIES_URL, else the public VIES REST API."""

from __future__ import annotations

from koppeling.vat.vies import DEFAULT_URL, vies_url


def test_it_uses_the_public_api_without_a_setting(settings):
    settings.VIES_URL = ""

    assert vies_url() == DEFAULT_URL == "https://ec.europa.eu/taxation_customs/vies/rest-api"


def test_it_uses_the_configured_url(settings):
    settings.VIES_URL = "http://127.0.0.1:8123"

    assert vies_url() == "http://127.0.0.1:8123"
