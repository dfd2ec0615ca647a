"""Importing media accounts' monthly figures: each row names an account the importer manages and a month gone
by; all or nothing, then written through monthly_figure_set (which also wakes a dormant account that posted)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_PUBLICITY
from tuanwu.audit.services import batch_event_record
from tuanwu.organizations import scope
from tuanwu.sheets.importer import Event, ImportPlan, ImportRun, run_import
from tuanwu.sheets.results import ImportResult

from . import selectors as sel
from . import services
from .models import MonthlyFigure
from .sheets import figures_spec


def figures_import(
    *, actor, data: bytes, filename: str, dry_run: bool = False, progress=None, mapping: dict | None = None, confirm=()
) -> ImportResult:
    """Check every row of a figures file and, when all are good and not dry_run, write them in one transaction."""
    check = _Check(actor)
    plan: ImportPlan = ImportPlan(
        kind="media-figures",
        spec=figures_spec(),
        check_row=check.row,
        check_file=check.file,
        write=check.write,
        record=batch_event_record,
    )
    return run_import(
        plan, actor=actor, data=data, filename=filename, dry_run=dry_run, progress=progress, mapping=mapping
    )


class _Check:
    """One figures file: accounts looked up by platform and name among the open accounts the importer manages."""

    def __init__(self, actor):
        self.actor = actor
        self.accounts: dict[tuple[str, str], list] = {}
        for a in sel.media_account_list(actor, MANAGE_PUBLICITY).exclude(status="closed").prefetch_related(None):
            self.accounts.setdefault((a.platform, a.name), []).append(a)

    def row(self, run: ImportRun, number: int, values: dict):
        found = self.accounts.get((values["platform"], values["name"]), [])
        if len(found) != 1:
            code = "ACCOUNT_AMBIGUOUS" if found else "ACCOUNT_UNKNOWN"
            message = (
                _("Several open accounts you manage have this platform and name.")
                if found
                else _("No open account you manage has this platform and name.")
            )
            run.fail(number, "name", values["name"], code, message)
            return None
        if values["month"] > timezone.localdate():
            run.fail(number, "month", values["month"], "FIGURE_FUTURE_MONTH", _("This month has not begun yet."))
            return None
        for field in ("followers", "posts", "reads"):
            if values[field] < 0:
                run.fail(number, field, values[field], "NEGATIVE", _("A figure cannot be negative."))
                return None
        return number, found[0], values

    def file(self, run: ImportRun, kept: list):
        seen: dict[tuple[int, object], int] = {}
        for number, account, values in kept:
            key = (account.pk, values["month"])
            if key in seen:
                run.fail(number, "month", values["month"], "DUPLICATE_MONTH",
                         _("The same account and month are in row %(row)d already.") % {"row": seen[key]})  # fmt: skip
            seen[key] = number
        existing = set(
            MonthlyFigure.objects.filter(account_id__in={a.pk for _n, a, _v in kept}).values_list("account_id", "month")
        )
        run.result.updated = sum(1 for key in seen if key in existing)
        run.result.created = len(seen) - run.result.updated
        return kept

    def write(self, run: ImportRun, kept: list) -> Event | None:
        for _number, account, v in kept:
            services.monthly_figure_set(
                actor=self.actor,
                account=account,
                month=v["month"],
                followers=v["followers"],
                posts=v["posts"],
                reads=v["reads"],
            )
        if not kept:
            return None
        roots = scope.visible_roots(self.actor)
        return Event(
            kind="media_figures_import",
            organization=roots[0] if len(roots) == 1 else kept[0][1].organization,
            description=_("Media figures import: %(c)d months added, %(u)d corrected")
            % {"c": run.result.created, "u": run.result.updated},
        )
