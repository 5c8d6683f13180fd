"""Huey jobs: poll each koppeling on its interval, process sales (Verwerk with priority), a nightly
sweep, and a heartbeat for /health/. Every job is safe to run twice and on several consumers at once:
the claims and leases in the database decide who does the work."""

from __future__ import annotations

import logging
import os
import socket
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from koppeling.connectors.base import ConnectorError
from koppeling.lib.http import TransportError
from koppeling.sync import booking, ingest, polling
from koppeling.sync.actions import requeue
from koppeling.sync.connections import sales_connector
from koppeling.sync.models import Koppeling, Sale, SaleState, WorkerHeartbeat

log = logging.getLogger(__name__)

DISPATCH_HOLD = timedelta(minutes=10)  # a dispatched sale is not dispatched again before this
OPEN_SWEEP_DAYS = 60


@db_task()
def process_sale(sale_id: int) -> str | None:
    outcome = booking.process(sale_id)
    if outcome and outcome.retry_in is not None and outcome.retry_in <= 120:
        # Short waits are scheduled precisely; longer ones are picked up by the minute tick.
        process_sale.schedule((sale_id,), delay=outcome.retry_in)
    return outcome.state if outcome else None


@db_task()
def poll_koppeling(koppeling_id: int) -> int:
    result = polling.poll(koppeling_id)
    _dispatch(result.ready_ids)
    return result.fetched


@db_task()
def refresh_sale(sale_id: int) -> None:
    """Read one sale again from the shop (an open sale whose status may have changed)."""
    sale = Sale.objects.select_related("koppeling").get(pk=sale_id)
    _refresh(sale.koppeling, sale.source_id)


@db_task()
def refresh_source(koppeling_id: int, source_id: str) -> None:
    """Read one sale from the shop by its id there (a webhook said it changed)."""
    _refresh(Koppeling.objects.get(pk=koppeling_id), source_id)


def _refresh(koppeling: Koppeling, source_id: str) -> None:
    try:
        fresh = sales_connector(koppeling).fetch_one(source_id)
    except (ConnectorError, TransportError) as error:
        log.warning("reading sale %s of koppeling %s failed: %s", source_id, koppeling.pk, error.message)
        return
    if fresh is not None:
        row, ready = ingest.store(koppeling, fresh)
        if ready:
            _dispatch([row.pk])


def _dispatch(sale_ids: list[int]) -> None:
    hold = timezone.now() + DISPATCH_HOLD
    for sale_id in sale_ids:
        Sale.objects.filter(pk=sale_id).update(next_attempt_at=hold)
        process_sale(sale_id)


def due_koppelingen(now):
    return Koppeling.objects.filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now), active=True).filter(
        Q(paused_until__isnull=True) | Q(paused_until__lte=now))


def dispatch_polls(now) -> int:
    count = 0
    for koppeling in due_koppelingen(now):
        # Claim this round with a conditional UPDATE so that two consumers never enqueue it twice.
        claimed = Koppeling.objects.filter(pk=koppeling.pk, next_poll_at=koppeling.next_poll_at).update(
            next_poll_at=now + timedelta(minutes=koppeling.poll_interval))
        if claimed:
            poll_koppeling(koppeling.pk)
            count += 1
    return count


def dispatch_due_sales(now, limit: int = 500) -> int:
    due = Sale.objects.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
                              state=SaleState.READY, koppeling__active=True).filter(
        Q(koppeling__paused_until__isnull=True) | Q(koppeling__paused_until__lte=now)).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)).values_list("pk", "next_attempt_at")[:limit]
    count = 0
    for pk, old in due:
        if Sale.objects.filter(pk=pk, next_attempt_at=old).update(next_attempt_at=now + DISPATCH_HOLD):
            process_sale(pk)
            count += 1
    return count


def beat() -> None:
    name = f"{socket.gethostname()}:{os.getpid()}"
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


@db_periodic_task(crontab(minute="*"))
def tick() -> None:
    now = timezone.now()
    beat()
    Koppeling.objects.filter(paused_until__lte=now).update(paused_until=None, paused_reason="")
    dispatch_polls(now)
    dispatch_due_sales(now)


@db_periodic_task(crontab(hour="2", minute="30"))
def nightly_sweep() -> None:
    """The safety net: re-read open sales, retry what failed for a passing cause."""
    since = timezone.now() - timedelta(days=OPEN_SWEEP_DAYS)
    for pk in Sale.objects.filter(state=SaleState.OPEN, sold_at__gte=since).values_list("pk", flat=True):
        refresh_sale(pk)
    for sale in Sale.objects.filter(state=SaleState.FAILED, error_code__in=["RETRIES_EXHAUSTED", "VIES_UNAVAILABLE"]):
        if requeue(sale, _("Nachtelijke ronde: opnieuw geprobeerd.")):
            process_sale(sale.pk)
