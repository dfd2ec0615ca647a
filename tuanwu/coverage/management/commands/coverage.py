"""tuanwu coverage snapshot --year Y | correct --year Y --reason R --set CODE:FIELD=VALUE … | figures --year Y
[--as USERNAME] [--format text|json]: freeze a year's "两新" directory, correct a frozen year with its reason, or
print a year's figures (from its snapshot, or live for the current year)."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.accounts.selectors import command_user
from tuanwu.coverage import selectors as sel
from tuanwu.coverage import services
from tuanwu.coverage.rules import density_definition


def parse_changes(items: list[str]) -> dict[str, dict[str, str | bool]]:
    """CODE:FIELD=VALUE items into {code: {field: value}}; true/false (是/否) become booleans."""
    changes: dict[str, dict[str, str | bool]] = {}
    for item in items:
        code, sep, rest = item.partition(":")
        field, eq, value = rest.partition("=")
        if not (sep and eq and code.strip() and field.strip()):
            raise CommandError(_("--set %(item)s: write CODE:FIELD=VALUE.") % {"item": item})
        lowered = value.strip().lower()
        parsed: str | bool = value.strip()
        if lowered in {"true", "yes", "是", "1"}:
            parsed = True
        elif lowered in {"false", "no", "否", "0"}:
            parsed = False
        changes.setdefault(code.strip().upper(), {})[field.strip()] = parsed
    return changes


def _share(value) -> float | None:
    return None if value is None else float(value)


class Command(BaseCommand):
    help = '"两新" coverage: freeze a year, correct a frozen year, or print a year\'s figures.'

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["snapshot", "correct", "figures"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--reason", default="", help="correct: why the frozen year changes")
        parser.add_argument(
            "--set", dest="changes", action="append", default=[], help="correct: CODE:FIELD=VALUE (repeatable)"
        )
        parser.add_argument("--as", dest="username", help="apply this user's scope and rights")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default=None)

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        actor = command_user(opts["username"])
        county = sel.county_of(actor)
        if county is None:
            raise CommandError(_("%(user)s sees no county's directory.") % {"user": actor.username})
        year = opts["year"]
        try:
            if opts["action"] == "snapshot":
                snap = services.snapshot_take(actor=actor, county=county, year=year)
            elif opts["action"] == "correct":
                if not opts["changes"]:
                    raise CommandError(_("Name at least one change with --set CODE:FIELD=VALUE."))
                snap = services.snapshot_correct(
                    actor=actor,
                    county=county,
                    year=year,
                    reason=opts["reason"],
                    changes=parse_changes(opts["changes"]),
                )
            else:
                return self._figures(county, year, opts["format"])
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from None
        payload = {
            "county": county.name,
            "year": snap.year,
            "revision": snap.revision,
            "as_of": snap.taken_on.isoformat(),
            "units": len(snap.rows),
            "reason": snap.reason,
        }
        if opts["format"] == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(
                _("%(county)s %(year)d frozen as of %(as_of)s: revision %(revision)d, %(units)d units.") % payload
            )

    def _figures(self, county, year: int, fmt: str) -> None:
        figures = sel.figures_for(county, year)
        if figures is None:
            raise CommandError(_("%(year)d was never frozen; its figures cannot be reproduced.") % {"year": year})
        total, parks = figures.total(), figures.total(parks_only=True)
        density = figures.density()
        payload = {
            "year": year,
            "source": figures.source,
            "revision": figures.snapshot.revision if figures.snapshot else None,
            "should_establish": total.should,
            "covered": total.covered,
            "coverage": _share(total.rate),
            "parks_should_establish": parks.should,
            "parks_covered": parks.covered,
            "parks_coverage": _share(parks.rate),
            "density": _share(density.value),
            "density_organizations": density.organizations,
            "density_base": density.base,
            "density_basis": density_definition(figures.rules.density_basis),
            "density_growth": _share(sel.density_growth(county, year)),
        }
        if fmt == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        for key, value in payload.items():
            self.stdout.write(f"{key}\t{'' if value is None else value}")
