"""PostgreSQL: several worker processes, each building the koppeling's Exact connector the way the
engine does, meet an expired access token at the same moment. Exactly one refreshes (Exact's refresh
tokens rotate: a second refresh with the same token would break the chain), every process's call
succeeds, and the database ends with the newest link of the chain. Run by .ci/run (needs DATABASE_URL).
"""

import json
import os
import subprocess
import sys
import time
from datetime import date

import pytest
from django.conf import settings
from django.db import connection

from koppeling.accounts.models import Tenant
from koppeling.simulators import exact_data as demo
from koppeling.simulators.exact import ExactSimulator
from koppeling.sync.connections import KoppelingCredentials
from koppeling.sync.models import Koppeling
from tests.helpers.simulators import running

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

WORKERS = 6
# Each process builds its connector from the database, waits for the common start, then calls Exact.
WORKER = """
import json, sys, time
import django
django.setup()
from koppeling.sync.connections import accounting_connector
from koppeling.sync.models import Koppeling
connector = accounting_connector(Koppeling.objects.get(pk=int(sys.argv[1])))
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
print(json.dumps([option.id for option in connector.administrations()]))
"""


@pytest.fixture
def exact():
    with running(ExactSimulator()) as simulator:
        yield simulator


@pytest.fixture
def koppeling(exact):
    assert connection.vendor == "postgresql", "the integration suite needs DATABASE_URL on PostgreSQL"
    tenant = Tenant.objects.create(name="Theehuis Utrecht")
    koppeling = Koppeling(tenant=tenant, name="Winkel", sales_system="woocommerce", accounting_system="exact",
                          accounting_config={"api_url": exact.url, "division": demo.DIVISION,
                                             "journal": demo.SALES_JOURNAL},
                          start_date=date(2026, 1, 1))
    credentials = exact.issue_tokens()
    exact.expire_token(credentials["access_token"])
    koppeling.accounting_credentials = {**credentials, "expires_at": int(time.time()) - 1}
    koppeling.save()
    return koppeling


def worker_env() -> dict:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "koppeling.settings", "FERNET_KEY": settings.FERNET_KEY,
            "SECRET_KEY": settings.SECRET_KEY, "LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}


def test_worker_processes_refresh_an_expired_token_exactly_once(exact, koppeling):
    start = time.time() + 4  # time enough for every process to import Django and connect
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(koppeling.pk), str(start)], env=worker_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(WORKERS)]
    outputs = [worker.communicate(timeout=90) for worker in workers]

    assert [worker.returncode for worker in workers] == [0] * WORKERS, [err[-2000:] for _out, err in outputs]
    assert all(json.loads(out.strip().splitlines()[-1])[0] == demo.DIVISION for out, _err in outputs)
    assert exact.refreshes == 1
    stored = KoppelingCredentials(koppeling, "accounting").load()
    assert stored["refresh_token"] in exact.state["refresh_tokens"], "the stored chain must be the newest"
    assert stored["expires_at"] > time.time()
