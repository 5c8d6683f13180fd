"""The OAuth2 pieces every connector with a Connect button shares: the authorize URL and the token
endpoint (code exchange and refresh, form-encoded with the app's client id and secret).

Tokens never appear in log lines or exception messages: errors carry the OAuth error code only.
A system's module subclasses TokenEndpoint for its path, its name and how it reads the answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from urllib.parse import quote, urlencode

import httpx
from django.utils.translation import gettext as _

from koppeling.connectors.base import ConnectorError
from koppeling.lib.http import HttpClient, TransportError


def authorize_url(base: str, path: str, **params: str) -> str:
    query = urlencode({key: value for key, value in params.items() if value}, quote_via=quote)
    return f"{base.rstrip('/')}{path}?{query}"


def oauth_error_code(body: str) -> str:
    try:
        return str(json.loads(body).get("error") or "")
    except (ValueError, AttributeError):
        return ""


class TokenEndpoint:
    path = "/oauth/token"
    system = ""  # the name users know, in messages

    def __init__(self, api_url: str, client_id: str, client_secret: str, *,
                 transport: httpx.BaseTransport | None = None, timeout: float = 20.0,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time):
        self.http = HttpClient(api_url.rstrip("/"), transport=transport, timeout=timeout, sleep=sleep)
        self.client_id, self.client_secret, self.clock = client_id, client_secret, clock

    def exchange_code(self, code: str, redirect_uri: str) -> dict:
        return self._token({"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri})

    def refresh(self, refresh_token: str) -> dict:
        return self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def credentials_from(self, answer: dict, now: float) -> dict:
        """The token answer as credentials to store."""
        raise NotImplementedError

    def special_error(self, error: TransportError) -> ConnectorError | None:
        """A system's own reading of a refused token request, before the generic one."""
        return None

    def _token(self, form: dict) -> dict:
        form = {**form, "client_id": self.client_id, "client_secret": self.client_secret}
        try:
            answer = self.http.post(self.path, data=form).json()
        except TransportError as error:
            raise self._error(error) from None
        except ValueError:
            raise ConnectorError(_("%(system)s gaf een onleesbaar antwoord bij het koppelen.") % {
                "system": self.system}, permanent=False, code="ACCOUNTING_UNAVAILABLE") from None
        if not isinstance(answer, dict) or not answer.get("access_token"):
            raise ConnectorError(_("%(system)s gaf geen toegangssleutel terug.") % {"system": self.system},
                                 permanent=True, code="ACCOUNTING_AUTH")
        return self.credentials_from(answer, self.clock())

    def _error(self, error: TransportError) -> ConnectorError:
        if not error.permanent:
            return ConnectorError(_("%(system)s is tijdelijk niet bereikbaar. Probeer het zo opnieuw.") % {
                "system": self.system}, permanent=False, code="ACCOUNTING_UNAVAILABLE", status=error.status,
                retry_after=error.retry_after)
        special = self.special_error(error)
        if special is not None:
            return special
        # Only the OAuth error code is kept: the body of a token answer is never logged.
        oauth_code = oauth_error_code(error.body)
        message = _("%(system)s weigert de toegang (%(reason)s). Verbind %(system)s opnieuw bij Configuratie.") % {
            "system": self.system, "reason": oauth_code or f"HTTP {error.status}"}
        return ConnectorError(message, permanent=True, code="ACCOUNTING_AUTH", status=error.status,
                              body=oauth_code)
