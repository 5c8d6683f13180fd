"""Simulators on real loopback sockets for tests: one for the duration of a block (`running`), one
server for a whole session whose simulator each test swaps (`SharedServer`), and a webhook endpoint
that records deliveries (`webhook_receiver`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from koppeling.simulators.base import Request, Response, Simulator, serve

S = TypeVar("S", bound=Simulator)


@contextmanager
def running(simulator: S) -> Iterator[S]:
    """Serve a simulator on a free loopback port for the duration of the block (its URL in .url)."""
    server, simulator.url = serve(simulator)
    try:
        yield simulator
    finally:
        server.shutdown()


class SharedServer:
    """One loopback server for a test session (stopping one takes half a second); each test plugs in
    its own simulator with `plug`. Use it as a context manager in a session-scoped fixture."""

    def __init__(self, simulator: Simulator):
        self.server, self.url = serve(simulator)

    def plug(self, simulator: Simulator) -> str:
        """Serve `simulator` from now on; the server's URL."""
        self.server.RequestHandlerClass.simulator = simulator
        return self.url

    def __enter__(self) -> SharedServer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()


class WebhookReceiver(Simulator):
    """A webhook endpoint that records what it gets and answers `status`; `on_delivery` sees each
    delivery as it arrives."""

    name = "receiver"

    def __init__(self, status: int = 200, on_delivery: Callable[[Request], None] | None = None):
        self.status, self.on_delivery, self.deliveries = status, on_delivery, []
        super().__init__()

    def routes(self) -> None:
        self.add_route("POST", "/hook", self.receive)

    def receive(self, request: Request) -> Response:
        self.deliveries.append(request)
        if self.on_delivery:
            self.on_delivery(request)
        return Response(self.status, b"ok")


@contextmanager
def webhook_receiver() -> Iterator[WebhookReceiver]:
    """A `WebhookReceiver` on a free loopback port for the block; its hook's address in `.url`."""
    with running(WebhookReceiver()) as endpoint:
        endpoint.url += "/hook"
        yield endpoint
