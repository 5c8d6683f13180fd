"""How the owner adds our webhook by hand, for sales systems whose connector cannot subscribe it
itself (no `register_webhooks`). Shown under "Verkopen direct doorgeven" on Configuratie."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# WooCommerce sends a refund as an update of its order, so two webhooks cover every sale.
MANUAL_STEPS = {
    "woocommerce": (
        _("Ga in WordPress naar WooCommerce > Instellingen > Geavanceerd > Webhooks en klik op Webhook "
          "toevoegen."),
        _("Naam: Koppeling. Status: Actief. Onderwerp: Bestelling bijgewerkt."),
        _("Bezorg-URL (Delivery URL): het adres hierboven."),
        _("Geheim (Secret): een lange willekeurige tekst. Vul precies dezelfde tekst hierboven in bij "
          "'Geheim van de webhooks' en klik op Opslaan en testen."),
        _("API-versie: WP REST API Integration v3. Sla de webhook op."),
        _("Maak daarna op dezelfde manier een tweede webhook met Onderwerp: Bestelling aangemaakt."),
    ),
}
GENERIC_STEPS = (
    _("Maak in je webwinkel een webhook voor nieuwe en gewijzigde bestellingen, met het adres hierboven als "
      "bezorg-URL."),
)


def manual_steps(system: str) -> tuple:
    return MANUAL_STEPS.get(system, GENERIC_STEPS)
