"""tuanwu workdays add DATE N [--format json]; tuanwu workdays year YEAR [--format json]."""

import datetime
import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.voice.models import CalendarDay, HolidayYear
from tuanwu.voice.workdays import CalendarMissing, add_workdays


class Command(BaseCommand):
    help = "Working days on the county's holiday calendar (days off and make-up working days)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["add", "year"])
        parser.add_argument("values", nargs="+")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default=None)

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        if opts["action"] == "add":
            return self._add(opts)
        return self._year(opts)

    def _add(self, opts):
        if len(opts["values"]) != 2:
            raise CommandError(_("Give a date and a number of working days: workdays add 2026-02-13 2"))
        try:
            start = datetime.date.fromisoformat(opts["values"][0])
            n = int(opts["values"][1])
            if n < 0:
                raise ValueError
        except ValueError as e:
            raise CommandError(_("Write the date as YYYY-MM-DD and the number of working days as 0 or more.")) from e
        try:
            due = add_workdays(start, n)
        except CalendarMissing as e:
            self.stderr.write(e.messages[0])
            sys.exit(2)
        if opts["format"] == "json":
            self.stdout.write(json.dumps({"start": start.isoformat(), "workdays": n, "date": due.isoformat()}))
        else:
            self.stdout.write(due.isoformat())

    def _year(self, opts):
        try:
            year = int(opts["values"][0])
        except ValueError as e:
            raise CommandError(_("Give the year as a number, e.g. 2026.")) from e
        table = HolidayYear.objects.filter(year=year).first()
        if table is None:
            self.stderr.write(_("The holiday table for %(year)s has not been entered.") % {"year": year})
            sys.exit(2)
        days = list(CalendarDay.objects.filter(table=table).order_by("date"))
        if opts["format"] == "json":
            out = {
                "year": year,
                "source": table.source,
                "days": [
                    {"date": d.date.isoformat(), "kind": d.kind, "name": d.name, "statutory": d.statutory} for d in days
                ],
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        self.stdout.write(f"{year} {table.source}")
        for d in days:
            mark = " *" if d.statutory else ""
            self.stdout.write(f"{d.date.isoformat()} {d.get_kind_display()} {d.name}{mark}")
