"""Database leases: claim a key for a while, across workers and machines, with no lock server."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from koppeling.sync.models import Lease


def acquire(key: str, seconds: float) -> str | None:
    """Returns a token when the lease is ours, None when someone else holds it."""
    now = timezone.now()
    token = uuid.uuid4().hex
    until = now + timedelta(seconds=seconds)
    # Take over an expired lease with a conditional UPDATE: only one worker can match it.
    if Lease.objects.filter(key=key, until__lt=now).update(token=token, until=until):
        return token
    try:
        with transaction.atomic():
            Lease.objects.create(key=key, token=token, until=until)
        return token
    except IntegrityError:
        return None


def release(key: str, token: str) -> None:
    Lease.objects.filter(key=key, token=token).delete()


@contextmanager
def held(key: str, seconds: float):
    """`with held(key, 60) as ok:` ok is False when another worker holds the key."""
    token = acquire(key, seconds)
    try:
        yield token is not None
    finally:
        if token:
            release(key, token)
