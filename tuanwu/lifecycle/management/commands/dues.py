"""tuanwu dues amount --pay YUAN [--category employed|student|farmer|unemployed] [--year Y];
tuanwu dues import FILE [--organization CODE] [--dry-run] [--as USERNAME] [--format text|json] (also reached as
`tuanwu import dues-payments FILE`): a WeChat Pay or Alipay bill reconciled against the members' open dues.
Exit 0 when the bill was read (or would be), 1 when a line is bad (nothing written), 2 for an unreadable file."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_LIFECYCLE
from tuanwu.accounts.selectors import command_user
from tuanwu.lifecycle import dues_rules
from tuanwu.lifecycle.models import Category
from tuanwu.lifecycle.selectors import dues as selectors
from tuanwu.lifecycle.services import dues as services
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.sheets.reader import SheetError


class Command(BaseCommand):
    help = "Dues: the monthly amount for a pay, or reconcile a WeChat Pay / Alipay bill."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["amount", "import"])
        parser.add_argument("file", nargs="?")
        parser.add_argument("--pay", help="amount: the monthly pay after tax, in yuan")
        parser.add_argument(
            "--category", "--group", dest="category", choices=Category.values, default=Category.EMPLOYED
        )
        parser.add_argument("--year", type=int)
        parser.add_argument("--organization", help="import: the code of the organization the bill belongs to")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--as", dest="username")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default=None)
        # Passed by `tuanwu import` to every delegated kind; not used here.
        for name in ("--episode", "--title", "--date", "--mapping"):
            parser.add_argument(name, help="not used")

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        if opts["action"] == "amount":
            return self._amount(opts)
        return self._import(opts)

    def _amount(self, opts):
        year = opts["year"] or timezone.localdate().year
        pay_fen = None
        if opts["category"] == Category.EMPLOYED:
            if opts["pay"] is None:
                raise CommandError(_("--pay is required for a wage earner."))
            try:
                pay_fen = dues_rules.yuan_to_fen(opts["pay"])
            except ValueError:
                raise CommandError(
                    _("--pay takes an amount in yuan, not %(value)r.") % {"value": opts["pay"]}
                ) from None
        policy = selectors.installation_policy(year)
        fen = dues_rules.monthly_fen(policy, category=opts["category"], pay_fen=pay_fen)
        if opts["format"] == "json":
            self.stdout.write(
                json.dumps({"year": year, "category": opts["category"], "amount": dues_rules.fen_text(fen)})
            )
        else:
            self.stdout.write(dues_rules.fen_text(fen))

    def _import(self, opts):
        if not opts["file"]:
            raise CommandError(_("FILE is required."))
        actor = command_user(opts["username"])
        if opts["organization"]:
            organization = Organization.objects.filter(code=opts["organization"]).first()
            if organization is None:
                raise CommandError(_("No organization %(code)s.") % {"code": opts["organization"]})
        else:
            organization = scope.root_for(actor, MANAGE_LIFECYCLE)
            if organization is None:
                raise CommandError(_("The user manages no organization's dues."))
        path = Path(opts["file"])
        try:
            data = path.read_bytes()
        except OSError as e:
            self.stderr.write(str(e))
            sys.exit(2)
        try:
            result = services.bill_reconcile(
                actor=actor, organization=organization, data=data, filename=path.name, dry_run=opts["dry_run"]
            )
        except SheetError as e:
            self._fail(opts, 0, e.code, e.message)
            sys.exit(2)
        except ValidationError as e:
            self._fail(opts, _row(e), e.error_list[0].code or "BILL_LINE", " ".join(e.messages))
            sys.exit(1)
        warnings = [
            {
                "row": row,
                "column": "交易单号",
                "value": number,
                "code": "DUES_DUPLICATE_TRANSACTION",
                "message": _("Transaction %(number)s was recorded already: refused.") % {"number": number},
            }
            for row, number in result.duplicates
        ]
        lines = [
            {
                "row": line.row,
                "transaction_number": line.transaction_number,
                "payer": line.payer,
                "memo": line.memo,
                "amount": dues_rules.fen_text(line.amount_fen),
                "status": line.status,
                "person": line.person.name if line.person else None,
                "first_month": f"{line.first_month:%Y-%m}" if line.first_month else None,
                "months": line.months,
                "explanation": line.explanation,
            }
            for line in result.lines
        ]
        if opts["format"] == "json":
            out = {
                "channel": result.channel,
                "created": len(result.lines),
                "updated": 0,
                "unchanged": len(result.duplicates),
                "errors": [],
                "warnings": warnings,
                "certain": result.count("certain"),
                "uncertain": result.count("uncertain"),
                "unmatched": result.count("unmatched"),
                "lines": lines,
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        for line in lines:
            self.stdout.write(
                f"{line['row']}\t{line['transaction_number']}\t{line['payer']}\t{line['amount']}\t"
                f"{line['status']}\t{line['person'] or ''}\t{line['explanation']}"
            )
        for w in warnings:
            self.stdout.write(_("row %(row)d: %(message)s") % {"row": w["row"], "message": w["message"]})
        summary = _(
            "%(lines)d payments read: %(certain)d certain, %(uncertain)d uncertain, %(unmatched)d not matched; "
            "%(duplicates)d duplicates refused."
        ) % {
            "lines": len(lines),
            "certain": result.count("certain"),
            "uncertain": result.count("uncertain"),
            "unmatched": result.count("unmatched"),
            "duplicates": len(result.duplicates),
        }
        self.stdout.write(summary + (_(" (dry run: nothing written)") if opts["dry_run"] else ""))

    def _fail(self, opts, row, code, message):
        if opts["format"] == "json":
            error = {"row": row, "column": "", "value": "", "code": code, "message": message}
            body = {"created": 0, "updated": 0, "unchanged": 0, "errors": [error], "warnings": []}
            self.stdout.write(json.dumps(body, ensure_ascii=False))
        else:
            self.stdout.write(f"{message} [{code}]")


def _row(error: ValidationError) -> int:
    import re

    found = re.search(r"(\d+)", " ".join(error.messages))
    return int(found.group(1)) if found else 0
