from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "tuanwu.contacts"
    label = "contacts"
    verbose_name = _("Cadre contacts")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.accounts.roles import MANAGE_CONTACTS
        from tuanwu.sheets.registry import ImportKind, register_import

        from .imports import contacts_import
        from .models import Contact, ContactCadre, ContactLog, ContactPolicy, FixedOrganization

        auditlog.register(
            ContactPolicy,
            include_fields=[
                "min_contacts",
                "min_fields",
                "fixed_orgs_min",
                "fixed_orgs_max",
                "fixed_youths",
                "binds_full_time",
                "binds_seconded",
                "binds_part_time",
                "online_each_quarter",
                "offline_each_quarter",
                "face_to_face_each_year",
                "visit_each_quarter",
            ],
        )
        auditlog.register(ContactCadre, include_fields=["person", "kind", "organization", "started_on", "ended_on"])
        auditlog.register(Contact, include_fields=["cadre", "person", "name", "field", "ended_on", "fixed"])
        auditlog.register(FixedOrganization, include_fields=["cadre", "organization", "since", "until"])
        from .sheets import CONTACTS_EXAMPLE, contacts_spec

        register_import(
            ImportKind(
                name="contacts",
                label=lambda: str(_("Direct contacts")),
                spec=contacts_spec,
                example=CONTACTS_EXAMPLE,
                run=contacts_import,
                permission=MANAGE_CONTACTS,
            )
        )
        auditlog.register(ContactLog, include_fields=["cadre", "contact", "fixed_organization", "date", "channel"])
