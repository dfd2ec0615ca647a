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
        from .services import PERSON_FIELDS

        auditlog.register(Person, include_fields=[*PERSON_FIELDS, "organization"], mask_fields=["id_number", "phone"])
        auditlog.register(
            Membership, include_fields=["person", "organization", "join_date", "development_number", "status"]
        )
        auditlog.register(
            CadrePost,
            include_fields=[
                "person",
                "organization",
                "post",
                "post_title",
                "kind",
                "since",
                "until",
                "in_party_committee",
            ],
        )
