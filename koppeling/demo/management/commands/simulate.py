"""`koppeling simulate`: run the WooCommerce and Moneybird simulators on loopback until Ctrl-C."""

import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from koppeling.demo import config
from koppeling.simulators.base import serve
from koppeling.simulators.moneybird import MoneybirdSimulator
from koppeling.simulators.vies import ViesSimulator
from koppeling.simulators.woocommerce import WooCommerceSimulator


class Command(BaseCommand):
    help = "Run the WooCommerce and Moneybird simulators (state under var/simulators/)."

    def add_arguments(self, parser):
        parser.add_argument("--woo-port", type=int, default=config.WOO_PORT)
        parser.add_argument("--moneybird-port", type=int, default=config.MONEYBIRD_PORT)
        parser.add_argument("--vies-port", type=int, default=config.VIES_PORT)
        parser.add_argument("--stream", type=float, default=0,
                            help="seconds between demo orders (0: no stream of new orders)")

    def handle(self, *args, **options):
        state_dir = settings.VAR_DIR / "simulators"
        woo = WooCommerceSimulator(state_file=state_dir / "woocommerce.json", consumer_key=config.WOO_KEY,
                                   consumer_secret=config.WOO_SECRET)
        moneybird = MoneybirdSimulator(state_file=state_dir / "moneybird.json")
        moneybird.add_personal_token(config.MONEYBIRD_TOKEN)
        vies = ViesSimulator(state_file=state_dir / "vies.json")
        servers = [serve(woo, config.HOST, options["woo_port"]),
                   serve(moneybird, config.HOST, options["moneybird_port"]),
                   serve(vies, config.HOST, options["vies_port"])]
        for _server, url in servers:
            self.stdout.write(f"simulator listening on {url}")
        stop = threading.Event()
        if options["stream"]:
            threading.Thread(target=self._stream, args=(woo, options["stream"], stop), daemon=True).start()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            for server, _url in servers:
                server.shutdown()
            woo.save()
            moneybird.save()

    @staticmethod
    def _stream(woo, interval: float, stop: threading.Event) -> None:
        while not stop.wait(interval):
            with woo.lock:
                woo.demo_tick()
                woo.save()
