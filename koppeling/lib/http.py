"""The one choke point for outbound HTTP.

Every connector sends its requests through `HttpClient`, so that timeouts, retries, rate-limit
waits and the classification of failures (transient or permanent) live in one place, and tests
have one seam: pass `transport=` (an httpx transport, e.g. httpx.WSGITransport around a simulator).
"""

from __future__ import annotations

import email.utils
import functools
import logging
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

log = logging.getLogger(__name__)

# Statuses after which the same request may succeed later.
TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}
MAX_INLINE_WAIT = 15.0  # seconds we wait inside one job; longer waits go back to the queue


class TransportError(Exception):
    """A failed call. `permanent` says whether trying again can help.

    `retry_after` (seconds) is the server's own advice, from Retry-After or a rate-limit reset.
    """

    def __init__(self, message: str, *, permanent: bool, status: int | None = None,
                 body: str = "", retry_after: float | None = None):
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.status = status
        self.body = body
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After is either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


@dataclass
class RateLimitState:
    """What the server told us about its budget. Shared by all clients of one account in a process."""

    remaining: int | None = None
    reset_at: float | None = None  # epoch seconds

    def wait_needed(self, now: float) -> float:
        if self.remaining is not None and self.remaining <= 0 and self.reset_at:
            return max(0.0, self.reset_at - now)
        return 0.0


_rate_limits: dict[str, RateLimitState] = {}
_rate_lock = threading.Lock()


@functools.cache
def _shared_ssl_context() -> ssl.SSLContext:
    """Loading the CA bundle takes ~20 ms: do it once per process, not once per client."""
    return httpx.create_ssl_context()


def rate_limit_state(key: str) -> RateLimitState:
    with _rate_lock:
        return _rate_limits.setdefault(key, RateLimitState())


class HttpClient:
    """A thin wrapper around httpx.Client that every connector uses.

    `read_rate_limit(response)` may return (remaining, reset_epoch_seconds) from vendor headers.
    """

    def __init__(self, base_url: str, *, timeout: float = 20.0, headers: dict | None = None,
                 auth: httpx.Auth | None = None, transport: httpx.BaseTransport | None = None,
                 verify=True, rate_key: str | None = None,
                 read_rate_limit: Callable[[httpx.Response], tuple[int | None, float | None]] | None = None,
                 sleep: Callable[[float], None] = time.sleep, tries: int = 3):
        if verify is True:
            verify = _shared_ssl_context()
        self.client = httpx.Client(base_url=base_url, timeout=timeout, headers=headers or {}, auth=auth,
                                   transport=transport, verify=verify, follow_redirects=False)
        self.rate = rate_limit_state(rate_key) if rate_key else None
        self.read_rate_limit = read_rate_limit
        self.sleep = sleep
        self.tries = tries

    def close(self) -> None:
        self.client.close()

    def request(self, method: str, url: str, *, idempotent: bool | None = None, **kwargs) -> httpx.Response:
        """Send a request; retry transient failures with backoff when it is safe to send again.

        A POST that timed out may have been carried out, so it is never resent here: the engine
        looks it up by our reference before it tries again.
        """
        if idempotent is None:
            idempotent = method.upper() in ("GET", "HEAD", "PUT", "DELETE", "OPTIONS")
        for attempt in range(1, self.tries + 1):
            self._wait_for_budget()
            try:
                response = self.client.request(method, url, **kwargs)
            except httpx.TimeoutException as exc:
                error = TransportError(f"timeout: {method} {url}", permanent=False)
                if not idempotent or attempt == self.tries:
                    raise error from exc
                self._backoff(attempt, None)
                continue
            except httpx.TransportError as exc:
                # Only a failed connect proves the server never saw the request. A connection
                # dropped later (after sending) may hide a request that was carried out.
                error = TransportError(f"connection failed: {exc.__class__.__name__}", permanent=False)
                never_sent = isinstance(exc, httpx.ConnectError)
                if not (idempotent or never_sent) or attempt == self.tries:
                    raise error from exc
                self._backoff(attempt, None)
                continue
            self._note_rate_limit(response)
            if response.status_code < 400:
                return response
            error = self.error_for(response)
            # 429 means the server refused before doing anything: resending is always safe.
            resend_ok = idempotent or response.status_code == 429
            if error.permanent or not resend_ok or attempt == self.tries:
                raise error
            if error.retry_after is not None and error.retry_after > MAX_INLINE_WAIT:
                raise error
            self._backoff(attempt, error.retry_after)
        raise AssertionError("unreachable")

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    @staticmethod
    def error_for(response: httpx.Response) -> TransportError:
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        body = response.text[:4000]
        return TransportError(f"HTTP {status} from {response.request.method} {response.request.url.path}",
                              permanent=status not in TRANSIENT_STATUSES, status=status, body=body,
                              retry_after=retry_after)

    def _note_rate_limit(self, response: httpx.Response) -> None:
        if not (self.rate and self.read_rate_limit):
            return
        remaining, reset_at = self.read_rate_limit(response)
        if remaining is not None:
            self.rate.remaining, self.rate.reset_at = remaining, reset_at

    def _wait_for_budget(self) -> None:
        if not self.rate:
            return
        wait = self.rate.wait_needed(time.time())
        if wait > MAX_INLINE_WAIT:
            raise TransportError("rate limit budget spent", permanent=False, status=429, retry_after=wait)
        if wait:
            log.info("rate limit: waiting %.1fs", wait)
            self.sleep(wait)
            self.rate.remaining = None

    def _backoff(self, attempt: int, retry_after: float | None) -> None:
        delay = retry_after if retry_after is not None else min(8.0, 0.5 * 2 ** (attempt - 1))
        self.sleep(delay)
