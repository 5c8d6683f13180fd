"""`koppeling run` (what `make run` calls) on a fresh var/: it prints URL, login and password, books
demo sales within a minute, keeps its data on a second start, and Ctrl-C stops every process."""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "KOPPELING_VAR_DIR": str(tmp_path), "DEBUG": "1", "HUEY_IMMEDIATE": "0",
            "PORT": str(free_port()), "DEMO_WOO_PORT": str(free_port()), "DEMO_MONEYBIRD_PORT": str(free_port()),
            "DEMO_VIES_PORT": str(free_port()),
            "DJANGO_SETTINGS_MODULE": "koppeling.settings"}


def start(env) -> tuple[subprocess.Popen, dict[str, str]]:
    process = subprocess.Popen([sys.executable, "-m", "koppeling", "run", "--stream", "0"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    printed: dict[str, str] = {}
    deadline = time.monotonic() + 60
    while "Password" not in printed and time.monotonic() < deadline:
        line = process.stdout.readline()
        match = re.match(r"^(URL|Login|Password): (.+)$", line.strip())
        if match:
            printed[match.group(1)] = match.group(2)
    assert "Password" in printed, "koppeling run did not print its three lines"
    return process, printed


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0


def booked(var_dir: str) -> int:
    with sqlite3.connect(os.path.join(var_dir, "koppeling.sqlite3")) as db:
        return db.execute("select count(*) from sync_sale where state = 'booked'").fetchone()[0]


def wait_for_bookings(var_dir: str, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        count = booked(var_dir)
        if count:
            return count
        time.sleep(1)
    return 0


def test_run_demo_books_sales_within_a_minute_and_keeps_data(env):
    process, printed = start(env)
    try:
        assert printed["URL"] == f"http://127.0.0.1:{env['PORT']}/"
        assert wait_for_bookings(env["KOPPELING_VAR_DIR"]) > 0
        login = httpx.get(printed["URL"] + "login/", timeout=10)
        assert login.status_code == 200
    finally:
        stop(process)
    for port in (env["PORT"], env["DEMO_WOO_PORT"], env["DEMO_MONEYBIRD_PORT"]):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", int(port))) != 0, f"port {port} still served after Ctrl-C"
    before = booked(env["KOPPELING_VAR_DIR"])
    process, _ = start(env)
    try:
        assert booked(env["KOPPELING_VAR_DIR"]) >= before  # the second start keeps the data
    finally:
        stop(process)
