"""`koppeling run` (what `make run` calls) on a fresh var/: it prints URL, login and password, books
demo sales of both koppelingen (WooCommerce → Moneybird, Shopify → Exact Online) within a minute, books
a new Shopify order in seconds through its webhook, keeps its data on a second start, and Ctrl-C stops
every process."""

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

SIMULATORS = ("WOO", "MONEYBIRD", "VIES", "SHOPIFY", "EXACT")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "KOPPELING_VAR_DIR": str(tmp_path), "DEBUG": "1", "HUEY_IMMEDIATE": "0",
            "PORT": str(free_port()), **{f"DEMO_{name}_PORT": str(free_port()) for name in SIMULATORS},
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


def booked(var_dir: str, system: str = "", source_id: str = "") -> int:
    """Booked sales, of one sales system's koppeling and one shop id when given."""
    query = ("select count(*) from sync_sale s join sync_koppeling k on k.id = s.koppeling_id "
             "where s.state = 'booked' and (? = '' or k.sales_system = ?) and (? = '' or s.source_id = ?)")
    with sqlite3.connect(os.path.join(var_dir, "koppeling.sqlite3")) as db:
        return db.execute(query, (system, system, source_id, source_id)).fetchone()[0]


def wait_for_bookings(var_dir: str, seconds: float = 60, **which) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        count = booked(var_dir, **which)
        if count:
            return count
        time.sleep(0.5)
    return 0


def new_shopify_order(env) -> str:
    shop = f"http://127.0.0.1:{env['DEMO_SHOPIFY_PORT']}"
    answer = httpx.post(f"{shop}/_sim/orders", json={"scenario": "normal", "status": "PAID"}, timeout=10)
    return str(answer.raise_for_status().json()["orders"][0])


def shopify_webhooks(env) -> set[str]:
    shop = f"http://127.0.0.1:{env['DEMO_SHOPIFY_PORT']}"
    return {hook["address"] for hook in httpx.get(f"{shop}/_sim/webhooks", timeout=10).json()["webhooks"]}


def test_run_demo_books_sales_within_a_minute_and_keeps_data(env):
    process, printed = start(env)
    try:
        assert printed["URL"] == f"http://127.0.0.1:{env['PORT']}/"
        var_dir = env["KOPPELING_VAR_DIR"]
        assert wait_for_bookings(var_dir, system="woocommerce") > 0
        assert wait_for_bookings(var_dir, system="shopify") > 0
        login = httpx.get(printed["URL"] + "login/", timeout=10)
        assert login.status_code == 200
    finally:
        stop(process)
    for port in (env["PORT"], *(env[f"DEMO_{name}_PORT"] for name in SIMULATORS)):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", int(port))) != 0, f"port {port} still served after Ctrl-C"
    before = booked(env["KOPPELING_VAR_DIR"])
    process, _ = start(env)
    try:
        assert booked(env["KOPPELING_VAR_DIR"]) >= before  # the second start keeps the data
    finally:
        stop(process)


def test_run_demo_books_a_new_shopify_order_through_its_webhook(env):
    process, printed = start(env)
    try:
        assert shopify_webhooks(env) == {f"{printed['URL']}webhooks/{token}/" for token in webhook_tokens(env)}
        order = new_shopify_order(env)
        # Polling runs once a minute; the webhook brings the order in seconds.
        assert wait_for_bookings(env["KOPPELING_VAR_DIR"], seconds=20, system="shopify", source_id=order) == 1
    finally:
        stop(process)


def webhook_tokens(env) -> list[str]:
    with sqlite3.connect(os.path.join(env["KOPPELING_VAR_DIR"], "koppeling.sqlite3")) as db:
        return [row[0] for row in db.execute("select webhook_token from sync_koppeling where sales_system = 'shopify'")]
