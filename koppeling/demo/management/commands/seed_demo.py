from django.core.management.base import BaseCommand

from koppeling.demo import config
from koppeling.demo.seed import seed


class Command(BaseCommand):
    help = "Create (or keep) the demo tenant, wired to the running simulators."

    def handle(self, *args, **options):
        user, koppelingen = seed()
        names = ", ".join(f"'{koppeling}'" for koppeling in koppelingen)
        self.stdout.write(f"demo tenant '{user.tenant}' with koppelingen {names} ({config.USERNAME})")
