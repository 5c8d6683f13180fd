"""What the dashboard asks of the engine: process now, reprocess a cause, test connections."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from koppeling.connectors.base import CheckResult
from koppeling.lib.http import TransportError
from koppeling.sync.connections import accounting_connector, sales_connector
from koppeling.sync.models import Koppeling, Sale, SaleEvent, SaleState

PRIORITY = 100  # the Verwerk button jumps the queue


def requeue(sale: Sale, message: str) -> bool:
    """Make a failed or waiting sale ready again. Booked sales are never touched."""
    changed = Sale.objects.filter(pk=sale.pk, state__in=[SaleState.FAILED, SaleState.READY]).update(
        state=SaleState.READY, attempts=0, next_attempt_at=None, updated_at=timezone.now())
    if changed:
        SaleEvent.objects.create(sale=sale, kind=SaleEvent.Kind.REQUEUED, message=message)
    return bool(changed)


def process_now(sale: Sale) -> bool:
    """The Verwerk button: (re)process this sale with priority. Open sales are re-read from the shop."""
    from koppeling.sync import tasks

    if sale.state == SaleState.OPEN:
        tasks.refresh_sale(sale.pk, priority=PRIORITY)
        return True
    if requeue(sale, _("Opnieuw aangeboden via de knop Verwerk.")):
        tasks.process_sale(sale.pk, priority=PRIORITY)
        return True
    return False


def reprocess_cause(koppeling: Koppeling, error_code: str) -> int:
    """'Alle opnieuw verwerken': every sale that failed for this cause, after the owner fixed it."""
    from koppeling.sync import tasks

    count = 0
    for sale in koppeling.sales.filter(state=SaleState.FAILED, error_code=error_code):
        if requeue(sale, _("Opnieuw aangeboden met alle verkopen met dezelfde fout.")):
            tasks.process_sale(sale.pk, priority=PRIORITY)
            count += 1
    return count


def _safe_check(build) -> CheckResult:
    try:
        return build().check()
    except (TransportError, ValueError, KeyError) as error:
        return CheckResult(False, str(getattr(error, "message", error)))


def check_connections(koppeling: Koppeling) -> tuple[CheckResult, CheckResult]:
    sales = _safe_check(lambda: sales_connector(koppeling))
    accounting = _safe_check(lambda: accounting_connector(koppeling))
    Koppeling.objects.filter(pk=koppeling.pk).update(
        sales_status="ok" if sales.ok else "error", sales_status_message="" if sales.ok else sales.message,
        accounting_status="ok" if accounting.ok else "error",
        accounting_status_message="" if accounting.ok else accounting.message)
    koppeling.refresh_from_db()
    return sales, accounting
