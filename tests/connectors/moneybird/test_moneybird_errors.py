"""Moneybird's statuses become permanent or transient ConnectorErrors with a Dutch message."""

import time
import uuid

import httpx
import pytest

from koppeling.connectors.accounting.moneybird.connector import MoneybirdTarget
from koppeling.connectors.base import ConnectorError, Option
from koppeling.simulators import moneybird_data as demo

PURCHASE_21 = "447389174610141233"  # a purchase tax rate: not allowed on a sales invoice


def test_a_refusal_is_permanent_with_moneybirds_own_text(target, make_document, line):
    bad = line("Mok", "1", "10.33", "2.17")
    bad.tax_rate_id = PURCHASE_21

    with pytest.raises(ConnectorError) as refused:
        target.book(make_document([bad]))

    assert refused.value.permanent and refused.value.code == "ACCOUNTING_REFUSED"
    assert refused.value.message == "Moneybird weigert de boeking: tax_rate_id is invalid"
    assert refused.value.detail == "tax_rate_id is invalid"
    assert refused.value.status == 422 and "tax_rate_id" in refused.value.body


def test_an_unknown_administration_is_permanent(make_target, make_document, line):
    with pytest.raises(ConnectorError) as missing:
        make_target(administration_id="123456789").book(make_document([line("Mok", "1", "10.33", "2.17")]))

    assert missing.value.permanent and missing.value.code == "ACCOUNTING_NOT_FOUND"
    assert "123456789" in missing.value.message


def _target(status: int, headers: dict | None = None, sleeps: list | None = None) -> MoneybirdTarget:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"error": "nope"}, headers=headers or {})

    return MoneybirdTarget({"api_url": "https://moneybird.test", "administration_id": demo.ADMINISTRATION_ID},
                           {"access_token": uuid.uuid4().hex}, transport=httpx.MockTransport(answer),
                           sleep=(sleeps if sleeps is not None else []).append)


@pytest.mark.parametrize(("status", "code", "permanent"), [
    (401, "ACCOUNTING_AUTH", True),
    (402, "ACCOUNTING_PAYMENT_REQUIRED", True),
    (403, "ACCOUNTING_FORBIDDEN", True),
    (404, "ACCOUNTING_NOT_FOUND", True),
    (400, "ACCOUNTING_ERROR", True),
    (500, "ACCOUNTING_UNAVAILABLE", False),
    (503, "ACCOUNTING_UNAVAILABLE", False),
    (429, "ACCOUNTING_RATE_LIMITED", False),
])
def test_it_classifies_statuses(status, code, permanent):
    with pytest.raises(ConnectorError) as failed:
        _target(status).discover()

    assert (failed.value.code, failed.value.permanent, failed.value.status) == (code, permanent, status)
    assert "Moneybird" in failed.value.message


def test_a_503_passes_retry_after_on():
    with pytest.raises(ConnectorError) as failed:
        _target(503, {"Retry-After": "120"}).administrations()
    assert failed.value.retry_after == 120 and not failed.value.permanent


def test_a_429_without_retry_after_waits_for_ratelimit_reset():
    reset = int(time.time()) + 200
    with pytest.raises(ConnectorError) as failed:
        _target(429, {"RateLimit-Limit": "150", "RateLimit-Remaining": "0",
                      "RateLimit-Reset": str(reset)}).administrations()

    assert failed.value.code == "ACCOUNTING_RATE_LIMITED"
    assert 190 < failed.value.retry_after <= 200


def test_check_turns_an_unpaid_administration_into_a_red_dot():
    result = _target(402).check()
    assert not result.ok and "abonnement" in result.message


def test_options_keep_moneybird_ids_as_strings(target):
    assert all(isinstance(o, Option) and isinstance(o.id, str) for o in target.discover().tax_rates)
