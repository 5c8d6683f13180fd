"""Refusals: a stable code, a plain Dutch message, a concrete suggestion and the setting that fixes it.

The codes are stable: they group Fouten by cause ("alle opnieuw verwerken") and appear in support
cases. Add a new code here, never inline.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Configuratie anchors (dashboard/templates use the same names).
SETTING_SALES = "verbinding-verkoop"
SETTING_ACCOUNTING = "verbinding-boekhouding"
SETTING_STATUSES = "statussen"
SETTING_KINDS = "soorten"
SETTING_START = "startdatum"
SETTING_VAT = "btw"
SETTING_PAYMENT = "betaalmethoden"


@dataclass
class Refusal:
    code: str
    message: str
    suggestion: str
    setting: str = ""


# code -> (message, suggestion, setting); messages take str.format(**params).
CATALOGUE = {
    "VAT_MAPPING_MISSING": (
        _("Het btw-tarief {rate}% is nog niet gekoppeld aan een omzetrekening en btw-tarief in {target}."),
        _("Kies bij Configuratie > BTW en grootboekrekeningen een grootboekrekening en btw-tarief voor "
          "{rate}% en klik daarna op Verwerk."),
        SETTING_VAT,
    ),
    "PAYMENT_MAPPING_MISSING": (
        _("De betaalmethode '{method}' is nog niet gekoppeld aan een betaalrekening."),
        _("Kies bij Configuratie > Betaalmethoden een rekening voor '{method}' en klik daarna op Verwerk."),
        SETTING_PAYMENT,
    ),
    "ADMINISTRATION_MISSING": (
        _("Er is nog geen administratie in {target} gekozen."),
        _("Verbind {target} bij Configuratie en kies de administratie waarin geboekt moet worden."),
        SETTING_ACCOUNTING,
    ),
    "TOTALS_MISMATCH": (
        _("De regels tellen op tot {lines} maar het totaal van de verkoop is {total}."),
        _("Controleer de verkoop in de webwinkel: een regel of korting ontbreekt of is dubbel. "
          "Pas de verkoop aan en klik op Verwerk, of meld het probleem."),
        "",
    ),
    "VAT_AMOUNT_MISMATCH": (
        _("De btw op '{line}' is {tax}, maar {rate}% van {net} is {expected}."),
        _("Controleer de btw-instellingen van dit product in de webwinkel; na correctie klik je op Verwerk."),
        "",
    ),
    "VAT_RATE_UNKNOWN": (
        _("Voor de regel '{line}' is het btw-tarief niet te bepalen."),
        _("Geef het product in de webwinkel een btw-tarief (belastingklasse). We boeken nooit op een "
          "gok: na correctie klik je op Verwerk."),
        "",
    ),
    "VAT_RATE_UNSUPPORTED": (
        _("De regel '{line}' heeft {rate}% btw; dat is geen Nederlands tarief."),
        _("Buitenlandse btw (OSS) wordt voor deze koppeling nog niet geboekt. Controleer de btw-instelling "
          "in de webwinkel of boek deze verkoop met de hand."),
        "",
    ),
    "SHIPPING_NO_VAT": (
        _("Verzendkosten zonder btw terwijl de producten btw hebben."),
        _("Verzendkosten volgen het btw-tarief van de producten. Zet in de webwinkel de belastingstatus "
          "van de verzendmethode op 'belastbaar' en pas de bestelling aan; klik daarna op Verwerk."),
        "",
    ),
    "ICP_NO_VAT_NUMBER": (
        _("Verkoop zonder btw aan een klant in {country}, maar zonder btw-nummer van de koper."),
        _("Een intracommunautaire levering (0%) mag alleen met een geldig btw-nummer van de koper. "
          "Vraag het btw-nummer op en zet het bij de bestelling, of reken btw en pas de bestelling aan."),
        "",
    ),
    "ICP_INVALID_VAT_NUMBER": (
        _("Het btw-nummer '{vat_number}' van de koper is niet geldig."),
        _("Controleer het nummer met de klant (landcode + nummer, bijvoorbeeld BE0123456789) en pas het "
          "aan in de bestelling; klik daarna op Verwerk."),
        "",
    ),
    "CURRENCY_UNSUPPORTED": (
        _("De verkoop is in {currency}; Koppeling boekt nu alleen verkopen in euro."),
        _("Boek deze verkoop met de hand, of meld het probleem zodat we je kunnen helpen."),
        "",
    ),
    "REFUND_WITHOUT_LINES": (
        _("De terugbetaling van {total} zegt niet welke producten zijn terugbetaald, dus de btw is onbekend."),
        _("Maak de terugbetaling in de webwinkel per product (met aantallen) aan, of boek de creditnota met "
          "de hand. We raden de btw nooit."),
        "",
    ),
    "REFUND_ORIGINAL_NOT_BOOKED": (
        _("De oorspronkelijke bestelling {original} is niet door Koppeling geboekt."),
        _("Boek de creditnota met de hand tegen de oorspronkelijke factuur, of meld het probleem."),
        "",
    ),
    "RETRIES_EXHAUSTED": (
        _("{target} gaf herhaaldelijk een tijdelijke fout: {detail}"),
        _("We proberen het vannacht automatisch opnieuw. Je kunt ook nu op Verwerk klikken."),
        "",
    ),
    "ACCOUNTING_AUTH": (
        _("{target} accepteert de toegang van Koppeling niet (meer)."),
        _("Verbind {target} opnieuw via de knop Verbinden bij Configuratie en klik daarna op Verwerk."),
        SETTING_ACCOUNTING,
    ),
    "ACCOUNTING_PAYMENT_REQUIRED": (
        _("{target} weigert: het abonnement van de administratie is niet actief."),
        _("Controleer je abonnement bij {target}; klik daarna op Verwerk."),
        SETTING_ACCOUNTING,
    ),
    "ACCOUNTING_FORBIDDEN": (
        _("Koppeling heeft geen rechten voor deze actie in {target}."),
        _("Verbind {target} opnieuw en geef toegang tot verkoopfacturen; klik daarna op Verwerk."),
        SETTING_ACCOUNTING,
    ),
    "ACCOUNTING_NOT_FOUND": (
        _("De administratie is niet gevonden in {target}."),
        _("Kies bij Configuratie opnieuw de administratie; klik daarna op Verwerk."),
        SETTING_ACCOUNTING,
    ),
    "ACCOUNTING_REFUSED": (
        _("{target} weigert de boeking: {detail}"),
        _("Controleer de gekoppelde grootboekrekeningen en btw-tarieven bij Configuratie; klik daarna op "
          "Verwerk. Lukt het niet, meld dan het probleem."),
        SETTING_VAT,
    ),
}


def refusal(code: str, **params) -> Refusal:
    message, suggestion, setting = CATALOGUE[code]
    return Refusal(code, str(message).format(**params), str(suggestion).format(**params), setting)
