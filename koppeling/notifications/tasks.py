"""Scheduled e-mail jobs, run by the Huey consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from koppeling.notifications.reports import send_due_reports


@db_periodic_task(crontab(minute="7"))
def send_weekly_reports() -> int:
    """Every hour: the weekly status mails that have come due (each tenant's own weekly moment)."""
    return send_due_reports()
