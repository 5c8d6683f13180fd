"""Everything support needs to look into a report, frozen at the moment it was made.

Koppeling settings are copied from an allow-list of fields, so that secrets (sales_secret,
accounting_secret, decrypted credentials) can never end up in a report or an e-mail."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version

from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict
from django.utils import timezone

from koppeling.sync.models import Booking, Koppeling, Sale

KOPPELING_FIELDS = [
    "id", "name", "active", "sales_system", "sales_config", "accounting_system", "accounting_config",
    "book_statuses", "book_kinds", "start_date", "poll_interval", "vat_mapping", "vat_settings", "payment_mapping",
    "cursor", "next_poll_at", "last_poll_at", "last_poll_error", "paused_until", "paused_reason",
    "sales_status", "sales_status_message", "accounting_status", "accounting_status_message",
]
SALE_FIELDS = [
    "id", "kind", "source_id", "number", "shop_status", "state", "reason", "sold_at", "modified_at",
    "currency", "total", "total_tax", "customer_name", "canonical", "raw", "refund_of", "error_code",
    "error_message", "error_suggestion", "error_setting", "attempts", "next_attempt_at",
]
EVENT_FIELDS = ["at", "kind", "error_code", "message", "suggestion", "reference", "details"]
BOOKING_FIELDS = ["reference", "target_system", "target_id", "target_number", "target_url", "total", "booked_at"]
# Belt and braces: plain config should hold no secrets, but never pass on a key that looks like one.
SECRET_WORDS = ("secret", "token", "password", "wachtwoord")


def app_version() -> str:
    try:
        return version("koppeling")
    except PackageNotFoundError:
        return "unknown"


def without_secrets(config: dict) -> dict:
    return {key: value for key, value in (config or {}).items()
            if not any(word in key.lower() for word in SECRET_WORDS)}


def koppeling_settings(koppeling: Koppeling) -> dict:
    data = {name: getattr(koppeling, name) for name in KOPPELING_FIELDS}
    data["sales_config"] = without_secrets(data["sales_config"])
    data["accounting_config"] = without_secrets(data["accounting_config"])
    return data


def sale_data(sale: Sale) -> dict:
    data = model_to_dict(sale, fields=[f for f in SALE_FIELDS if f != "id"])
    data["id"] = sale.pk
    data["events"] = [{name: getattr(event, name) for name in EVENT_FIELDS} for event in sale.events.all()]
    booking = Booking.objects.filter(sale=sale).first()
    data["booking"] = {name: getattr(booking, name) for name in BOOKING_FIELDS} if booking else None
    return data


def build_snapshot(koppeling: Koppeling | None, sale: Sale | None) -> dict:
    """A JSON-safe dict (dates as ISO text, amounts as strings)."""
    data = {
        "app_version": app_version(),
        "created_at": timezone.now(),
        "koppeling": koppeling_settings(koppeling) if koppeling else None,
        "sale": sale_data(sale) if sale else None,
    }
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))
