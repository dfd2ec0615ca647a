from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tuanwu.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from auditlog.registry import auditlog
        from django.contrib.auth.signals import user_login_failed

        from .client import throttle_note_failure
        from .models import RoleAssignment, User

        auditlog.register(User, include_fields=["username", "is_active", "is_superuser", "person"])
        auditlog.register(RoleAssignment, include_fields=["user", "organization", "role", "granted_by"])

        def count_failure(sender, credentials, request=None, **kwargs):
            if request is not None:
                throttle_note_failure(request)

        user_login_failed.connect(count_failure, dispatch_uid="tuanwu.accounts.throttle", weak=False)
