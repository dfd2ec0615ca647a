"""tuanwu transfers lapse [--date YYYY-MM-DD] [--format text|json]: close the requests left unanswered past
their due day (run daily from cron; the lists also do it when shown)."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tuanwu.lifecycle.services.transfers import transfers_lapse


class Command(BaseCommand):
    help = "Transfers: lapse the requests nobody answered in time."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["lapse"])
        parser.add_argument("--date", help="the day to lapse for (default today), YYYY-MM-DD")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default="zh-hans")

    def handle(self, *args, **opts):
        translation.activate(opts["lang"])
        try:
            day = datetime.date.fromisoformat(opts["date"]) if opts["date"] else None
        except ValueError:
            raise CommandError(f"--date: not a date: {opts['date']}") from None
        lapsed = transfers_lapse(today=day)
        items = [
            {
                "id": t.pk,
                "member": t.member_name,
                "from": t.from_name,
                "to": t.to_name,
                "reason": t.steps.filter(action="lapse").values_list("reason", flat=True).first() or "",
            }
            for t in lapsed
        ]
        if opts["format"] == "json":
            self.stdout.write(json.dumps({"lapsed": len(items), "items": items}, ensure_ascii=False))
            return
        for item in items:
            self.stdout.write(f"{item['id']}\t{item['member']}\t{item['from']} → {item['to']}\t{item['reason']}")
        self.stdout.write(f"{len(items)} lapsed")
