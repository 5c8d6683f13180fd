"""Exact Online's OData v2 dialect, as pure functions: filter literals, the `{"d": ...}` envelope,
`/Date(ms)/` dates, error bodies, and JSON bodies whose amounts never pass through float.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from decimal import Decimal

from koppeling.lib.money import to_decimal

_DATE = re.compile(r"^/Date\((-?\d+)(?:[+-]\d+)?\)/$")
_NUMBER_MARK = "\u0000num:"


def literal(value: str) -> str:
    """A string literal for $filter: quotes are doubled, as OData prescribes."""
    return "'" + str(value).replace("'", "''") + "'"


def eq(field: str, value: str) -> str:
    return f"{field} eq {literal(value)}"


def all_of(*conditions: str) -> str:
    return " and ".join(conditions)


def any_of(*conditions: str) -> str:
    return "(" + " or ".join(conditions) + ")"


def results(payload) -> list[dict]:
    """The records of a list answer: {"d": {"results": [...]}} (or an older bare {"d": [...]})."""
    body = payload.get("d") if isinstance(payload, dict) else None
    if isinstance(body, list):
        return body
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        return body["results"]
    raise ValueError("not an OData list answer")


def next_link(payload) -> str:
    body = payload.get("d") if isinstance(payload, dict) else None
    return str(body.get("__next") or "") if isinstance(body, dict) else ""


def entity(payload) -> dict:
    """A single record: {"d": {...}}; some answers wrap it in a one-item results list."""
    body = payload.get("d") if isinstance(payload, dict) else None
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        body = body["results"][0] if body["results"] else None
    if not isinstance(body, dict):
        raise ValueError("not an OData entity answer")
    return body


def parse_date(value) -> datetime | None:
    """"/Date(1420070400000)/" (epoch milliseconds) as an aware UTC datetime."""
    match = _DATE.match(str(value or ""))
    return datetime.fromtimestamp(int(match.group(1)) / 1000, UTC) if match else None


def date_value(epoch_ms: int) -> str:
    return f"/Date({int(epoch_ms)})/"


def amount(value) -> Decimal | None:
    """A JSON number as Decimal (json.loads gives floats: their repr is the text Exact sent)."""
    return None if value is None or value == "" else to_decimal(value)


def percentage(value) -> Decimal | None:
    """VAT percentages come as fractions (0.21 for 21 %); whole numbers are taken as they are."""
    number = amount(value)
    if number is None:
        return None
    return (number * 100).normalize() if 0 < abs(number) < 1 else number.normalize()


def error_text(body: str) -> str:
    """Exact's own message: {"error": {"code": "", "message": {"lang": "", "value": "..."}}}."""
    try:
        error = json.loads(body).get("error")
    except (ValueError, AttributeError):
        return body.strip()[:300]
    if isinstance(error, dict):
        message = error.get("message")
        if isinstance(message, dict):
            return str(message.get("value") or "")[:300]
        return str(message or error.get("code") or "")[:300]
    return str(error or "")[:300]


def _mark(value):
    if isinstance(value, dict):
        return {key: _mark(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_mark(item) for item in value]
    if isinstance(value, Decimal):
        return _NUMBER_MARK + format(value, "f")
    return value


def dumps(body: dict) -> bytes:
    """JSON with every Decimal written as a plain JSON number, without a detour through float."""
    text = json.dumps(_mark(body), ensure_ascii=False)
    marker = json.dumps(_NUMBER_MARK)[1:-1]
    return re.sub(f'"{re.escape(marker)}(-?[0-9.]+)"', r"\1", text).encode()
