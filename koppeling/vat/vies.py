"""Checking a buyer's VAT number with VIES, the EU's lookup in the member states' registers.

Check digits only prove that a number is well formed; VIES says whether it is issued and active
(vat-rules.md §4). An ICP supply needs that check on or before the supply date, and the check's
consultation number (`requestIdentifier`, given only when we name ourselves as requester) or its
date is kept with the booking.

VIES answers "valid", "not valid", or that it cannot tell: the member state's register is down,
VIES is busy, it timed out. "Cannot tell" is never "not valid": it raises `ViesUnavailable`, and
the engine decides whether to wait or to fall back to the check digits.
See docs/connectors/vies.md for the request and answer shapes and their sources.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable

import httpx
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError

from koppeling.lib.http import HttpClient, TransportError
from koppeling.vat.rates import EU_COUNTRIES, vat_prefix
from koppeling.vat.treatment import VatNumberCheck

log = logging.getLogger(__name__)

DEFAULT_URL = "https://ec.europa.eu/taxation_customs/vies/rest-api"
DEFAULT_TIMEOUT = 15.0
# VIES prefixes: the member states (Greece is EL) and Northern Ireland for goods (XI).
VIES_PREFIXES = frozenset({vat_prefix(country) for country in EU_COUNTRIES} | {"XI"})
# What VIES takes as the national part: 2 to 12 letters, digits, "+" or "*".
NATIONAL_PART = re.compile(r"[0-9A-Z+*]{2,12}")

# The member state's register did not answer: it may well answer later.
MEMBER_STATE_ERRORS = frozenset({"MS_UNAVAILABLE", "TIMEOUT"})
# Too many requests at once, at VIES or at the member state: asking again shortly often works.
BUSY_ERRORS = frozenset({"GLOBAL_MAX_CONCURRENT_REQ", "GLOBAL_MAX_CONCURRENT_REQ_TIME", "MS_MAX_CONCURRENT_REQ",
                         "MS_MAX_CONCURRENT_REQ_TIME", "SERVER_BUSY"})
# No verdict on the number, and asking again will not change that.
PERMANENT_ERRORS = frozenset({"INVALID_REQUESTER_INFO", "VAT_BLOCKED", "IP_BLOCKED"})
BUSY_TRIES = 2  # a busy answer is asked again once, after BUSY_WAIT seconds
BUSY_WAIT = 1.0

_MESSAGES = {
    "member_state": _("De btw-dienst van {country} antwoordt nu niet via VIES ({code}). "
                      "We proberen het later opnieuw."),
    "busy": _("VIES is nu te druk om het btw-nummer te controleren ({code}). We proberen het later opnieuw."),
    "requester": _("VIES accepteert je eigen btw-nummer niet als aanvrager van de controle. "
                   "Controleer je btw-nummer bij Configuratie."),
    "blocked": _("VIES weigert deze controle ({code}). Neem contact op met support."),
    "service": _("VIES (de EU-controle van btw-nummers) antwoordt nu niet ({code}). "
                 "We proberen het later opnieuw."),
}


class ViesUnavailable(Exception):
    """VIES gave no verdict on the number. `message` is Dutch, for the dashboard; `code` is VIES's
    error code (or "HTTP 503", "NO_ANSWER"); `permanent` says that asking again will not help."""

    def __init__(self, message: str, *, code: str = "", permanent: bool = False):
        super().__init__(message)
        self.message = message
        self.code = code
        self.permanent = permanent


def check_vat_number(number: str, *, requester: str = "", transport: httpx.BaseTransport | None = None,
                     sleep: Callable[[float], None] = time.sleep,
                     timeout: float = DEFAULT_TIMEOUT) -> VatNumberCheck:
    """Ask VIES about `number` ("DE 811 363 057", "EL094259216", "GR094259216").

    `requester` is the tenant's own VAT number: with it VIES hands out a consultation number.
    A number VIES cannot be asked about (no EU prefix, such as GB) is not valid for an ICP supply:
    it comes back as VatNumberCheck(valid=False, source="syntax") without a call.
    Raises ViesUnavailable when VIES or the member state gives no verdict.
    """
    parts = split_number(number)
    if parts is None:
        return VatNumberCheck(valid=False, source="syntax")
    body = request_body(parts, requester)
    client = HttpClient(vies_url(), timeout=timeout, transport=transport, sleep=sleep, tries=2,
                        headers={"Accept": "application/json"})
    try:
        return _ask(client, body, sleep)
    finally:
        client.close()


def vies_url() -> str:
    return getattr(settings, "VIES_URL", DEFAULT_URL) or DEFAULT_URL


def split_number(number: str) -> tuple[str, str] | None:
    """("EL", "094259216") for "gr 094.259.216"; None when VIES cannot be asked about it."""
    try:
        compact = eu_vat.compact(number or "")
    except ValidationError:
        return None
    prefix, national = vat_prefix(compact[:2]), compact[2:]
    if prefix not in VIES_PREFIXES or not NATIONAL_PART.fullmatch(national):
        return None
    return prefix, national


def request_body(parts: tuple[str, str], requester: str = "") -> dict[str, str]:
    body = {"countryCode": parts[0], "vatNumber": parts[1]}
    if not requester.strip():
        return body
    # VIES wants both requester fields or neither; a bad own number is a setup problem to show.
    own = split_number(requester)
    if own is None or not eu_vat.is_valid(requester):
        raise failure("INVALID_REQUESTER_INFO", parts[0])
    body["requesterMemberStateCode"], body["requesterNumber"] = own
    return body


def _ask(client: HttpClient, body: dict[str, str], sleep: Callable[[float], None]) -> VatNumberCheck:
    for attempt in range(1, BUSY_TRIES + 1):
        try:
            return parse_answer(_post(client, body), body["countryCode"])
        except ViesUnavailable as exc:
            if exc.code not in BUSY_ERRORS or attempt == BUSY_TRIES:
                log.info("VIES gave no verdict for %s: %s", body["countryCode"], exc.code)
                raise
        sleep(BUSY_WAIT)
    raise AssertionError("unreachable")


def _post(client: HttpClient, body: dict[str, str]) -> object:
    # The check changes nothing at VIES, so HttpClient may resend it after a timeout or a 5xx.
    try:
        response = client.post("/check-vat-number", json=body, idempotent=True)
    except TransportError as exc:
        data = _json(exc.body)
        if isinstance(data, dict) and error_codes(data):
            return data  # VIES's own error answer, sent with a 4xx/5xx status
        code = f"HTTP {exc.status}" if exc.status else "NO_ANSWER"
        raise ViesUnavailable(_message("service", code, body["countryCode"]), code=code,
                              permanent=exc.permanent) from exc
    return _json(response.text)


def _json(text: str) -> object:
    try:
        return json.loads(text or "null")
    except ValueError:
        return None


def parse_answer(data: object, country: str = "") -> VatNumberCheck:
    """Read one VIES answer: a verdict, INVALID_INPUT (not valid), or an error (ViesUnavailable)."""
    if not isinstance(data, dict):
        raise failure("NO_ANSWER", country)
    codes = error_codes(data)
    others = [code for code in codes if code != "INVALID_INPUT"]
    if others:
        raise failure(others[0], country)
    if codes:
        return VatNumberCheck(valid=False, source="vies", reference=reference_of(data))
    valid = data.get("valid")
    if not isinstance(valid, bool):
        raise failure("NO_ANSWER", country)
    return VatNumberCheck(valid=valid, source="vies", reference=reference_of(data))


def error_codes(data: dict) -> list[str]:
    """VIES's error codes in an answer: `errorWrappers[].error`, or the `userError` of older shapes."""
    wrappers = data.get("errorWrappers")
    codes = [str(w.get("error") or "") for w in wrappers if isinstance(w, dict)] if isinstance(wrappers, list) else []
    user_error = data.get("userError")
    if isinstance(user_error, str) and user_error not in ("VALID", "INVALID"):
        codes.append(user_error)
    codes = [code.strip() for code in codes if code and code.strip()]
    if not codes and data.get("actionSucceed") is False:
        codes = ["UNKNOWN"]
    return codes


def reference_of(data: dict) -> str:
    """The consultation number, or else the moment of the check, as proof of it."""
    for key in ("requestIdentifier", "requestDate"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def failure(code: str, country: str = "") -> ViesUnavailable:
    """The ViesUnavailable for one VIES error code, with its Dutch message."""
    if code in MEMBER_STATE_ERRORS:
        kind = "member_state"
    elif code in BUSY_ERRORS:
        kind = "busy"
    elif code == "INVALID_REQUESTER_INFO":
        kind = "requester"
    elif code in PERMANENT_ERRORS:
        kind = "blocked"
    else:
        kind = "service"  # SERVICE_UNAVAILABLE, and codes we do not know: maybe passing
    return ViesUnavailable(_message(kind, code, country), code=code, permanent=code in PERMANENT_ERRORS)


def _message(kind: str, code: str, country: str) -> str:
    return str(_MESSAGES[kind]).format(code=code, country=country or "het land")
