"""`koppeling simulate`: run the demo's simulators (WooCommerce, Moneybird, VIES, Shopify, Exact Online)
on loopback until Ctrl-C, with their state under var/simulators/."""

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand

from koppeling.demo import config
from koppeling.simulators.base import Simulator, serve
from koppeling.simulators.exact import ExactSimulator
from koppeling.simulators.moneybird import MoneybirdSimulator
from koppeling.simulators.shopify import ShopifySimulator
from koppeling.simulators.vies import ViesSimulator
from koppeling.simulators.woocommerce import WooCommerceSimulator

log = logging.getLogger(__name__)


def build(state_dir) -> dict[str, Simulator]:
    """The simulators by name, with the demo's credentials (see koppeling.demo.config)."""
    moneybird = MoneybirdSimulator(state_file=state_dir / "moneybird.json")
    moneybird.add_personal_token(config.MONEYBIRD_TOKEN)
    exact = ExactSimulator(state_file=state_dir / "exact.json")
    exact.add_personal_token(config.EXACT_TOKEN)
    return {
        "woo": WooCommerceSimulator(state_file=state_dir / "woocommerce.json", consumer_key=config.WOO_KEY,
                                    consumer_secret=config.WOO_SECRET),
        "moneybird": moneybird,
        "vies": ViesSimulator(state_file=state_dir / "vies.json"),
        "shopify": ShopifySimulator(state_file=state_dir / "shopify.json", access_token=config.SHOPIFY_TOKEN,
                                    client_secret=config.SHOPIFY_CLIENT_SECRET),
        "exact": exact,
    }


class Command(BaseCommand):
    help = "Run the demo's simulators (state under var/simulators/)."

    def add_arguments(self, parser):
        parser.add_argument("--woo-port", type=int, default=config.WOO_PORT)
        parser.add_argument("--moneybird-port", type=int, default=config.MONEYBIRD_PORT)
        parser.add_argument("--vies-port", type=int, default=config.VIES_PORT)
        parser.add_argument("--shopify-port", type=int, default=config.SHOPIFY_PORT)
        parser.add_argument("--exact-port", type=int, default=config.EXACT_PORT)
        parser.add_argument("--stream", type=float, default=0,
                            help="seconds between demo orders (0: no stream of new orders)")

    def handle(self, *args, **options):
        simulators = build(settings.VAR_DIR / "simulators")
        servers = [serve(simulator, config.HOST, options[f"{name}_port"]) for name, simulator in simulators.items()]
        for _server, url in servers:
            self.stdout.write(f"simulator listening on {url}")
        stop = threading.Event()
        if options["stream"]:
            ticks = [self._woo_tick(simulators["woo"]), simulators["shopify"].demo_tick]
            threading.Thread(target=self._stream, args=(ticks, options["stream"], stop), daemon=True).start()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            for server, _url in servers:
                server.shutdown()
            for simulator in simulators.values():
                simulator.save()

    @staticmethod
    def _woo_tick(woo: WooCommerceSimulator) -> Callable[[], object]:
        def tick():
            with woo.lock:
                woo.demo_tick()
                woo.save()
        return tick

    @staticmethod
    def _stream(ticks: list[Callable[[], object]], interval: float, stop: threading.Event) -> None:
        # The Shopify simulator locks and saves by itself, and must not hold its lock while its
        # webhooks reach the web server (which then reads the order back from it).
        while not stop.wait(interval):
            for tick in ticks:
                try:
                    tick()
                except Exception:  # one odd step (a refund the shop refuses) must not end the stream
                    log.exception("demo stream step failed")
