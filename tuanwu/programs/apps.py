from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "tuanwu.programs"
    label = "programs"
    verbose_name = _("Programs and honours")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Award, Call, Criterion, Entry, JudgeAssignment, Notice, Objection, Project, Round

        for model in (Project, Call, Entry, Round, Criterion, JudgeAssignment, Notice, Objection, Award):
            auditlog.register(model)
