"""tuanwu media flag-dormant [--date YYYY-MM-DD] [--as USERNAME] [--format text|json]: flag dormant every active
account with no post for the county policy's number of days as of a day (today by default)."""

import datetime
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.accounts.selectors import command_user
from tuanwu.publicity import services


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as e:
        raise CommandError(_("--date %(value)s: write YYYY-MM-DD.") % {"value": value}) from e


class Command(BaseCommand):
    help = "Media accounts: flag the dormant ones."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["flag-dormant"])
        parser.add_argument("--date", default=None, help="as of this day (YYYY-MM-DD); today by default")
        parser.add_argument("--as", dest="username", help="apply this user's scope and rights")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default=None)

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        actor = command_user(opts["username"])
        as_of = _date(opts["date"]) if opts["date"] else None
        flagged = services.media_accounts_flag_dormant(actor=actor, as_of=as_of)
        rows = [
            {
                "id": a.pk,
                "platform": a.platform,
                "name": a.name,
                "organization": a.organization.name,
                "flagged_on": a.flagged_on.isoformat(),
                "close_by": services.close_by(a).isoformat(),
            }
            for a in flagged
        ]
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for r in rows:
            self.stdout.write(
                _("%(organization)s · %(name)s: dormant, to be closed by %(close_by)s")
                % {"organization": r["organization"], "name": r["name"], "close_by": r["close_by"]}
            )
        self.stdout.write(_("%(n)d accounts flagged dormant.") % {"n": len(rows)})
