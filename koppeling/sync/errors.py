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
        _("De btw-categorie '{category}' is nog niet gekoppeld aan een grootboekrekening en btw-code in "
          "{target}."),
        _("Kies bij Configuratie > Btw en grootboekrekeningen een grootboekrekening en btw-code voor "
          "'{category}' en klik daarna op Alle opnieuw verwerken."),
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
    "VAT_RATE_NOT_IN_COUNTRY": (
        _("Een regel heeft {rate}% btw, maar dat tarief bestaat niet in {country} op de datum van de verkoop."),
        _("Controleer de btw-instellingen (belastingklassen) in de webwinkel. Gebruik je OSS of zit je "
          "boven de drempel van € 10.000, zet dat dan aan bij Configuratie > Btw-regels."),
        SETTING_VAT,
    ),
    "KIND_UNKNOWN": (
        _("De soort '{kind}' kent Koppeling niet, dus de btw-behandeling is niet te bepalen."),
        _("Meld het probleem: dan voegen we deze soort toe of zoeken we uit waar hij vandaan komt."),
        "",
    ),
    "AMOUNT_INVALID": (
        _("De verkoop bevat een bedrag dat geen geldig bedrag in hele centen is."),
        _("Controleer de bedragen van de verkoop in de webwinkel, of meld het probleem."),
        "",
    ),
    "REFUND_NOT_NEGATIVE": (
        _("De terugbetaling heeft een positief totaal ({total}); dat zou omzet toevoegen in plaats van corrigeren."),
        _("Controleer de terugbetaling in de webwinkel, of meld het probleem."),
        "",
    ),
    "ICP_DUTCH_VAT_NUMBER": (
        _("Verkoop zonder btw naar {country} met een Nederlands btw-nummer ({vat_number})."),
        _("Een intracommunautaire levering (0%) vraagt een btw-nummer uit een ander EU-land. Vraag de klant om "
          "het btw-nummer van zijn vestiging in {country}, of reken btw en pas de bestelling aan."),
        "",
    ),
    "ICP_CHARGED_VAT": (
        _("De klant heeft een geldig btw-nummer uit {country} ({vat_number}), maar er is btw gerekend."),
        _("Aan een ondernemer in een ander EU-land lever je met 0% (ICP). Is de klant geen ondernemer, haal dan "
          "het btw-nummer weg bij de bestelling; anders crediteer je en factureer je opnieuw zonder btw."),
        "",
    ),
    "MIXED_ZERO_AND_TAXED": (
        _("De producten zijn zonder btw verkocht, maar op '{line}' staat wel btw."),
        _("Bij een levering zonder btw (ICP of export) zijn ook de verzend- en bijkomende kosten zonder btw. "
          "Pas de btw-instellingen in de webwinkel aan en corrigeer de bestelling."),
        "",
    ),
    "NL_ZERO_RATE": (
        _("Verkoop binnen Nederland zonder btw (0%) op '{line}'."),
        _("Het nultarief binnen Nederland is zeldzaam; vaak zet een btw-plugin het ten onrechte op 0% bij een "
          "zakelijke klant met btw-nummer. Controleer de bestelling, of zet bij Configuratie > Btw-regels het "
          "binnenlandse nultarief aan als je dat echt gebruikt."),
        SETTING_VAT,
    ),
    "COUNTRY_UNKNOWN": (
        _("Het land van de klant ontbreekt, dus de btw-regel is niet te bepalen."),
        _("Vul het land van de klant in bij de bestelling in de webwinkel en klik daarna op Verwerk."),
        "",
    ),
    "EXPORT_WITH_VAT": (
        _("Verkoop naar {country} (buiten de EU) met btw."),
        _("Export buiten de EU is 0%. Controleer de btw-instellingen voor landen buiten de EU in de webwinkel "
          "en pas de bestelling aan; klik daarna op Verwerk."),
        "",
    ),
    "ICP_VIES_INVALID": (
        _("Het btw-nummer '{vat_number}' is volgens VIES (de EU-controle) niet geldig."),
        _("Een intracommunautaire levering (0%) mag alleen met een geldig btw-nummer. Vraag de klant om een "
          "geldig nummer, of reken btw en pas de bestelling aan."),
        "",
    ),
    "VIES_UNAVAILABLE": (
        _("VIES (de EU-controle van btw-nummers) gaf geen antwoord voor '{vat_number}'."),
        _("We proberen het later opnieuw. Wil je niet wachten, kies dan bij Configuratie > Btw-regels voor "
          "controle op alleen de controlecijfers als VIES niet antwoordt."),
        SETTING_VAT,
    ),
    "DISTANCE_THRESHOLD_EXCEEDED": (
        _("Met deze verkoop komen je afstandsverkopen binnen de EU dit jaar boven de drempel van € 10.000."),
        _("Vanaf nu geldt de btw van het land van de klant. Meld je aan voor OSS (éénloketsysteem) en zet OSS "
          "aan bij Configuratie > Btw-regels; klik daarna op Alle opnieuw verwerken."),
        SETTING_VAT,
    ),
    "ANCILLARY_NO_VAT": (
        _("Bijkomende kosten '{line}' zonder btw terwijl de producten btw hebben."),
        _("Kosten die je bij een levering rekent volgen het btw-tarief van de producten. Zet de kosten in de "
          "webwinkel op 'belastbaar' en pas de bestelling aan; klik daarna op Verwerk."),
        "",
    ),
    "ROUNDING_DIFFERENCE": (
        _("De btw voor {category} wijkt {difference} af van het tarief over het totaal; meer dan de "
          "afronding van één cent."),
        _("Controleer de btw-berekening in de webwinkel (afronden per regel of per totaal). We vullen "
          "verschillen nooit zelf aan: corrigeer de bestelling of boek hem met de hand."),
        "",
    ),
    "VAT_ON_NON_TAXABLE": (
        _("Op '{line}' staat btw, maar daar hoort geen btw op (cadeaubon of vrijgesteld)."),
        _("Een cadeaubon voor meerdere soorten producten is een betaalmiddel zonder btw. Pas de instelling "
          "in de webwinkel aan en klik daarna op Verwerk."),
        "",
    ),
    "SHIPPING_NO_VAT": (
        _("Verzendkosten zonder btw terwijl de producten btw hebben ('{line}')."),
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
