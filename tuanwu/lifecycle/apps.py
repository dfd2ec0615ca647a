from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "tuanwu.lifecycle"
    label = "lifecycle"
    verbose_name = _("Member lifecycle")

    def ready(self):
        from auditlog.registry import auditlog

        from tuanwu.sheets.registry import register_delegated

        from .models import BillLine, DuesDecision, DuesPayment, DuesPolicy, PayBand

        stamps = ["created_at", "updated_at", "version"]
        for model in (DuesPolicy, PayBand, DuesDecision, DuesPayment, BillLine):
            auditlog.register(model, exclude_fields=stamps)
        # `tuanwu import dues-payments FILE`: a WeChat Pay or Alipay bill, reconciled by `tuanwu dues import`.
        register_delegated("dues-payments", "dues")
