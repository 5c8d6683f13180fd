"""E-mails: every message is a trio of templates (subject, plain text, HTML) built by make_message()."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from koppeling.accounts.models import User

log = logging.getLogger(__name__)


def make_message(template_base: str, to: str | list[str], context: dict) -> EmailMultiAlternatives:
    """Build a message from notifications/emails/<template_base>-subject.txt, -body.txt and -body.html."""
    context = {"site_url": settings.SITE_URL, **context}
    prefix = f"notifications/emails/{template_base}"
    # A subject is one line: template newlines would break the header.
    subject = " ".join(render_to_string(f"{prefix}-subject.txt", context).split())
    text = render_to_string(f"{prefix}-body.txt", context)
    html = render_to_string(f"{prefix}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to] if isinstance(to, str) else to)
    message.attach_alternative(html, "text/html")
    return message


def deliver(message: EmailMultiAlternatives) -> bool:
    """Send, and log instead of raising: a mail server hiccup must not break the page or job that
    triggered the mail. Returns whether it was sent."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        log.exception("could not send %r to %s", message.subject, message.to)
        return False
    return True


def send_welcome(user: User) -> bool:
    """Sent on sign-up, in the language the user signed up in."""
    return deliver(make_message("welcome", user.email, {"user": user, "tenant": user.tenant}))
