"""Moneybird API v2 over HttpClient: Bearer auth with refresh on 401, the RateLimit-* budget,
Link-header pagination, and Moneybird's HTTP statuses turned into ConnectorErrors.

Writes go through a client that never resends by itself: a POST whose connection broke after it
was sent may have been carried out, and only a lookup by reference can tell (the engine does it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable

import httpx
from django.utils.translation import gettext as _

from koppeling.connectors.accounting.moneybird.oauth import TokenEndpoint
from koppeling.connectors.base import ConnectorError
from koppeling.lib.http import MAX_INLINE_WAIT, HttpClient, TransportError, rate_limit_state

log = logging.getLogger(__name__)

REFRESH_MARGIN = 60  # seconds before expires_at at which we refresh ahead
MAX_PAGES = 200
WRITE_TRIES = 3  # for 429 only: Moneybird refused before doing anything


def rate_key(api_url: str, access_token: str) -> str:
    """The budget is per token on one server; the key holds a hash, never the token itself."""
    return "moneybird:" + hashlib.sha256(f"{api_url} {access_token}".encode()).hexdigest()[:16]


def read_rate_limit(response: httpx.Response) -> tuple[int | None, float | None]:
    """RateLimit-Remaining and RateLimit-Reset (a Unix timestamp; small values read as seconds)."""
    try:
        remaining = int(response.headers["RateLimit-Remaining"])
    except (KeyError, ValueError):
        return None, None
    try:
        reset = float(response.headers.get("RateLimit-Reset", ""))
    except ValueError:
        return remaining, None
    return remaining, reset if reset > 1e9 else time.time() + reset


def refused_text(body: str) -> str:
    """Moneybird's own validation text: {"error": {"field": ["message"]}} -> "field message"."""
    try:
        error = json.loads(body).get("error")
    except (ValueError, AttributeError):
        return body.strip()[:300]
    if isinstance(error, dict):
        parts = [f"{field} {msg}" for field, messages in error.items()
                 for msg in (messages if isinstance(messages, list) else [messages])]
        return "; ".join(parts)[:300]
    return str(error or body)[:300]


