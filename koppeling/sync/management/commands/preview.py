"""`koppeling preview SALE.json [--koppeling ID] [--json]`: what would be booked, without booking."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from koppeling.sync.canonical import from_json
from koppeling.sync.models import Koppeling
from koppeling.sync.preview import box_label, preview

TREATMENTS = {"domestic": "Nederland", "export": "Export buiten de EU", "icp": "Intracommunautaire levering",
              "distance_nl": "Afstandsverkoop binnen de EU, Nederlandse btw", "oss": "Afstandsverkoop, OSS"}


class Command(BaseCommand):
    help = "Show exactly what would be booked for a canonical sale (docs/canonical-sale.md), booking nothing."

    def add_arguments(self, parser):
        parser.add_argument("sale", help="path to a canonical sale in JSON")
        parser.add_argument("--koppeling", type=int, help="use this koppeling's settings and mapping")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args, **options):
        sale = self._load(options["sale"])
        koppeling = None
        if options["koppeling"]:
            koppeling = Koppeling.objects.filter(pk=options["koppeling"]).first()
            if koppeling is None:
                raise CommandError(f"koppeling {options['koppeling']} bestaat niet")
        result = preview(sale, koppeling)
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        else:
            self._table(result)

    @staticmethod
    def _load(path: str):
        try:
            return from_json(json.loads(Path(path).read_text()))
        except FileNotFoundError as error:
            raise CommandError(f"bestand niet gevonden: {path}") from error
        except (ValueError, KeyError, ArithmeticError, TypeError) as error:
            raise CommandError(f"geen geldige verkoop in {path}: {error!r}") from error

    def _table(self, result) -> None:
        if result.treatment:
            self.stdout.write(f"Behandeling: {TREATMENTS.get(result.treatment, result.treatment)}")
        row = "{:<30} {:<34} {:>4} {:<20} {:<20} {:>10} {:>9} {:>10}"
        self.stdout.write(row.format("Omschrijving", "Categorie", "Rubr", "Grootboek", "Btw-code", "Netto", "Btw",
                                     "Bruto"))
        for line in result.lines:
            self.stdout.write(row.format(line.description[:30], line.category_label[:34], line.box,
                                         line.ledger_account_id or "-", line.tax_rate_id or "-", str(line.net),
                                         str(line.tax), str(line.gross)))
        if result.lines:
            self.stdout.write(row.format("Totaal", "", "", "", "", str(result.net), str(result.tax), str(result.gross)))
            for box, (net, tax) in sorted(result.per_box().items()):
                self.stdout.write(f"  {box_label(box)}: netto {net}, btw {tax}")
        for note in result.notes:
            self.stdout.write(f"Let op: {note}")
        if result.refusal:
            self.stdout.write(f"GEWEIGERD [{result.refusal.code}]: {result.refusal.message}")
            self.stdout.write(f"Wat te doen: {result.refusal.suggestion}")
