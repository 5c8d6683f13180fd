"""Exact Online's OAuth2: the Connect URL, the code exchange, and access tokens that several workers
share.

Access tokens live 10 minutes and every refresh ROTATES the refresh token: the old one dies with its
first use. Two workers refreshing with the same refresh token would break the chain for good, so a
refresh happens under the koppeling's CredentialStore lock, after re-reading the stored pair (another
worker may have refreshed a moment ago), and the new pair is saved before anything else can fail.

Tokens never appear in log lines or exception messages: errors carry the OAuth error code only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.utils.translation import gettext as _

from koppeling.connectors import oauth2
from koppeling.connectors.base import ConnectorError, CredentialStore
from koppeling.lib.http import TransportError

log = logging.getLogger(__name__)

REFRESH_MARGIN = 30  # seconds: Exact refuses refreshes earlier than 30 s before expiry
LOCK_SECONDS = 60  # how long a refresh may hold the koppeling's credential lock
LOCK_WAIT = 30  # how long we wait for another worker's refresh before giving up for now
LOCK_POLL = 0.2


def authorize_url(api_url: str, client_id: str, redirect_uri: str, state: str) -> str:
    return oauth2.authorize_url(api_url, "/api/oauth2/auth", client_id=client_id, redirect_uri=redirect_uri,
                                response_type="code", state=state)


def credentials_from(answer: dict, now: float) -> dict:
    """The token answer as stored credentials; Exact sends `expires_in` as a string ("600")."""
    credentials = {"access_token": answer["access_token"], "refresh_token": answer.get("refresh_token") or ""}
    try:
        credentials["expires_at"] = int(now + float(answer.get("expires_in") or 600))
    except (TypeError, ValueError):
        credentials["expires_at"] = int(now + 600)
    return credentials


class TokenNotExpired(ConnectorError):
    """Exact refused a refresh because the access token is still valid ("Access Token not expired")."""


class TokenEndpoint(oauth2.TokenEndpoint):
    """POST {api_url}/api/oauth2/token."""

    path = "/api/oauth2/token"
    system = "Exact Online"

    def credentials_from(self, answer: dict, now: float) -> dict:
        return credentials_from(answer, now)

    def special_error(self, error: TransportError) -> ConnectorError | None:
        if error.status == 401 and "not expired" in (error.body or "").lower():
            return TokenNotExpired(_("Exact Online: de toegangssleutel is nog geldig."), permanent=False,
                                   code="ACCOUNTING_AUTH", status=401)
        return None


class TokenKeeper:
    """The access token of one connector. `fresh()` refreshes ahead of expiry, `renew(stale)` after a
    401; either way at most one worker refreshes, and the others pick up the pair it stored."""

    def __init__(self, endpoint: TokenEndpoint, credentials: dict, *, store: CredentialStore | None,
                 save: Callable[[dict], None], clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep, lock_wait: float = LOCK_WAIT):
        self.endpoint, self.credentials, self.store, self.save = endpoint, dict(credentials), store, save
        self.clock, self.sleep, self.lock_wait = clock, sleep, lock_wait

    @property
    def token(self) -> str:
        return str(self.credentials.get("access_token") or "")

    def fresh(self) -> str:
        if self.credentials.get("refresh_token") and self._expiring(self.credentials):
            self.renew(self.token)
        return self.token

    def renew(self, stale: str) -> None:
        """Replace the access token `stale` (expired or refused) by a working one."""
        if self.store is None:
            self._refresh(self.credentials)
            return
        deadline = self.clock() + self.lock_wait
        while True:
            with self.store.lock(LOCK_SECONDS) as ours:
                if ours:
                    self._renew_locked(stale)
                    return
            if self._adopt(stale):
                return
            if self.clock() >= deadline:
                raise ConnectorError(_("Exact Online: een andere taak vernieuwt de toegang nog. We proberen "
                                       "het zo opnieuw."), permanent=False, code="ACCOUNTING_UNAVAILABLE",
                                     retry_after=LOCK_SECONDS)
            self.sleep(LOCK_POLL)

    def _renew_locked(self, stale: str) -> None:
        if self._adopt(stale):
            return
        stored = self.store.load()
        # The stored refresh token is the newest link of the chain; ours may be an old copy.
        base = stored if stored.get("refresh_token") else self.credentials
        try:
            self._refresh(base)
        except ConnectorError as error:
            # A worker whose lock had run out may have refreshed after all: use its pair if so.
            if error.code == "ACCOUNTING_AUTH" and not isinstance(error, TokenNotExpired) and self._adopt(stale):
                return
            raise

    def _adopt(self, stale: str) -> bool:
        """Take the stored pair when another worker refreshed it and it is good for a while."""
        stored = self.store.load() if self.store is not None else {}
        token = stored.get("access_token")
        if token and token != stale and not self._expiring(stored):
            self.credentials = dict(stored)
            log.info("exact: using the access token another worker refreshed")
            return True
        return False

    def _refresh(self, base: dict) -> None:
        if not base.get("refresh_token"):
            raise ConnectorError(_("Exact Online weigert de toegangssleutel. Koppel Exact Online opnieuw bij "
                                   "Configuratie."), permanent=True, code="ACCOUNTING_AUTH", status=401)
        try:
            new = self.endpoint.refresh(base["refresh_token"])
        except TokenNotExpired:
            self.credentials = dict(base)  # Exact says the token still works: keep using it
            return
        # Saved before anything else can fail: the old refresh token is dead from now on.
        (self.store.save if self.store is not None else self.save)(dict(new))
        self.credentials = new
        log.info("exact: access token refreshed")

    def _expiring(self, credentials: dict) -> bool:
        expires_at = credentials.get("expires_at")
        return expires_at not in (None, "") and self.clock() >= float(expires_at) - REFRESH_MARGIN
