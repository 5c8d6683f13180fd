"""The demo tenant's fixed names, ports and simulator credentials (all local, nothing secret)."""

import os

HOST = "127.0.0.1"
WEB_PORT = int(os.environ.get("PORT", "8000"))
WOO_PORT = int(os.environ.get("DEMO_WOO_PORT", "8101"))
MONEYBIRD_PORT = int(os.environ.get("DEMO_MONEYBIRD_PORT", "8102"))
VIES_PORT = int(os.environ.get("DEMO_VIES_PORT", "8103"))
SHOPIFY_PORT = int(os.environ.get("DEMO_SHOPIFY_PORT", "8104"))
EXACT_PORT = int(os.environ.get("DEMO_EXACT_PORT", "8105"))

TENANT = "Demo Webwinkel B.V."
USERNAME = "demo@koppeling.local"
PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-koppeling-2026")

WOO_KEY = "ck_demo_koppeling_0000000000000000000000"
WOO_SECRET = "cs_demo_koppeling_0000000000000000000000"
MONEYBIRD_TOKEN = "mb-demo-token"
SHOPIFY_TOKEN = "shpat_demo_koppeling_00000000000000000000"
SHOPIFY_CLIENT_SECRET = "koppeling-demo-secret"  # the demo app's secret: signs the shop's webhooks
EXACT_TOKEN = "exact-demo-token"  # a token that never expires, like Moneybird's personal token

# Payment methods the demo maps; the simulator also sells with "klarna_pay_later", left unmapped
# on purpose so that the demo shows a fixable refusal.
MAPPED_PAYMENT_METHODS = ("mollie_wc_gateway_ideal", "mollie_wc_gateway_creditcard", "paypal", "bacs")


def woo_url() -> str:
    return f"http://{HOST}:{WOO_PORT}"


def moneybird_url() -> str:
    return f"http://{HOST}:{MONEYBIRD_PORT}"


def vies_url() -> str:
    return f"http://{HOST}:{VIES_PORT}"


def shopify_url() -> str:
    return f"http://{HOST}:{SHOPIFY_PORT}"


def exact_url() -> str:
    return f"http://{HOST}:{EXACT_PORT}"


def web_url() -> str:
    return f"http://{HOST}:{WEB_PORT}"


def simulator_ports() -> tuple[int, ...]:
    return WOO_PORT, MONEYBIRD_PORT, VIES_PORT, SHOPIFY_PORT, EXACT_PORT
