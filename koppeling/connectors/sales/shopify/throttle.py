"""Shopify's cost-based throttling: a leaky bucket of query points per app and shop.

Every answer carries `extensions.cost.throttleStatus` (maximumAvailable, currentlyAvailable,
restoreRate) and the query's `requestedQueryCost`. A query runs only when the bucket holds its
requested cost, so before each query we wait until it refills far enough; a query refused anyway
comes back with an error whose `extensions.code` is THROTTLED. The bucket is shared by every
connector instance for the same shop in this process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

DEFAULT_MAXIMUM = 1000.0
DEFAULT_RESTORE_RATE = 50.0  # points per second: the lowest plan rate ever documented


@dataclass
class Bucket:
    maximum: float = DEFAULT_MAXIMUM
    restore_rate: float = DEFAULT_RESTORE_RATE
    available: float | None = None  # None until the first answer tells us
    seen_at: float = 0.0  # clock time when `available` was read
    costs: dict[str, float] = field(default_factory=dict)  # operation name -> requested cost last reported

    def available_at(self, now: float) -> float | None:
        if self.available is None:
            return None
        return min(self.maximum, self.available + max(0.0, now - self.seen_at) * self.restore_rate)

    def wait_for(self, cost: float, now: float) -> float:
        """Seconds until the bucket holds `cost` points (0 when it does, or when we do not know)."""
        available = self.available_at(now)
        # Shopify reports whole points (rounded down): one point more keeps us clear of THROTTLED.
        needed = min(cost + 1, self.maximum)
        if available is None or available >= needed:
            return 0.0
        if self.restore_rate <= 0:
            return float("inf")
        return (needed - available) / self.restore_rate

    def note(self, status: dict, now: float) -> None:
        """Take in an answer's throttleStatus."""
        try:
            self.maximum = float(status.get("maximumAvailable") or self.maximum)
            self.restore_rate = float(status.get("restoreRate") or self.restore_rate)
            self.available = float(status["currentlyAvailable"])
        except (KeyError, TypeError, ValueError):
            return
        self.seen_at = now


_buckets: dict[str, Bucket] = {}
_lock = threading.Lock()


def bucket_for(shop: str) -> Bucket:
    with _lock:
        return _buckets.setdefault(shop, Bucket())


def cost_of(answer: dict) -> dict:
    cost = (answer.get("extensions") or {}).get("cost") if isinstance(answer, dict) else None
    return cost if isinstance(cost, dict) else {}


def is_throttled(answer: dict) -> bool:
    errors = answer.get("errors") if isinstance(answer, dict) else None
    return isinstance(errors, list) and any(
        isinstance(error, dict) and (error.get("extensions") or {}).get("code") == "THROTTLED" for error in errors)


def throttled_wait(answer: dict, bucket: Bucket, fallback_cost: float) -> float:
    """How long to wait after a THROTTLED answer: (requested - available) / restore rate."""
    cost = cost_of(answer)
    status = cost.get("throttleStatus") or {}
    try:
        requested = float(cost.get("requestedQueryCost") or fallback_cost)
        available = float(status.get("currentlyAvailable", bucket.available or 0))
        rate = float(status.get("restoreRate") or bucket.restore_rate)
    except (TypeError, ValueError):
        return 1.0
    if rate <= 0:
        return float("inf")
    maximum = float(status.get("maximumAvailable") or requested + 1)
    return max(0.0, min(requested + 1, maximum) - available) / rate
