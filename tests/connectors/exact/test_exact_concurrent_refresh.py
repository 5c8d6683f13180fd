"""Eight workers (threads, each with its own connector built from the stored credentials) meet an
expired access token at the same moment: exactly one refreshes, the others use the pair it stored,
every call succeeds and the database holds the newest link of the chain.

The test database is SQLite's shared in-memory database, which fails a statement that meets another
connection's write with "database table is locked" instead of waiting for it (a file database, as
the product uses, waits). So each statement of the store runs under a process mutex here; the lease
itself still decides who refreshes, and the refresh still happens while other threads read and try
the lease. tests/integration/test_exact_token_refresh.py runs the same against PostgreSQL with
processes and no mutex.
"""

import threading
from contextlib import contextmanager
from datetime import date

import pytest
from django.db import connection

from koppeling.accounts.models import Tenant
from koppeling.connectors.accounting.exact.connector import ExactTarget
from koppeling.simulators import exact_data as demo
from koppeling.sync.connections import KoppelingCredentials
from koppeling.sync.models import Koppeling

WORKERS = 8
STATEMENTS = threading.Lock()


class OneStatementAtATime:
    """KoppelingCredentials with each database statement serialised (see the module docstring)."""

    def __init__(self, inner: KoppelingCredentials):
        self.inner = inner

    def load(self) -> dict:
        with STATEMENTS:
            return self.inner.load()

    def save(self, credentials: dict) -> None:
        with STATEMENTS:
            self.inner.save(credentials)

    @contextmanager
    def lock(self, seconds: float = 60):
        held = self.inner.lock(seconds)
        with STATEMENTS:
            ours = held.__enter__()
        try:
            yield ours
        finally:
            with STATEMENTS:
                held.__exit__(None, None, None)


@pytest.fixture
def koppeling(simulator, api_url):
    tenant = Tenant.objects.create(name="Theehuis Utrecht")
    koppeling = Koppeling(tenant=tenant, name="Winkel", sales_system="woocommerce", accounting_system="exact",
                          accounting_config={"api_url": api_url, "division": demo.DIVISION,
                                             "journal": demo.SALES_JOURNAL},
                          start_date=date(2026, 1, 1))
    credentials = simulator.issue_tokens()
    simulator.expire_token(credentials["access_token"])
    koppeling.accounting_credentials = {**credentials, "expires_at": int(simulator.clock()) - 1}
    koppeling.save()
    return koppeling


def _worker(koppeling_pk: int, barrier: threading.Barrier, results: list, errors: list) -> None:
    try:
        with STATEMENTS:
            koppeling = Koppeling.objects.get(pk=koppeling_pk)
        store = OneStatementAtATime(KoppelingCredentials(koppeling, "accounting"))
        target = ExactTarget(koppeling.accounting_config, store.load(), save_credentials=store.save,
                             credential_store=store)
        barrier.wait(timeout=10)
        results.append(target.administrations()[0].id)
    except Exception as error:  # noqa: BLE001 - reported by the test
        errors.append(error)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_eight_workers_refresh_an_expired_token_exactly_once(simulator, koppeling):
    barrier = threading.Barrier(WORKERS)
    results: list[str] = []
    errors: list[Exception] = []
    threads = [threading.Thread(target=_worker, args=(koppeling.pk, barrier, results, errors))
               for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert results == [demo.DIVISION] * WORKERS
    assert simulator.refreshes == 1
    stored = KoppelingCredentials(koppeling, "accounting").load()
    assert stored["refresh_token"] in simulator.state["refresh_tokens"], "the stored chain must be the newest"
    assert stored["access_token"] in simulator.state["tokens"]
    assert stored["expires_at"] > simulator.clock()
