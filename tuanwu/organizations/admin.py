"""Read-only admin views: organizations change only through their services (history, rules, scope)."""

from django.contrib import admin

from .models import Organization, Park


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "sector", "status", "path"]
    list_filter = ["kind", "sector", "status"]
    search_fields = ["code", "name", "full_name"]


@admin.register(Park)
class ParkAdmin(admin.ModelAdmin):
    search_fields = ["name"]
