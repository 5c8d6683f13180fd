"""Webhook delivery for the simulators: one background thread posts the deliveries in order.

A simulator decides what to deliver while it holds its lock, then only queues the request here:
the POST itself (which may reach a Koppeling that calls the simulator back) never runs under the
lock. `wait()` lets tests and the demo wait until everything queued has been delivered.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import httpx

log = logging.getLogger(__name__)


@dataclass
class Delivery:
    url: str
    body: bytes
    headers: dict[str, str]
    on_done: Callable[[int | None], None] | None = None  # called with the status (None: no answer)


class WebhookSender:
    def __init__(self, name: str, timeout: float = 10.0):
        self.name = name
        self.timeout = timeout
        self.queue: queue.Queue[Delivery] = queue.Queue()
        self.log: deque[dict] = deque(maxlen=200)  # what was delivered: url, topic headers, status
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def send(self, delivery: Delivery) -> None:
        self.queue.put(delivery)
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name=f"{self.name}-webhooks", daemon=True)
                self._thread.start()

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until every queued delivery has been posted; False when `timeout` ran out first."""
        deadline = time.monotonic() + timeout
        with self.queue.all_tasks_done:
            while self.queue.unfinished_tasks:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self.queue.all_tasks_done.wait(remaining)
        return True

    def _run(self) -> None:
        # trust_env=False: a proxy from the environment must not see loopback deliveries.
        with httpx.Client(timeout=self.timeout, follow_redirects=False, trust_env=False) as client:
            while True:
                delivery = self.queue.get()
                try:
                    self._deliver(client, delivery)
                finally:
                    self.queue.task_done()

    def _deliver(self, client: httpx.Client, delivery: Delivery) -> None:
        status = None
        try:
            status = client.post(delivery.url, content=delivery.body, headers=delivery.headers).status_code
        except httpx.HTTPError as exc:
            log.info("%s webhook to %s failed: %s", self.name, delivery.url, exc.__class__.__name__)
        self.log.append({"url": delivery.url, "status": status, "headers": dict(delivery.headers)})
        if delivery.on_done:
            try:
                delivery.on_done(status)
            except Exception:  # a bookkeeping bug must not stop later deliveries
                log.exception("%s webhook bookkeeping failed", self.name)
