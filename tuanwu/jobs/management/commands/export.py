"""tuanwu export KIND -o OUT.xlsx [--as USERNAME] [--filter NAME=VALUE ...]: the same rows as the list page."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.accounts.selectors import command_user
from tuanwu.organizations import scope
from tuanwu.sheets.registry import EXPORTS


class Command(BaseCommand):
    help = "Export a list as .xlsx with the list page's filters, the user's scope and masking; logged like the page."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(EXPORTS))
        parser.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
        parser.add_argument("--as", dest="username", help="apply this user's scope and rights")
        parser.add_argument(
            "--filter",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="a filter of the list page, e.g. --filter status=members --filter q=张 (repeatable)",
        )
        parser.add_argument(
            "--lang", choices=["zh-hans", "en"], default=None, help="the messages' language (default: LANGUAGE_CODE)"
        )

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        kind = EXPORTS[opts["kind"]]
        actor = command_user(opts["username"])
        if not scope.has_any(actor, kind.permission):
            raise CommandError(_("%(user)s may not export %(kind)s.") % {"user": actor.username, "kind": kind.name})
        params = {}
        for item in opts["filter"]:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise CommandError(_("--filter takes NAME=VALUE, not %(value)r.") % {"value": item})
            params[name.strip()] = value.strip()
        data, _name, rows = kind.run(actor=actor, params=params)
        Path(opts["output"]).write_bytes(data)
        self.stdout.write(_("%(rows)d rows written to %(path)s") % {"rows": rows, "path": opts["output"]})
