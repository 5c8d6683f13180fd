from datetime import datetime

import pytest

from koppeling.notifications import tasks


def test_it_runs_at_seven_past_every_hour():
    task = tasks.send_weekly_reports.s()
    assert task.validate_datetime(datetime(2026, 3, 9, 14, 7))
    assert not task.validate_datetime(datetime(2026, 3, 9, 14, 8))


def test_it_sends_the_due_reports(monkeypatch):
    monkeypatch.setattr(tasks, "send_due_reports", lambda: 4)
    assert tasks.send_weekly_reports.call_local() == 4


@pytest.mark.django_db
def test_it_sends_nothing_without_tenants():
    assert tasks.send_weekly_reports.call_local() == 0
