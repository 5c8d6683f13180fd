"""/health/: is the database reachable, is the queue moving, is a worker alive? For monitoring."""

from __future__ import annotations

from datetime import timedelta

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from huey.contrib.djhuey import HUEY

from koppeling.sync.models import WorkerHeartbeat

# Workers write a heartbeat every minute; three missed beats mean none is running.
WORKER_GRACE = timedelta(minutes=3)


def database_check() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": str(error)}
    return {"ok": True}


def queue_check() -> dict:
    try:
        return {"ok": True, "pending": HUEY.pending_count()}
    except Exception as error:  # noqa: BLE001 - any storage failure (Redis down, locked file) means "not ok"
        return {"ok": False, "pending": None, "error": str(error)}


def worker_check() -> dict:
    try:
        beat = WorkerHeartbeat.objects.order_by("-seen_at").first()
    except DatabaseError:
        return {"ok": False, "last_seen": None}
    if beat is None:
        return {"ok": False, "last_seen": None}
    return {"ok": timezone.now() - beat.seen_at <= WORKER_GRACE, "last_seen": beat.seen_at.isoformat()}


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": database_check(), "queue": queue_check(), "worker": worker_check()}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
