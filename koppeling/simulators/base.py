"""A tiny HTTP framework for simulators: routing, JSON state on disk, and fault injection.

A simulator is a `Simulator` subclass with routes. It runs either as a real HTTP server on
loopback (`serve`) or in-process behind httpx (`simulator.wsgi` with httpx.WSGITransport).

Fault injection, set through `POST /_sim/faults` (JSON) or `Simulator.add_fault`:
  {"kind": "latency|429|500|timeout|drop", "match": "POST /api/.*", "times": 1,
   "probability": 1.0, "seconds": 2}
`drop` carries out the request, then closes the connection without an answer ("commit, then
drop the response"). `GET /_sim/state` shows the state, `POST /_sim/reset` clears it.
"""

from __future__ import annotations

import json
import logging
import random
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)


class Headers(dict):
    """Case-insensitive header lookup."""

    def __init__(self, items=()):
        super().__init__((k.lower(), v) for k, v in dict(items).items())

    def get(self, key, default=None):
        return super().get(key.lower(), default)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Headers
    body: bytes = b""
    scheme: str = "http"
    host: str = "127.0.0.1"
    params: dict[str, str] = field(default_factory=dict)  # from the route pattern

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def json(self):
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}"


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def json_response(data, status: int = 200, headers: dict | None = None) -> Response:
    body = json.dumps(data, indent=None, default=str).encode()
    return Response(status, body, {"Content-Type": "application/json; charset=utf-8", **(headers or {})})


def html_response(html: str, status: int = 200) -> Response:
    return Response(status, html.encode(), {"Content-Type": "text/html; charset=utf-8"})


def redirect(location: str, status: int = 302) -> Response:
    return Response(status, b"", {"Location": location})


class Drop(Exception):
    """Close the connection without an answer."""


Handler = Callable[[Request], Response]


