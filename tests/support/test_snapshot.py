import json

import pytest

from koppeling.support.snapshot import build_snapshot
from tests.factories import make_booking, make_event, make_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured(koppeling):
    koppeling.sales_config = {"url": "https://thee.nl", "api_token": "zou-hier-niet-mogen-staan"}
    koppeling.sales_credentials = {"consumer_key": "ck_geheim", "consumer_secret": "cs_geheim"}
    koppeling.accounting_credentials = {"access_token": "mb_geheim", "refresh_token": "mb_refresh"}
    koppeling.accounting_config = {"administration_id": "42"}
    koppeling.vat_mapping = {"21": {"ledger_account_id": "L1", "tax_rate_id": "T1"}}
    koppeling.save()
    return koppeling


def test_it_never_contains_secrets(configured):
    sale = make_sale(configured)
    text = json.dumps(build_snapshot(configured, sale))

    for secret in ("ck_geheim", "cs_geheim", "mb_geheim", "mb_refresh", "zou-hier-niet-mogen-staan",
                   configured.sales_secret, configured.accounting_secret):
        assert secret not in text
    assert "sales_secret" not in text and "accounting_secret" not in text


def test_it_holds_what_support_needs(configured):
    sale = make_sale(configured, raw={"id": 1001, "status": "processing"})
    make_event(sale, kind="refused", error_code="VAT_UNMAPPED", message="Niet gekoppeld", suggestion="Koppel het")

    snapshot = build_snapshot(configured, sale)

    assert snapshot["app_version"] and snapshot["created_at"]
    assert snapshot["koppeling"]["vat_mapping"] == configured.vat_mapping
    assert snapshot["koppeling"]["sales_config"] == {"url": "https://thee.nl"}
    assert snapshot["koppeling"]["accounting_config"] == {"administration_id": "42"}
    assert snapshot["sale"]["canonical"]["lines"][0]["description"] == "Groene thee"
    assert snapshot["sale"]["raw"] == {"id": 1001, "status": "processing"}
    assert snapshot["sale"]["error_code"] == "VAT_UNMAPPED"
    assert snapshot["sale"]["error_suggestion"] == "Kies een grootboekrekening voor 21% btw."
    assert snapshot["sale"]["events"][0]["suggestion"] == "Koppel het"
    assert snapshot["sale"]["total"] == "121.00"


def test_it_includes_the_booking(koppeling):
    booking = make_booking(make_sale(koppeling, state="booked"))
    snapshot = build_snapshot(koppeling, booking.sale)
    assert snapshot["sale"]["booking"]["target_number"] == booking.target_number
