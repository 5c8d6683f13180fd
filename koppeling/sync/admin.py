"""Back-office views of the engine's records (secrets are never shown)."""

from django.contrib import admin

from koppeling.sync.models import Booking, Koppeling, Sale, SaleEvent


@admin.register(Koppeling)
class KoppelingAdmin(admin.ModelAdmin):
    list_display = ("name", "tenant", "sales_system", "accounting_system", "active", "last_poll_at")
    list_filter = ("sales_system", "accounting_system", "active")
    exclude = ("sales_secret", "accounting_secret")
    readonly_fields = ("cursor", "run_lease_until", "run_token", "last_poll_at", "last_poll_error")


class SaleEventInline(admin.TabularInline):
    model = SaleEvent
    extra = 0
    readonly_fields = ("at", "kind", "error_code", "message", "suggestion", "reference", "details")


@admin.register(Sale)
class SaleAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "koppeling", "state", "error_code", "sold_at", "total")
    list_filter = ("state", "kind", "error_code")
    search_fields = ("number", "source_id", "customer_name")
    inlines = [SaleEventInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("reference", "koppeling", "target_system", "target_number", "booked_at", "total")
    search_fields = ("reference", "target_id", "target_number")
