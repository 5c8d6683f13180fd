"""`koppeling run` (what `make run` calls): migrate, start the simulators, seed the demo tenant, then
run web server and worker until Ctrl-C, which stops all of them. Data stays under var/."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from koppeling.demo import config


def _wait_for_port(port: int, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((config.HOST, port)) == 0:
                return True
        time.sleep(0.2)
    return False


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((config.HOST, port)) != 0


class Command(BaseCommand):
    help = "Run Koppeling with the demo: simulators, web server and worker."

    def add_arguments(self, parser):
        parser.add_argument("--stream", type=float, default=20, help="seconds between new demo orders")

    def handle(self, *args, **options):
        # A TERM (from a supervisor, or `timeout`) stops the children as cleanly as Ctrl-C does.
        signal.signal(signal.SIGTERM, _interrupt)
        for port in (config.WEB_PORT, *config.simulator_ports()):
            if not _port_free(port):
                raise CommandError(f"port {port} is in use: is Koppeling already running?")
        call_command("migrate", interactive=False, verbosity=0)
        # Web server and worker ask the VIES simulator, not the EU, in the demo; and the OAuth
        # callbacks and webhook addresses they show are on this web server's port.
        os.environ.setdefault("VIES_URL", config.vies_url())
        os.environ.setdefault("SITE_URL", config.web_url())
        me = [sys.executable, "-m", "koppeling"]
        children: list[subprocess.Popen] = []
        try:
            children.append(subprocess.Popen([*me, "simulate", "--stream", str(options["stream"])]))
            if not all(_wait_for_port(port) for port in config.simulator_ports()):
                raise CommandError("the simulators did not start")
            call_command("seed_demo")
            children.append(subprocess.Popen([*me, "run_huey"]))
            children.append(subprocess.Popen([*me, "runserver", f"{config.HOST}:{config.WEB_PORT}", "--noreload"]))
            if not _wait_for_port(config.WEB_PORT):
                raise CommandError("the web server did not start")
            self._kick_off()
            self.stdout.write(f"URL: http://{config.HOST}:{config.WEB_PORT}/")
            self.stdout.write(f"Login: {config.USERNAME}")
            self.stdout.write(f"Password: {config.PASSWORD}")
            self.stdout.write("Ctrl-C stops web server, worker and simulators.")
            self._watch(children)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(children)

    @staticmethod
    def _kick_off() -> None:
        """Poll at once rather than at the next minute, so that sales show up right away."""
        from koppeling.sync.models import Koppeling
        from koppeling.sync.tasks import poll_koppeling

        for pk in Koppeling.objects.filter(active=True).values_list("pk", flat=True):
            poll_koppeling(pk)

    @staticmethod
    def _watch(children: list[subprocess.Popen]) -> None:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        raise CommandError("a process stopped unexpectedly; stopping the others")

    @staticmethod
    def _stop(children: list[subprocess.Popen]) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGINT if os.name != "nt" else signal.SIGTERM)
        deadline = time.monotonic() + 10
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
