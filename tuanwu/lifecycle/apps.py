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
        from tuanwu.accounts.roles import VIEW_LIFECYCLE
        from tuanwu.sheets.registry import ExportKind, register_export

        from .exports_evaluation import evaluation_export, registration_export
        from .models import Evaluation, EvaluationEntry, LifecyclePolicy, Registration

        register_export(
            ExportKind(
                name="evaluations",
                label=lambda: str(_("Evaluation grades")),
                run=evaluation_export,
                permission=VIEW_LIFECYCLE,
            )
        )
        register_export(
            ExportKind(
                name="registrations",
                label=lambda: str(_("Registrations")),
                run=registration_export,
                permission=VIEW_LIFECYCLE,
            )
        )
        skip = ["created_at", "updated_at", "version"]
        auditlog.register(LifecyclePolicy, exclude_fields=skip)
        auditlog.register(Evaluation, exclude_fields=skip)
        auditlog.register(EvaluationEntry, exclude_fields=skip)
        auditlog.register(Registration, exclude_fields=skip)
        from .models import Graduate, GraduatingClass, Transfer, TransferPolicy

        versioned = ["created_at", "updated_at", "version"]
        auditlog.register(Transfer, exclude_fields=versioned)
        auditlog.register(GraduatingClass, exclude_fields=versioned)
        auditlog.register(TransferPolicy, exclude_fields=versioned)
        auditlog.register(Graduate)
        from .models import DisciplineCase, DisciplineStep, LapseProposal

        auditlog.register(DisciplineCase, exclude_fields=["created_at", "updated_at", "version"])
        auditlog.register(DisciplineStep)
        auditlog.register(LapseProposal, exclude_fields=["created_at", "updated_at", "version"])
