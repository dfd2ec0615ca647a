from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "tuanwu.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import CadrePost, Membership, Person

        # History keeps who changed what, but never shows personal data in clear.
        auditlog.register(
            Person,
            exclude_fields=["updated_at", "version", "name_pinyin", "name_initials"],
            mask_fields=["id_number", "phone"],
        )
        auditlog.register(Membership, exclude_fields=["updated_at", "version"])
        auditlog.register(CadrePost, exclude_fields=["updated_at", "version"])
