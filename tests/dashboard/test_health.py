from datetime import timedelta

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from koppeling.sync.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_it_is_healthy_with_a_recent_worker(client):
    WorkerHeartbeat.objects.create(name="worker-1", seen_at=timezone.now() - timedelta(seconds=30))

    response = client.get("/health/")

    assert response.status_code == 200
    data = response.json()
    assert data["database"] == {"ok": True}
    assert data["queue"]["ok"] is True and isinstance(data["queue"]["pending"], int)
    assert data["worker"]["ok"] is True and data["worker"]["last_seen"]


def test_it_is_unhealthy_without_a_worker(client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["worker"] == {"ok": False, "last_seen": None}


def test_it_is_unhealthy_when_the_worker_went_quiet(client):
    WorkerHeartbeat.objects.create(name="worker-1", seen_at=timezone.now() - timedelta(minutes=4))
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["worker"]["ok"] is False


def test_it_is_unhealthy_when_the_queue_cannot_be_read(client, monkeypatch):
    WorkerHeartbeat.objects.create(name="worker-1", seen_at=timezone.now())

    def broken():
        raise OSError("redis is weg")

    monkeypatch.setattr(HUEY, "pending_count", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["queue"]["ok"] is False


def test_it_needs_no_login(client):
    assert client.get("/health/").status_code in (200, 503)
