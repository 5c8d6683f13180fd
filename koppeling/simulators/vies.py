"""A stand-in for the EU's VIES REST API (`POST /check-vat-number`).

A set of registered numbers answers `valid: true` with a name and an address; any other number
answers `valid: false` (name and address "---", as VIES does). Each member state can be switched
off (`set_unavailable("DE")`), and then answers VIES's error body `{"actionSucceed": false,
"errorWrappers": [{"error": "MS_UNAVAILABLE"}]}`. A consultation number (`requestIdentifier`)
is handed out only when the request names a requester, as VIES does. Faults (latency, 500,
timeout, drop) come from the base class.

VIES sends most error bodies with HTTP 200; `error_status` changes that for tests.
The companies below are invented; only their numbers are real test numbers with valid check digits.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime

from stdnum.eu import vat as eu_vat

from koppeling.simulators.base import Request, Response, Simulator, json_response
from koppeling.vat.rates import EU_COUNTRIES, vat_prefix

PREFIXES = frozenset({vat_prefix(country) for country in EU_COUNTRIES} | {"XI"})
NATIONAL_PART = re.compile(r"[0-9A-Z+*]{2,12}")
NO_DETAILS = "---"

REGISTERED = {
    "BE0428759497": ("VOORBEELD HANDEL NV", "Kerkstraat 12\n2000 Antwerpen"),
    "BE0897290877": ("PROEFBEDRIJF BVBA", "Rue de la Loi 200\n1000 Bruxelles"),
    "DE811363057": ("Musterhandel GmbH", "Hauptstrasse 5\n10115 Berlin"),
    "DE129304291": ("Beispiel Versand AG", "Bahnhofstrasse 17\n80335 Muenchen"),
    "FR40303265045": ("SARL EXEMPLE DISTRIBUTION", "8 RUE DE LA PAIX\n75002 PARIS"),
    "NL004495445B01": ("Testbedrijf Noord B.V.", "Stationsweg 1\n1012AB Amsterdam"),
    "EL094259216": ("PARADEIGMA EMPORIKI AE", "ODOS ERMOU 10\n10563 ATHINA"),
}

MESSAGES = {
    "INVALID_INPUT": "The provided CountryCode is invalid or the VAT number is empty",
    "MS_UNAVAILABLE": "The application at the Member State is not replying or not available.",
    "INVALID_REQUESTER_INFO": "The requester information is invalid",
}


def error_body(code: str) -> dict:
    wrapper = {"error": code}
    if code in MESSAGES:
        wrapper["message"] = MESSAGES[code]
    return {"actionSucceed": False, "errorWrappers": [wrapper]}


class ViesSimulator(Simulator):
    name = "vies"

    def __init__(self, state_file=None, seed=None, clock: Callable[[], float] = time.time, error_status: int = 200):
        self.clock = clock
        self.error_status = error_status
        self.checks: list[dict] = []  # every request body that reached the check, for tests
        super().__init__(state_file, seed)

    def initial_state(self) -> dict:
        return {
            "registered": {number: {"name": name, "address": address}
                           for number, (name, address) in REGISTERED.items()},
            "unavailable": {},  # prefix -> error code
            "next_request": 1234567,
        }

    # --- helpers for tests and the demo ---------------------------------------------------------
    def register(self, number: str, name: str, address: str = "") -> None:
        with self.lock:
            self.state["registered"][self._key(number)] = {"name": name, "address": address}
            self.save()

    def set_unavailable(self, country: str, error: str = "MS_UNAVAILABLE") -> None:
        """Make one member state's register stop answering (or answer another error, e.g. busy)."""
        with self.lock:
            self.state["unavailable"][vat_prefix(country.upper())] = error
            self.save()

    def set_available(self, country: str) -> None:
        with self.lock:
            self.state["unavailable"].pop(vat_prefix(country.upper()), None)
            self.save()

    @staticmethod
    def _key(number: str) -> str:
        compact = eu_vat.compact(number)
        return vat_prefix(compact[:2]) + compact[2:]

    # --- routes ---------------------------------------------------------------------------------
    def routes(self) -> None:
        self.add_route("POST", "/check-vat-number", self.check_vat_number)

    def check_vat_number(self, request: Request) -> Response:
        try:
            body = request.json()
        except ValueError:
            return json_response(error_body("VOW-ERR-1"), 500)
        if not isinstance(body, dict):
            return self._error("INVALID_INPUT")
        country = str(body.get("countryCode") or "").strip().upper()
        number = str(body.get("vatNumber") or "").strip().upper()
        with self.lock:
            self.checks.append(body)
            if country not in PREFIXES or not NATIONAL_PART.fullmatch(number):
                return self._error("INVALID_INPUT")
            if country in self.state["unavailable"]:
                return self._error(self.state["unavailable"][country])
            requester = self._requester(body)
            if requester is None:
                return self._error("INVALID_REQUESTER_INFO")
            return json_response(self._answer(country, number, requester))

    def _error(self, code: str) -> Response:
        return json_response(error_body(code), self.error_status)

    @staticmethod
    def _requester(body: dict) -> bool | None:
        """True: a valid requester; False: none given; None: given but not a valid VAT number."""
        prefix = str(body.get("requesterMemberStateCode") or "").strip().upper()
        number = str(body.get("requesterNumber") or "").strip().upper()
        if not prefix and not number:
            return False
        if prefix not in PREFIXES or not eu_vat.is_valid(prefix + number):
            return None
        return True

    def _answer(self, country: str, number: str, requester: bool) -> dict:
        found = self.state["registered"].get(country + number)
        identifier = ""
        if requester:
            identifier = f"WAPIAAAAW{self.state['next_request']:07d}"
            self.state["next_request"] += 1
            self.save()
        return {
            "countryCode": country,
            "vatNumber": number,
            "requestDate": self._now(),
            "valid": found is not None,
            "requestIdentifier": identifier,
            "name": (found or {}).get("name") or NO_DETAILS,
            "address": (found or {}).get("address") or NO_DETAILS,
        }

    def _now(self) -> str:
        moment = datetime.fromtimestamp(self.clock(), UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
