"""Creating a problem report and telling support (and the user) about it."""

from __future__ import annotations

import json

from django.conf import settings

from koppeling.accounts.models import User
from koppeling.notifications.emails import deliver, make_message
from koppeling.support.models import ProblemReport
from koppeling.support.snapshot import build_snapshot
from koppeling.sync.models import Koppeling, Sale


def create_report(user: User, koppeling: Koppeling | None, sale: Sale | None, note: str) -> ProblemReport:
    report = ProblemReport.objects.create(tenant=user.tenant, user=user, koppeling=koppeling, sale=sale,
                                          note=note, snapshot=build_snapshot(koppeling, sale))
    notify(report)
    return report


def notify(report: ProblemReport) -> None:
    """One e-mail to support with the snapshot attached, one confirmation to the user. The report is
    saved first, so a failing mail server never loses it: support also sees it in the admin."""
    context = {"report": report, "sale": report.sale, "koppeling": report.koppeling, "user": report.user}
    to_support = make_message("support-report", settings.SUPPORT_EMAIL, context)
    # Bytes, not text: a non-text attachment given as str loses its non-ASCII characters ("Königstraße").
    snapshot = json.dumps(report.snapshot, indent=2, ensure_ascii=False).encode()
    to_support.attach(f"melding-{report.pk}.json", snapshot, "application/json")
    if report.user and report.user.email:
        to_support.reply_to = [report.user.email]
    deliver(to_support)
    if report.user and report.user.email:
        deliver(make_message("support-confirmation", report.user.email, context))