class MoneybirdApi:
    def __init__(self, api_url: str, administration_id: str, credentials: dict, *, tokens: TokenEndpoint,
                 transport: httpx.BaseTransport | None = None,
                 save_credentials: Callable[[dict], None] = lambda new: None, timeout: float = 20.0,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
                 per_page: int = 100):
        self.api_url = api_url.rstrip("/")
        self.administration_id = str(administration_id or "")
        self.credentials = dict(credentials)
        self.tokens = tokens
        self.transport, self.timeout, self.sleep, self.clock = transport, timeout, sleep, clock
        self.save_credentials = save_credentials
        self.per_page = per_page
        self._clients: tuple[str, HttpClient, HttpClient] | None = None

    # --- public calls ---------------------------------------------------------------------------
    def get(self, path: str, *, scoped: bool = True, params: dict | None = None):
        return self._json(self.request("GET", path, scoped=scoped, params=params))

    def get_optional(self, path: str) -> dict | None:
        """A record, or None when Moneybird answers 404."""
        response = self.request("GET", path, missing_ok=True)
        return None if response is None else self._json(response)

    def get_all(self, path: str, params: dict | None = None) -> list[dict]:
        """Every page of a list, following the Link rel="next" header."""
        response = self.request("GET", path, params={**(params or {}), "per_page": self.per_page})
        items = list(self._json(response))
        for _page in range(MAX_PAGES):
            next_url = response.links.get("next", {}).get("url")
            # Never send the token anywhere but Moneybird itself.
            if not next_url or not next_url.startswith(self.api_url + "/"):
                break
            response = self.request("GET", next_url, scoped=False)
            items += self._json(response)
        return items

    def post(self, path: str, body: dict) -> dict:
        return self._json(self.request("POST", path, json=body))

    def patch(self, path: str, body: dict) -> dict:
        return self._json(self.request("PATCH", path, json=body))

    def request(self, method: str, path: str, *, scoped: bool = True, missing_ok: bool = False,
                **kwargs) -> httpx.Response | None:
        if not self.credentials.get("access_token"):
            raise ConnectorError(_("Moneybird is nog niet gekoppeld. Klik bij Configuratie op Verbinden."),
                                 permanent=True, code="ACCOUNTING_AUTH")
        url = self._url(path, scoped)
        self._refresh_if_expiring()
        refreshed = False
        while True:
            try:
                return self._send(method, url, **kwargs)
            except TransportError as error:
                if error.status == 401 and not refreshed and self.credentials.get("refresh_token"):
                    self._refresh()
                    refreshed = True
                    continue
                if error.status == 404 and missing_ok:
                    return None
                raise self.error_for(error) from None

    # --- plumbing -------------------------------------------------------------------------------
    def _url(self, path: str, scoped: bool) -> str:
        if path.startswith(("http://", "https://")):
            return path
        if not scoped:
            return f"/api/v2/{path}"
        if not self.administration_id.isdigit():
            raise ConnectorError(_("Kies bij Configuratie de Moneybird-administratie waarin we boeken."),
                                 permanent=True, code="ACCOUNTING_NOT_FOUND")
        return f"/api/v2/{self.administration_id}/{path}"

    def _http(self) -> tuple[HttpClient, HttpClient]:
        """(reads, writes) for the current token; rebuilt after a refresh."""
        token = self.credentials["access_token"]
        if self._clients is None or self._clients[0] != token:
            if self._clients:
                self._clients[1].close()
                self._clients[2].close()
            common = {"timeout": self.timeout, "transport": self.transport, "sleep": self.sleep,
                      "headers": {"Authorization": f"Bearer {token}", "Accept": "application/json"},
                      "rate_key": rate_key(self.api_url, token), "read_rate_limit": read_rate_limit}
            self._clients = (token, HttpClient(self.api_url, tries=3, **common),
                             HttpClient(self.api_url, tries=1, **common))
        return self._clients[1], self._clients[2]

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        reads, writes = self._http()
        if method == "GET":
            return reads.request(method, url, **kwargs)
        for attempt in range(1, WRITE_TRIES + 1):
            try:
                return writes.request(method, url, **kwargs)
            except TransportError as error:
                wait = error.retry_after
                if error.status != 429 or attempt == WRITE_TRIES or (wait or 0) > MAX_INLINE_WAIT:
                    raise
                # Without Retry-After the spent RateLimit budget makes HttpClient wait for the reset.
                if wait:
                    self.sleep(wait)
        raise AssertionError("unreachable")

    def _refresh_if_expiring(self) -> None:
        expires_at = self.credentials.get("expires_at")
        if expires_at and self.credentials.get("refresh_token") and \
                self.clock() >= float(expires_at) - REFRESH_MARGIN:
            self._refresh()

    def _refresh(self) -> None:
        new = self.tokens.refresh(self.credentials["refresh_token"])
        # Moneybird rotates refresh tokens; keep the old one only if it sent none.
        new.setdefault("refresh_token", self.credentials["refresh_token"])
        self.credentials = new
        self.save_credentials(dict(new))
        log.info("moneybird: access token refreshed for administration %s", self.administration_id)

    def _json(self, response: httpx.Response):
        try:
            return response.json()
        except ValueError:
            raise ConnectorError(_("Moneybird gaf een onleesbaar antwoord. We proberen het later opnieuw."),
                                 permanent=False, code="ACCOUNTING_UNAVAILABLE",
                                 status=response.status_code) from None

    def _reset_wait(self) -> float | None:
        """Seconds until the RateLimit-Reset Moneybird sent with the 429, if any."""
        state = rate_limit_state(rate_key(self.api_url, self.credentials["access_token"]))
        if state.remaining == 0 and state.reset_at:
            return max(0.0, state.reset_at - time.time())
        return None

    def error_for(self, error: TransportError) -> ConnectorError:
        """Moneybird's statuses as the engine's permanent or transient errors, in Dutch."""
        status, extra = error.status, {"status": error.status, "body": error.body}
        if status == 401:
            return ConnectorError(_("Moneybird weigert de toegang: de koppeling is verlopen of ingetrokken. "
                                    "Koppel Moneybird opnieuw bij Configuratie."),
                                  permanent=True, code="ACCOUNTING_AUTH", **extra)
        if status == 402:
            return ConnectorError(_("Het Moneybird-abonnement van deze administratie is niet actief. "
                                    "Regel de betaling in Moneybird; daarna boeken we verder."),
                                  permanent=True, code="ACCOUNTING_PAYMENT_REQUIRED", **extra)
        if status == 403:
            return ConnectorError(_("Moneybird geeft geen toestemming voor deze handeling. Koppel opnieuw "
                                    "en geef toegang tot facturen, documenten, instellingen en bank."),
                                  permanent=True, code="ACCOUNTING_FORBIDDEN", **extra)
        if status == 404:
            return ConnectorError(_("Moneybird kent administratie %(id)s niet (meer). Kies de administratie "
                                    "opnieuw bij Configuratie.") % {"id": self.administration_id},
                                  permanent=True, code="ACCOUNTING_NOT_FOUND", **extra)
        if status == 422:
            refused = ConnectorError(_("Moneybird weigert de boeking: %(reason)s")
                                     % {"reason": refused_text(error.body)},
                                     permanent=True, code="ACCOUNTING_REFUSED", **extra)
            refused.detail = refused_text(error.body)  # Moneybird's own words, for the engine's catalogue
            return refused
        if not error.permanent:
            return self._transient(error, extra)
        return ConnectorError(_("Moneybird gaf een onverwachte fout (HTTP %(status)s): %(reason)s")
                              % {"status": status, "reason": refused_text(error.body)},
                              permanent=True, code="ACCOUNTING_ERROR", **extra)

    def _transient(self, error: TransportError, extra: dict) -> ConnectorError:
        retry_after = error.retry_after
        if error.status == 429:
            retry_after = retry_after if retry_after is not None else self._reset_wait()
            return ConnectorError(_("Moneybird vraagt ons even te wachten (maximaal 150 verzoeken per "
                                    "5 minuten). We gaan daarna vanzelf verder."),
                                  permanent=False, code="ACCOUNTING_RATE_LIMITED", retry_after=retry_after,
                                  **extra)
        return ConnectorError(_("Moneybird is tijdelijk niet bereikbaar. We proberen het later opnieuw."),
                              permanent=False, code="ACCOUNTING_UNAVAILABLE", retry_after=retry_after,
                              **extra)
