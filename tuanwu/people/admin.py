"""Read-only admin views of people; writes go through the services."""

from django.contrib import admin

from tuanwu.organizations.admin import ReadOnlyAdmin

from .models import CadrePost, Membership, Person


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["name", "gender", "birth_date", "organization"]
    search_fields = ["name", "name_initials"]
    exclude = ["id_number", "phone"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["person", "organization", "join_date", "status"]
    list_filter = ["status"]


@admin.register(CadrePost)
class CadrePostAdmin(ReadOnlyAdmin):
    list_display = ["person", "organization", "post", "kind", "since", "until"]
