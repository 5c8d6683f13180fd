"""The back office: support works through problem reports here."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from koppeling.dashboard.templatetags.koppeling_ui import pretty_json
from koppeling.support.models import ProblemReport


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "tenant", "koppeling", "sale_number", "error_code", "status"]
    list_filter = ["status", "created_at"]
    list_select_related = ["tenant", "koppeling", "sale"]
    search_fields = ["=id", "tenant__name", "user__email", "note", "sale__number", "sale__error_code"]
    readonly_fields = ["tenant", "user", "koppeling", "sale", "note", "created_at", "snapshot_pretty"]
    fields = ["status", "support_notes", *readonly_fields]
    date_hierarchy = "created_at"

    @admin.display(description=_("verkoop"))
    def sale_number(self, report: ProblemReport) -> str:
        return report.sale.number if report.sale else ""

    @admin.display(description=_("foutcode"))
    def error_code(self, report: ProblemReport) -> str:
        return ((report.snapshot or {}).get("sale") or {}).get("error_code", "")

    @admin.display(description=_("momentopname"))
    def snapshot_pretty(self, report: ProblemReport) -> str:
        return format_html('<pre style="white-space:pre-wrap;max-height:40em;overflow:auto;">{}</pre>',
                           pretty_json(report.snapshot))

    def has_add_permission(self, request) -> bool:
        return False  # reports come from users, through Meld probleem
