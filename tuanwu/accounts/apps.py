from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tuanwu.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import RoleAssignment, User

        auditlog.register(User, include_fields=["username", "is_active", "is_superuser", "person"])
        auditlog.register(RoleAssignment, include_fields=["user", "organization", "role", "granted_by"])
