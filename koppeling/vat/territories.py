"""Places that belong to an EU country but lie outside the EU VAT area (goods sent there are an
export), and places outside it that VAT treats as part of a member state. Recognised by postcode,
because shops report them under their parent country's code. See vat-rules.md §6."""

from __future__ import annotations

import re

# (country, postcode pattern) of territories outside the EU VAT area.
OUTSIDE_VAT_AREA = [
    ("ES", r"^(35|38)\d{3}$"),  # Canary Islands
    ("ES", r"^(51|52)\d{3}$"),  # Ceuta and Melilla
    ("FI", r"^22\d{3}$"),  # Åland
    ("DE", r"^78266$"),  # Büsingen am Hochrhein
    ("DE", r"^27498$"),  # Heligoland
    ("IT", r"^23030$"),  # Livigno
    ("IT", r"^22061$"),  # Campione d'Italia
    ("GR", r"^63086$"),  # Mount Athos
    ("FR", r"^97[1-6]\d{2}$"),  # overseas departments (Guadeloupe, Martinique, Guyane, Réunion, Mayotte)
]
# Countries whose territory VAT counts as a member state's.
TREATED_AS = {"MC": "FR", "IM": "GB"}
# ISO codes some shops use for special territories themselves.
OUTSIDE_CODES = {"IC", "EA", "AX", "XC", "XL"}


def vat_country(country: str, zipcode: str = "") -> str:
    """The country for VAT purposes: "" for a place outside every VAT area we know (an export)."""
    country = TREATED_AS.get(country.upper(), country.upper())
    if country in OUTSIDE_CODES:
        return ""
    postcode = re.sub(r"\s+", "", zipcode or "").upper()
    for parent, pattern in OUTSIDE_VAT_AREA:
        if country == parent and re.match(pattern, postcode):
            return ""
    return country
