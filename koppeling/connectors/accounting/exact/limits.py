"""Exact Online's two request budgets, per division: one per minute and one per day.

Every answer carries X-RateLimit-Minutely-Remaining/-Reset and X-RateLimit-Remaining/-Reset (resets in
epoch milliseconds; an answer may carry only one of the two sets). Before each request we wait out a
spent minute budget (bounded), and stop at once on a spent day budget: then the whole koppeling has to
wait for the daily reset, which the engine does by pausing it (ConnectorError(pause=True)).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from django.utils import timezone
from django.utils.translation import gettext as _

from koppeling.connectors.base import ConnectorError

MAX_MINUTE_WAIT = 65.0  # a minute budget resets within a minute; waiting inline beats a retry storm
DEFAULT_MINUTE_WAIT = 60.0  # a 429 without headers: Exact's advice is to try again after a minute
DEFAULT_DAY_WAIT = 3600.0


@dataclass
class Budget:
    remaining: int | None = None
    reset_at: float | None = None  # epoch seconds

    def spent(self, now: float) -> bool:
        return self.remaining is not None and self.remaining <= 0 and bool(self.reset_at) and self.reset_at > now

    def wait(self, now: float) -> float:
        return max(0.0, (self.reset_at or now) - now)


@dataclass
class DivisionBudgets:
    minute: Budget = field(default_factory=Budget)
    day: Budget = field(default_factory=Budget)
    lock: threading.Lock = field(default_factory=threading.Lock)


_budgets: dict[str, DivisionBudgets] = {}
_budgets_lock = threading.Lock()


def budgets_for(key: str) -> DivisionBudgets:
    """Shared by every connector of one division in this process."""
    with _budgets_lock:
        return _budgets.setdefault(key, DivisionBudgets())


def _epoch_seconds(value: str | None) -> float | None:
    try:
        number = float(value or "")
    except ValueError:
        return None
    return number / 1000 if number > 1e11 else number  # documented as milliseconds


def _int(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


def day_limit_error(reset_at: float | None, now: float) -> ConnectorError:
    wait = max(60.0, (reset_at - now) if reset_at else DEFAULT_DAY_WAIT)
    when = timezone.localtime(datetime.fromtimestamp(now + wait, UTC))
    message = _("Exact Online heeft het daglimiet voor API-verzoeken bereikt; Koppeling gaat automatisch "
                "verder na %(time)s.") % {"time": when.strftime("%d-%m-%Y %H:%M")}
    return ConnectorError(message, permanent=False, pause=True, retry_after=wait, status=429,
                          code="ACCOUNTING_RATE_LIMITED")


class RateLimiter:
    """Reads the budgets from answers and decides whether to wait, stop, or go ahead."""

    def __init__(self, key: str, *, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep, max_wait: float = MAX_MINUTE_WAIT):
        self.budgets = budgets_for(key)
        self.clock, self.sleep, self.max_wait = clock, sleep, max_wait

    def observe(self, response: httpx.Response) -> tuple[None, None]:
        """HttpClient's read_rate_limit hook: we keep both budgets ourselves, so it gets nothing back."""
        headers = response.headers
        with self.budgets.lock:
            self._update(self.budgets.minute, headers.get("X-RateLimit-Minutely-Remaining"),
                         headers.get("X-RateLimit-Minutely-Reset"))
            self._update(self.budgets.day, headers.get("X-RateLimit-Remaining"), headers.get("X-RateLimit-Reset"))
        return None, None

    @staticmethod
    def _update(budget: Budget, remaining: str | None, reset: str | None) -> None:
        if _int(remaining) is not None:
            budget.remaining, budget.reset_at = _int(remaining), _epoch_seconds(reset)

    def before_request(self) -> None:
        """Raise when the day budget is spent; wait (bounded) when the minute budget is."""
        now = self.clock()
        if self.budgets.day.spent(now):
            raise day_limit_error(self.budgets.day.reset_at, now)
        if self.budgets.minute.spent(now):
            self.wait_minute(self.budgets.minute.wait(now))

    def wait_after_429(self, retry_after: float | None) -> float:
        """Seconds to wait before resending after a 429; raises the pause error on a spent day budget."""
        now = self.clock()
        day = self.budgets.day
        if day.remaining is not None and day.remaining <= 0:
            raise day_limit_error(day.reset_at, now)
        minute = self.budgets.minute
        wait = minute.wait(now) if minute.spent(now) else retry_after
        return DEFAULT_MINUTE_WAIT if wait is None else wait

    def wait_minute(self, seconds: float) -> None:
        if seconds > self.max_wait:
            raise rate_limited(seconds)
        if seconds > 0:
            self.sleep(seconds)
        with self.budgets.lock:
            self.budgets.minute.remaining = None  # unknown until the next answer tells us


def rate_limited(seconds: float) -> ConnectorError:
    return ConnectorError(_("Exact Online vraagt ons even te wachten (maximum aantal verzoeken per minuut). "
                            "We gaan daarna vanzelf verder."), permanent=False, status=429,
                          code="ACCOUNTING_RATE_LIMITED", retry_after=seconds)
