"""Exact Online's REST API over HttpClient: Bearer auth with shared token refresh, the minute and day
budgets, OData paging through `__next`, and Exact's errors as Dutch ConnectorErrors.

Writes are never resent after the request went out: a POST whose connection broke may have been
carried out, and only a lookup by reference can tell (the engine does it). A 429 is the exception:
Exact refused before doing anything, so resending is safe.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

import httpx
from django.utils.translation import gettext as _

from koppeling.connectors.accounting.exact import odata
from koppeling.connectors.accounting.exact.limits import RateLimiter, rate_limited
from koppeling.connectors.accounting.exact.oauth import TokenKeeper
from koppeling.connectors.base import ConnectorError
from koppeling.lib.http import HttpClient, TransportError

MAX_PAGES = 200
TRIES = 3


def limit_key(api_url: str, division: str) -> str:
    return "exact:" + hashlib.sha256(f"{api_url} {division}".encode()).hexdigest()[:16]


class ExactApi:
    def __init__(self, api_url: str, division: str, tokens: TokenKeeper, *,
                 transport: httpx.BaseTransport | None = None, timeout: float = 20.0,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time):
        self.api_url = api_url.rstrip("/")
        self.division = str(division or "")
        self.tokens = tokens
        self.transport, self.timeout, self.sleep = transport, timeout, sleep
        self.limits = RateLimiter(limit_key(self.api_url, self.division or "current"), clock=clock, sleep=sleep)
        self._client: tuple[str, HttpClient] | None = None

    # --- public calls ---------------------------------------------------------------------------
    def get_all(self, path: str, *, filter: str = "", select: str = "", scoped: bool = True) -> list[dict]:
        """Every record of a list, following `__next` (60 per page) on Exact's own host only."""
        params = {key: value for key, value in (("$filter", filter), ("$select", select)) if value}
        payload = self._json(self.request("GET", self._url(path, scoped), params=params))
        items = odata.results(payload)
        for _page in range(MAX_PAGES):
            next_url = odata.next_link(payload)
            # Never send the token anywhere but Exact itself.
            if not next_url or not next_url.startswith(self.api_url + "/"):
                break
            payload = self._json(self.request("GET", next_url))
            items += odata.results(payload)
        return items

    def get_one(self, path: str, *, scoped: bool = True) -> dict:
        return odata.entity(self._json(self.request("GET", self._url(path, scoped))))

    def post(self, path: str, body: dict) -> dict:
        response = self.request("POST", self._url(path, True), content=odata.dumps(body),
                                headers={"Content-Type": "application/json"})
        return odata.entity(self._json(response))

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        if not self.tokens.token:
            raise ConnectorError(_("Exact Online is nog niet gekoppeld. Klik bij Configuratie op Verbinden."),
                                 permanent=True, code="ACCOUNTING_AUTH")
        token = self.tokens.fresh()
        try:
            return self._send(method, url, **kwargs)
        except TransportError as error:
            if error.status != 401 or isinstance(error, ConnectorError) or not self.tokens.credentials.get(
                    "refresh_token"):
                raise self._error(error) from None
        self.tokens.renew(token)
        try:
            return self._send(method, url, **kwargs)
        except TransportError as error:
            raise self._error(error) from None

    # --- plumbing -------------------------------------------------------------------------------
    def _url(self, path: str, scoped: bool) -> str:
        if not scoped:
            return f"/api/v1/{path}"
        if not self.division.isdigit():
            raise ConnectorError(_("Kies bij Configuratie de Exact Online-administratie waarin we boeken."),
                                 permanent=True, code="ACCOUNTING_NOT_FOUND")
        return f"/api/v1/{self.division}/{path}"

    def _http(self) -> HttpClient:
        """One client per access token; rebuilt after a refresh. It tries once: retries are ours."""
        token = self.tokens.token
        if self._client is None or self._client[0] != token:
            if self._client:
                self._client[1].close()
            headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
            client = HttpClient(self.api_url, timeout=self.timeout, headers=headers, transport=self.transport,
                                sleep=self.sleep, tries=1, rate_key=self.limits_key,
                                read_rate_limit=self.limits.observe)
            self._client = (token, client)
        return self._client[1]

    @property
    def limits_key(self) -> str:
        return limit_key(self.api_url, self.division or "current") + ":http"

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        for attempt in range(1, TRIES + 1):
            self.limits.before_request()
            try:
                return self._http().request(method, url, **kwargs)
            except TransportError as error:
                if attempt == TRIES or not self._may_resend(method, error):
                    raise
                if error.status == 429:
                    self.limits.wait_minute(self.limits.wait_after_429(error.retry_after))
                else:
                    self.sleep(min(8.0, 0.5 * 2 ** (attempt - 1)))
        raise AssertionError("unreachable")

    def _may_resend(self, method: str, error: TransportError) -> bool:
        if error.status == 429:
            return True
        # A read may be sent again after any transient failure; a write may have been carried out.
        return method == "GET" and not error.permanent

    def _json(self, response: httpx.Response):
        try:
            return response.json()
        except ValueError:
            raise ConnectorError(_("Exact Online gaf een onleesbaar antwoord. We proberen het later opnieuw."),
                                 permanent=False, code="ACCOUNTING_UNAVAILABLE",
                                 status=response.status_code) from None

    def _error(self, error: TransportError) -> ConnectorError:
        if isinstance(error, ConnectorError):
            return error
        if error.status == 429:
            try:
                return rate_limited(self.limits.wait_after_429(error.retry_after))
            except ConnectorError as paused:  # the day budget is spent
                return paused
        return error_for(error, self.division)


def error_for(error: TransportError, division: str) -> ConnectorError:
    """Exact's statuses as the engine's permanent or transient errors, in Dutch, with Exact's words."""
    status, detail = error.status, odata.error_text(error.body)
    extra = {"status": status, "body": error.body, "detail": detail}
    if status == 401:
        return ConnectorError(_("Exact Online weigert de toegang: de koppeling is verlopen of ingetrokken. "
                                "Koppel Exact Online opnieuw bij Configuratie."),
                              permanent=True, code="ACCOUNTING_AUTH", **extra)
    if status == 403:
        return ConnectorError(_("Exact Online geeft geen toestemming voor deze handeling: %(reason)s")
                              % {"reason": detail or "HTTP 403"}, permanent=True, code="ACCOUNTING_FORBIDDEN",
                              **extra)
    if status == 404:
        return ConnectorError(_("Exact Online kent administratie %(division)s of dit onderdeel niet (meer): "
                                "%(reason)s") % {"division": division, "reason": detail or "HTTP 404"},
                              permanent=True, code="ACCOUNTING_NOT_FOUND", **extra)
    if status == 400:
        return ConnectorError(_("Exact Online weigert de boeking: %(reason)s") % {"reason": detail or "HTTP 400"},
                              permanent=True, code="ACCOUNTING_REFUSED", **extra)
    if not error.permanent:
        return ConnectorError(_("Exact Online is tijdelijk niet bereikbaar. We proberen het later opnieuw."),
                              permanent=False, code="ACCOUNTING_UNAVAILABLE", retry_after=error.retry_after,
                              **extra)
    return ConnectorError(_("Exact Online gaf een onverwachte fout (HTTP %(status)s): %(reason)s")
                          % {"status": status, "reason": detail}, permanent=True, code="ACCOUNTING_ERROR", **extra)
