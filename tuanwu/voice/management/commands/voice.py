"""tuanwu voice escalate: escalate every overdue 青年之声 case one step up the tree (run it daily from cron)."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.voice.services_cases import case_escalate_overdue


class Command(BaseCommand):
    help = "青年之声: escalate overdue cases to the parent committee, then the county."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["escalate"])
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default=None)

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        events = case_escalate_overdue()
        rows = [
            {"case": e.case.number, "to": e.to_organization.name if e.to_organization else "", "told": e.notified}
            for e in events
        ]
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(f"{row['case']} → {row['to']} ({row['told']})")
        self.stdout.write(_("%(n)s cases escalated.") % {"n": len(rows)})
