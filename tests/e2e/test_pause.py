"""When the accounting package's budget for the day is spent, the koppeling pauses with a clear
message and its sales wait for the reset without counting attempts."""

import pytest
from django.utils import timezone

from koppeling.connectors.accounting.moneybird.connector import MoneybirdTarget
from koppeling.connectors.base import ConnectorError
from koppeling.sync import booking, polling
from koppeling.sync.models import Koppeling, Sale, SaleState
from koppeling.sync.tasks import dispatch_due_sales, tick

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGE = "Het daglimiet van de boekhouding is bereikt; we gaan verder na de reset."


def spent(self, document):
    raise ConnectorError(MESSAGE, permanent=False, retry_after=3600, pause=True)


def test_a_spent_day_budget_pauses_the_koppeling(koppeling, woo, moneybird, monkeypatch):
    woo.generate_order(scenario="normal", status="processing")
    woo.generate_order(scenario="normal", status="processing")
    polling.poll(koppeling.pk)
    first, second = Sale.objects.order_by("pk")
    monkeypatch.setattr(MoneybirdTarget, "book", spent)
    booking.process(first.pk)
    koppeling.refresh_from_db()
    first.refresh_from_db()
    assert koppeling.paused_reason == MESSAGE
    assert (koppeling.paused_until - timezone.now()).total_seconds() > 3500
    assert first.state == SaleState.READY and first.attempts == 0
    # While paused nothing is dispatched, and a Verwerk waits too.
    assert dispatch_due_sales(timezone.now()) == 0
    booking.process(second.pk)
    assert moneybird.invoices() == []
    monkeypatch.undo()
    Koppeling.objects.filter(pk=koppeling.pk).update(paused_until=timezone.now())
    tick.call_local()
    koppeling.refresh_from_db()
    assert koppeling.paused_until is None and koppeling.paused_reason == ""
    for sale in Sale.objects.all():
        Sale.objects.filter(pk=sale.pk).update(next_attempt_at=None)
        booking.process(sale.pk)
    assert Sale.objects.filter(state=SaleState.BOOKED).count() == 2
