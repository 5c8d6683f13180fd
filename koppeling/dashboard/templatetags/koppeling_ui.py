"""Small presentation helpers shared by the dashboard, support and e-mail templates."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from koppeling.connectors import registry
from koppeling.sync.models import KIND_LABELS, SaleState

register = template.Library()

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


@register.filter
def money(value, currency: str = "EUR") -> str:
    """An amount as the user reads it: "€ 1.234,56" in Dutch, "€ 1,234.56" in English."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    symbol = CURRENCY_SYMBOLS.get(currency or "EUR", currency or "")
    return f"{symbol}\u00a0{number_format(amount, 2, use_l10n=True, force_grouping=True)}"


@register.simple_tag
def status_dot(status: str, message: str = "") -> str:
    """A green or red dot with its meaning in words, so that colour is never the only signal."""
    if status == "ok":
        css, words = "dot dot-ok", _("verbonden")
    elif status:
        css, words = "dot dot-error", _("niet verbonden")
    else:
        css, words = "dot dot-unknown", _("nog niet gecontroleerd")
    return format_html('<span class="{}" title="{}" aria-hidden="true"></span>'
                       '<span class="visually-hidden">{}</span>', css, message or words, words)


@register.filter
def state_label(state: str) -> str:
    try:
        return str(SaleState(state).label)
    except ValueError:
        return state


@register.filter
def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@register.filter
def system_label(key: str) -> str:
    return registry.label(key)


@register.filter
def pretty_json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=str)


@register.filter
def get(mapping, key):
    """Dictionary lookup for keys a template cannot spell, such as "verbinding-verkoop"."""
    return (mapping or {}).get(key)
