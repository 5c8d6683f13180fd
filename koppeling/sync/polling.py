"""Fetching: ask the shop for every sale changed since the cursor (minus an overlap) and store it.

The overlap makes sure no sale slips between two polls (clock skew, a sale saved while we read);
duplicates are harmless because storing is idempotent. The cursor moves only at the end of a
complete fetch, and only up to sales that were stored.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koppeling.connectors.base import ConnectorError
from koppeling.lib.http import TransportError
from koppeling.sync import ingest
from koppeling.sync.connections import sales_connector
from koppeling.sync.models import Koppeling

log = logging.getLogger(__name__)

OVERLAP = timedelta(minutes=10)
RUN_LEASE = timedelta(minutes=15)


@dataclass
class PollResult:
    ran: bool
    fetched: int = 0
    ready_ids: list[int] = field(default_factory=list)
    error: str = ""


def acquire_run(koppeling_id: int) -> str | None:
    """At most one run per koppeling at a time, across all workers."""
    now = timezone.now()
    token = uuid.uuid4().hex
    got = Koppeling.objects.filter(Q(run_lease_until__isnull=True) | Q(run_lease_until__lt=now),
                                   pk=koppeling_id).update(run_lease_until=now + RUN_LEASE, run_token=token)
    return token if got else None


def release_run(koppeling_id: int, token: str, **fields) -> None:
    Koppeling.objects.filter(pk=koppeling_id, run_token=token).update(run_lease_until=None, run_token="", **fields)


def since_for(koppeling: Koppeling) -> datetime:
    if koppeling.cursor:
        return koppeling.cursor - OVERLAP
    start = datetime.combine(koppeling.start_date, time.min, tzinfo=timezone.get_current_timezone())
    return start - OVERLAP


def poll(koppeling_id: int) -> PollResult:
    token = acquire_run(koppeling_id)
    if token is None:
        return PollResult(ran=False)
    koppeling = Koppeling.objects.get(pk=koppeling_id)
    result = PollResult(ran=True)
    newest = koppeling.cursor
    now = timezone.now()
    refused = False
    try:
        for sale in sales_connector(koppeling).fetch_changed(since_for(koppeling)):
            row, ready = ingest.store(koppeling, sale)
            result.fetched += 1
            if ready:
                result.ready_ids.append(row.pk)
            newest = max(newest, sale.modified_at) if newest else sale.modified_at
    except (ConnectorError, TransportError) as error:
        result.error = _poll_error_message(error)
        refused = error.permanent and error.status in (401, 403)
        log.warning("poll of koppeling %s failed: %s", koppeling_id, error.message)
    fields = {"last_poll_at": now, "last_poll_error": result.error,
              "next_poll_at": now + timedelta(minutes=koppeling.poll_interval)}
    if not result.error:
        # Never further than now: a shop clock running ahead must not make us skip sales.
        fields["cursor"] = min(newest, now) if newest else koppeling.cursor
        fields.update(sales_status="ok", sales_status_message="")
    elif refused:
        fields.update(sales_status="error", sales_status_message=result.error)
    release_run(koppeling_id, token, **fields)
    return result


def _poll_error_message(error: TransportError) -> str:
    if error.permanent and error.status in (401, 403):
        return _("De webwinkel weigert de toegang: controleer de sleutel en het geheim bij Configuratie.")
    if error.permanent:
        return _("Ophalen bij de webwinkel mislukt: %(detail)s") % {"detail": error.message}
    return _("De webwinkel was tijdelijk niet bereikbaar (%(detail)s); we proberen het bij de volgende ronde "
             "opnieuw.") % {"detail": error.message}
