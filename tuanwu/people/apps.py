from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "tuanwu.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import CHANGE_PERSON, VIEW_PERSON
        from tuanwu.audit.history import register_history
        from tuanwu.sheets.registry import ExportKind, ImportKind, register_export, register_import

        from .exports import member_export
        from .imports import member_import
        from .sheets import MEMBER_EXAMPLE, member_spec

        register_import(
            ImportKind(
                name="members",
                label=lambda: str(_("Members")),
                spec=member_spec,
                example=MEMBER_EXAMPLE,
                run=member_import,
                permission=CHANGE_PERSON,
            )
        )
        register_export(
            ExportKind(name="members", label=lambda: str(_("Members")), run=member_export, permission=VIEW_PERSON)
        )

        from .models import CadrePost, Membership, Person

        # History keeps who changed what, but never shows personal data in clear.
        from .services import EXTRA_FIELDS, PERSON_FIELDS

        auditlog.register(
            Person,
            include_fields=[*PERSON_FIELDS, *EXTRA_FIELDS, "organization"],
            mask_fields=["id_number", "phone"],
            mask_callable="tuanwu.core.masking.mask_number",
        )
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
        register_history("person", _("People"), Person)
        register_history("membership", _("Memberships"), Membership)
        register_history("cadrepost", _("Cadre posts"), CadrePost)
