"""Back office: tenants (customers) with their users, and users with their tenant."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from koppeling.accounts.models import Tenant, User


class UserInline(admin.TabularInline):
    model = User
    fields = ["email", "first_name", "weekly_report", "is_active", "last_login"]
    readonly_fields = ["last_login"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # users sign up themselves, or are added on the user page with a password


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["name", "licence_key", "created_at", "next_report_at"]
    search_fields = ["name", "licence_key", "users__email"]
    readonly_fields = ["licence_key", "created_at"]
    inlines = [UserInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "tenant", "is_staff", "last_login"]
    list_filter = ["is_staff", "is_active", "weekly_report"]
    list_select_related = ["tenant"]
    fieldsets = [*BaseUserAdmin.fieldsets, (_("Koppeling"), {"fields": ["tenant", "weekly_report"]})]