class Simulator:
    """Base class: subclasses register routes in `routes()` and keep their data in `self.state`."""

    name = "simulator"

    def __init__(self, state_file: Path | str | None = None, seed: int | None = None):
        self.state_file = Path(state_file) if state_file else None
        self.lock = threading.RLock()
        self.random = random.Random(seed)
        self.faults: list[dict] = []
        self._routes: list[tuple[str, re.Pattern, Handler]] = []
        self.state: dict = {}
        self.load()
        self.routes()

    # --- to override -------------------------------------------------------------------------
    def routes(self) -> None:
        """Register routes with self.add_route(method, regex, handler)."""

    def initial_state(self) -> dict:
        return {}

    # --- state -------------------------------------------------------------------------------
    def load(self) -> None:
        if self.state_file and self.state_file.exists():
            self.state = json.loads(self.state_file.read_text())
        else:
            self.state = self.initial_state()

    def save(self) -> None:
        if not self.state_file:
            return
        with self.lock:
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.state_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.state, default=str))
            tmp.replace(self.state_file)

    def reset(self) -> None:
        with self.lock:
            self.state = self.initial_state()
            self.faults.clear()
            self.save()

    # --- routing -----------------------------------------------------------------------------
    def add_route(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append((method.upper(), re.compile(f"^{pattern}$"), handler))

    def add_fault(self, kind: str, match: str = ".*", times: int | None = 1, probability: float = 1.0,
                  seconds: float = 2.0) -> None:
        with self.lock:
            self.faults.append({"kind": kind, "match": match, "times": times, "probability": probability,
                                "seconds": seconds})

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def _take_fault(self, request: Request) -> dict | None:
        target = f"{request.method} {request.path}"
        with self.lock:
            for fault in self.faults:
                if not re.search(fault["match"], target):
                    continue
                if self.random.random() >= fault.get("probability", 1.0):
                    continue
                if fault.get("times") is not None:
                    fault["times"] -= 1
                    if fault["times"] <= 0:
                        self.faults.remove(fault)
                return fault
        return None

    def handle(self, request: Request) -> Response:
        if request.path.startswith("/_sim/"):
            return self._admin(request)
        fault = self._take_fault(request)
        if fault:
            early = self._apply_fault(fault)
            if early is not None:
                return early
        response = self._dispatch(request)
        if fault and fault["kind"] == "drop":
            raise Drop()
        return response

    def _apply_fault(self, fault: dict) -> Response | None:
        kind = fault["kind"]
        if kind == "latency":
            time.sleep(fault.get("seconds", 2.0))
        elif kind == "timeout":
            time.sleep(fault.get("seconds", 30.0))
            raise Drop()
        elif kind == "429":
            seconds = fault.get("seconds", 1)
            return self.too_many_requests(seconds)
        elif kind == "500":
            return json_response({"error": "Internal Server Error"}, 500)
        return None

    def too_many_requests(self, seconds: float) -> Response:
        """Subclasses may add their vendor's rate-limit headers."""
        return json_response({"error": "Too Many Requests"}, 429, {"Retry-After": str(int(seconds))})

    def _dispatch(self, request: Request) -> Response:
        allowed = False
        for method, pattern, handler in self._routes:
            match = pattern.match(request.path)
            if not match:
                continue
            allowed = True
            if method == request.method:
                request.params = match.groupdict()
                return handler(request)
        if allowed:
            return json_response({"error": "method not allowed"}, 405)
        return self.not_found(request)

    def not_found(self, request: Request) -> Response:
        return json_response({"error": "not found"}, 404)

    def _admin(self, request: Request) -> Response:
        if request.path == "/_sim/faults" and request.method == "POST":
            data = request.json() or {}
            self.add_fault(**{k: v for k, v in data.items()
                              if k in ("kind", "match", "times", "probability", "seconds")})
            return json_response({"faults": self.faults})
        if request.path == "/_sim/faults" and request.method == "DELETE":
            self.clear_faults()
            return json_response({"faults": []})
        if request.path == "/_sim/state":
            with self.lock:
                return json_response(self.state)
        if request.path == "/_sim/reset" and request.method == "POST":
            self.reset()
            return json_response({"ok": True})
        return json_response({"error": "not found"}, 404)

    # --- in-process use (httpx.WSGITransport) ------------------------------------------------
    def wsgi(self, environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = Headers({k[5:].replace("_", "-"): v for k, v in environ.items() if k.startswith("HTTP_")})
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        request = Request(environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/"),
                          parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True), headers, body,
                          environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", "testserver"))
        response = self.handle(request)
        reason = {200: "OK", 201: "Created", 204: "No Content"}.get(response.status, "Status")
        start_response(f"{response.status} {reason}", list(response.headers.items()))
        return [response.body]


class _Handler(BaseHTTPRequestHandler):
    simulator: Simulator
    scheme = "http"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out separately: without this, 40 ms a call

    def log_message(self, format, *args):  # noqa: A002 - keep the demo's console readable
        log.debug("%s %s", self.simulator.name, format % args)

    def _serve(self):
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Request(self.command, split.path, parse_qs(split.query, keep_blank_values=True),
                          Headers(self.headers.items()), body, self.scheme,
                          self.headers.get("Host", "127.0.0.1"))
        try:
            response = self.simulator.handle(request)
        except Drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        except Exception:  # a bug in a simulator must show, not hang the client
            log.exception("%s failed on %s %s", self.simulator.name, self.command, self.path)
            response = json_response({"error": "simulator crashed"}, 500)
        self.send_response(response.status)
        for key, value in response.headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(simulator: Simulator, host: str = "127.0.0.1", port: int = 0, ssl_context=None):
    """Start `simulator` on a background thread. Returns (server, base_url); server.shutdown() stops it."""
    handler = type("Handler", (_Handler,), {"simulator": simulator,
                                             "scheme": "https" if ssl_context else "http"})
    server = SimulatorServer((host, port), handler)
    if ssl_context:
        server.socket = ssl_context.wrap_socket(server.socket, server_side=True)
    # A short poll interval makes shutdown() quick, which keeps test suites fast.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name=f"sim-{simulator.name}", daemon=True)
    thread.start()
    scheme = "https" if ssl_context else "http"
    return server, f"{scheme}://{host}:{server.server_address[1]}"
