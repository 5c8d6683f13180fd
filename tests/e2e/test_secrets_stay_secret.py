"""Credentials are encrypted at rest and never written to logs, events or messages."""

import json
import logging

import pytest
from django.db import connection

from koppeling.sync import booking, polling
from koppeling.sync.models import Koppeling, Sale, SaleEvent
from tests.e2e.conftest import MB_TOKEN, WOO_KEY, WOO_SECRET, run_engine

pytestmark = pytest.mark.django_db(transaction=True)
SECRETS = (WOO_KEY, WOO_SECRET, MB_TOKEN)


def everything_written(caplog) -> str:
    # The simulators stand for the outside world: their own request logs are not ours.
    rows = [caplog.handler.format(r) for r in caplog.records if not r.name.startswith("koppeling.simulators")]
    rows += [json.dumps([e.message, e.suggestion, e.details]) for e in SaleEvent.objects.all()]
    rows += [s.error_message + json.dumps(s.raw) for s in Sale.objects.all()]
    rows += [k.last_poll_error + k.sales_status_message + k.accounting_status_message + json.dumps(
        [k.sales_config, k.accounting_config]) for k in Koppeling.objects.all()]
    return "\n".join(rows)


def test_credentials_are_encrypted_in_the_database(koppeling):
    with connection.cursor() as cursor:
        cursor.execute("select sales_secret, accounting_secret from sync_koppeling where id = %s", [koppeling.pk])
        stored = " ".join(cursor.fetchone())
    assert not any(secret in stored for secret in SECRETS)
    assert Koppeling.objects.get().sales_credentials["consumer_secret"] == WOO_SECRET


def test_no_secret_reaches_logs_events_or_messages(koppeling, woo, moneybird, caplog):
    caplog.set_level(logging.DEBUG)
    woo.generate_order(scenario="normal", status="processing")
    woo.generate_order(scenario="shipping_no_vat", status="processing")
    run_engine(koppeling)
    moneybird.expire_token(MB_TOKEN)  # refused access: the error path must not echo the token either
    woo.generate_order(scenario="normal", status="processing")
    polling.poll(koppeling.pk)
    for sale in Sale.objects.filter(state="ready"):
        booking.process(sale.pk)
    woo.add_fault("500", match="GET", times=None)
    polling.poll(koppeling.pk)
    written = everything_written(caplog)
    assert "ACCOUNTING_AUTH" in written or "toegang" in written  # the failures did get recorded
    for secret in SECRETS:
        assert secret not in written
