"""`make bench`: how fast and how lean the engine books a backlog, end to end over loopback HTTP.

Fills the WooCommerce simulator with ORDERS orders, then polls and books them all into the
Moneybird simulator (rate limit lifted: we measure Koppeling, not Moneybird's budget), on a fresh
SQLite database in a temporary folder. Prints the numbers and fails when a target is missed.
"""

import os
import resource
import sys
import tempfile
import time

ORDERS = int(os.environ.get("BENCH_ORDERS", "1000"))
TARGET_FETCH_PER_SECOND = 200  # storing fetched sales
TARGET_BOOK_PER_SECOND = 40  # validated and booked, 4-5 HTTP calls each
TARGET_PEAK_MB = 400


def setup_django(var_dir: str) -> None:
    os.environ.update({"KOPPELING_VAR_DIR": var_dir, "HUEY_IMMEDIATE": "1", "DEBUG": "0",
                       "DJANGO_SETTINGS_MODULE": "koppeling.settings", "LOG_LEVEL": "WARNING"})
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def koppeling_for(woo_url: str, mb_url: str):
    from datetime import timedelta

    from django.utils import timezone

    from koppeling.accounts.models import Tenant
    from koppeling.demo.setup import configure_accounting
    from koppeling.sync.models import Koppeling

    koppeling = Koppeling(tenant=Tenant.objects.create(name="Bench"), name="bench", sales_system="woocommerce",
                          accounting_system="moneybird", sales_config={"url": woo_url},
                          accounting_config={"api_url": mb_url}, book_statuses=["processing", "completed"],
                          start_date=timezone.localdate() - timedelta(days=1))
    koppeling.sales_credentials = {"consumer_key": "ck_bench", "consumer_secret": "cs_bench"}
    koppeling.accounting_credentials = {"access_token": "mb-bench"}
    koppeling.save()
    account = configure_accounting(koppeling).financial_accounts[0].id
    koppeling.payment_mapping = dict.fromkeys(("mollie_wc_gateway_ideal", "mollie_wc_gateway_creditcard",
                                               "paypal", "bacs"), account)
    koppeling.save()
    return koppeling


def main() -> int:
    setup_django(tempfile.mkdtemp(prefix="koppeling-bench-"))
    from koppeling.simulators.base import serve
    from koppeling.simulators.moneybird import MoneybirdSimulator
    from koppeling.simulators.woocommerce import WooCommerceSimulator
    from koppeling.sync import booking, polling
    from koppeling.sync.models import Sale

    woo = WooCommerceSimulator(seed=1, consumer_key="ck_bench", consumer_secret="cs_bench")
    moneybird = MoneybirdSimulator(seed=1, rate_limit=10**9)
    moneybird.add_personal_token("mb-bench")
    for index in range(ORDERS):
        woo.generate_order(scenario=("normal", "mixed_rates", "coupon")[index % 3], status="processing")
    (woo_server, woo_url), (mb_server, mb_url) = serve(woo), serve(moneybird)
    koppeling = koppeling_for(woo_url, mb_url)

    started = time.perf_counter()
    result = polling.poll(koppeling.pk)
    fetch_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for pk in result.ready_ids:
        booking.process(pk)
    book_seconds = time.perf_counter() - started
    woo_server.shutdown()
    mb_server.shutdown()

    booked = Sale.objects.filter(state="booked").count()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fetch_rate, book_rate = result.fetched / fetch_seconds, booked / book_seconds
    print(f"orders: {ORDERS}  fetched: {result.fetched}  booked: {booked}  invoices: {len(moneybird.invoices())}")
    print(f"fetch+store: {fetch_rate:.0f}/s (target {TARGET_FETCH_PER_SECOND}/s)")
    print(f"validate+book: {book_rate:.1f}/s (target {TARGET_BOOK_PER_SECOND}/s)")
    print(f"peak memory: {peak_mb:.0f} MB, simulators included (target {TARGET_PEAK_MB} MB)")
    ok = (booked == ORDERS == len(moneybird.invoices()) and fetch_rate >= TARGET_FETCH_PER_SECOND
          and book_rate >= TARGET_BOOK_PER_SECOND and peak_mb <= TARGET_PEAK_MB)
    print("bench: OK" if ok else "bench: TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main())
