"""tuanwu study import FILE --episode CODE [--title T] [--date YYYY-MM-DD] [--mapping NAME] [--dry-run];
tuanwu study ranking --episode CODE [--level committee|branch] [--parent CODE] [--format text|json|xlsx] [-o OUT]."""

import datetime
import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_ORGANIZATION
from tuanwu.accounts.selectors import command_user
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.sheets.selectors import column_mapping_get
from tuanwu.study import selectors, services
from tuanwu.study.exports import ranking_xlsx
from tuanwu.study.models import Episode, Season
from tuanwu.study.sheets import KIND


class Command(BaseCommand):
    help = "青年大学习: import an episode's participation export, or print an episode's ranking."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "ranking"])
        parser.add_argument("file", nargs="?")
        parser.add_argument("--episode", required=True)
        parser.add_argument("--title")
        parser.add_argument("--date")
        parser.add_argument("--mapping")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--level", choices=["committee", "branch"], default="committee")
        parser.add_argument("--parent", help="ranking: the code of the committee whose branches to rank")
        parser.add_argument("--as", dest="username")
        parser.add_argument("--format", choices=["text", "json", "xlsx"], default="text")
        parser.add_argument("-o", "--output")
        parser.add_argument(
            "--lang", choices=["zh-hans", "en"], default=None, help="the messages' language (default: LANGUAGE_CODE)"
        )

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        actor = command_user(opts["username"])
        if opts["action"] == "import":
            return self._import(actor, opts)
        return self._ranking(actor, opts)

    def _import(self, actor, opts):
        if not opts["file"]:
            raise CommandError(_("FILE is required."))
        episode = Episode.objects.filter(code=opts["episode"]).first()
        try:
            if episode is None:
                day = datetime.date.fromisoformat(opts["date"]) if opts["date"] else datetime.date.today()
                season = Season.objects.filter(starts_on__lte=day).order_by(
                    "-starts_on"
                ).first() or services.season_create(
                    actor=actor, code=str(day.year), title=f"{day.year}", starts_on=day.replace(month=1, day=1)
                )
                episode = services.episode_create(
                    actor=actor,
                    season=season,
                    code=opts["episode"],
                    title=opts["title"] or opts["episode"],
                    released_on=day,
                )
            mapping = None
            if opts["mapping"]:
                saved = column_mapping_get(KIND, opts["mapping"])
                if saved is None:
                    raise CommandError(_("No saved column mapping %(name)s.") % {"name": opts["mapping"]})
                mapping = saved.columns
            data = Path(opts["file"]).read_bytes()
        except OSError as e:
            self.stderr.write(str(e))
            sys.exit(2)
        try:
            result = services.episode_import(
                actor=actor,
                episode=episode,
                data=data,
                filename=Path(opts["file"]).name,
                mapping=mapping,
                dry_run=opts["dry_run"],
            )
        except ValidationError as e:
            self.stderr.write(" ".join(e.messages))
            sys.exit(2)
        if opts["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            summary = _(
                "%(episode)s: %(rows)d learners, %(matched)d matched (%(members)d members), %(ambiguous)d to "
                "confirm, %(unmatched)d not found, %(duplicates)d duplicates"
            ) % {
                "episode": episode.code,
                "rows": result.rows,
                "matched": result.matched,
                "members": result.members,
                "ambiguous": result.ambiguous,
                "unmatched": result.unmatched,
                "duplicates": result.duplicates,
            }
            self.stdout.write(summary + (_(" (dry run: nothing written)") if opts["dry_run"] else ""))

    def _ranking(self, actor, opts):
        episode = Episode.objects.filter(code=opts["episode"]).first()
        if episode is None:
            raise CommandError(f"no episode {opts['episode']}")
        parent = scope.county_for(actor, VIEW_ORGANIZATION)
        if parent is None:
            raise CommandError("the user sees no county")
        if opts["level"] == "branch":
            if not opts["parent"]:
                raise CommandError("--level branch needs --parent CODE (the committee)")
            parent = Organization.objects.filter(code=opts["parent"]).first()
            if parent is None:
                raise CommandError(f"no organization {opts['parent']}")
        rows = selectors.ranking(actor, episode, parent)
        if opts["format"] == "xlsx":
            if not opts["output"]:
                raise CommandError("--format xlsx needs -o OUT.xlsx")
            Path(opts["output"]).write_bytes(ranking_xlsx(episode, parent, rows))
            self.stdout.write(f"{len(rows)} rows written to {opts['output']}")
            return
        items = [
            {
                "organization": r.organization.name,
                "code": r.organization.code,
                "members": r.members,
                "participants": r.participants,
                "rate": r.rate if r.rate is not None else 0.0,
                "rank": r.rank,
            }
            for r in rows
        ]
        if opts["format"] == "json":
            text = json.dumps(items, ensure_ascii=False, indent=2)
        else:
            text = "\n".join(
                f"{i['rank']:>3}  {i['organization']}  {i['participants']}/{i['members']}  {i['rate'] * 100:.1f}%"
                for i in items
            )
        if opts["output"]:
            Path(opts["output"]).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
