"""Every scoped read of programs and honours: projects by their owner organization, calls seen from inside
the organizer's tree, a judge's own assignments, the result table of a closed round, and the awards."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tuanwu.accounts.roles import MANAGE_PROGRAMS, VIEW_PROGRAMS
from tuanwu.organizations import scope
from tuanwu.organizations.models import STEPLEN

from . import rules
from .models import Award, Call, Criterion, Entry, JudgeAssignment, Notice, Project, Round, Score

if TYPE_CHECKING:
    from tuanwu.accounts.models import User


def project_list(user: scope.Viewer) -> QuerySet[Project]:
    """Projects whose owner organization is in the user's scope, with what the list shows."""
    return scope.restrict(Project.objects.all(), user, VIEW_PROGRAMS).select_related("organization", "tutor")


def project_get(user: scope.Viewer, pk: int, perm: str = VIEW_PROGRAMS) -> Project:
    """One project the user may see, or 404; with perm, one they may act on (403 when they only see it)."""
    project = scope.get_scoped_or_404(
        Project.objects.select_related("organization", "tutor", "task_force"), user, VIEW_PROGRAMS, pk=pk
    )
    if perm != VIEW_PROGRAMS:
        scope.require(user, perm, project.organization)
    return project


def project_detail(project: Project) -> dict:
    """A project's team, steps, notes and entries for its page."""
    return {
        "team": list(project.team.select_related("person__organization")),
        "steps": list(project.steps.select_related("by")),
        "notes": list(project.notes.select_related("by")),
        "entries": list(project.entries.select_related("call", "award__level")),
    }


def _ancestor_paths(user: scope.Viewer) -> set[str]:
    paths: set[str] = set()
    for root in scope.root_paths(user, VIEW_PROGRAMS):
        paths.update(root[:n] for n in range(STEPLEN, len(root), STEPLEN))
    return paths


def call_list(user: scope.Viewer) -> QuerySet[Call]:
    """Calls the user may see: run inside their scope, or by an organization above it (which calls on them)."""
    if not scope.has_any(user, VIEW_PROGRAMS):
        return Call.objects.none()
    inside = scope.org_q(user, VIEW_PROGRAMS)
    # An empty Q (the whole tree) OR-ed with another would narrow to the other.
    q = inside if not inside else inside | Q(organization__path__in=_ancestor_paths(user))
    calls = Call.objects.filter(q).select_related("organization")
    return calls.annotate(entry_count=Count("entries")).order_by("-opens_on", "-pk")


def call_get(user: scope.Viewer, pk: int, perm: str = VIEW_PROGRAMS) -> Call:
    """One call the user may see, or 404; with MANAGE_PROGRAMS, one they run (403 otherwise)."""
    call = call_list(user).filter(pk=pk).first()
    if call is None:
        raise Http404
    if perm != VIEW_PROGRAMS:
        scope.require(user, perm, call.organization)
    return call


def call_entries(user: scope.Viewer, call: Call) -> list[Entry]:
    """The call's entries: all for its organizer, otherwise those of projects the user sees."""
    qs = call.entries.select_related("project__organization", "recommended_by", "award__level")
    if not scope.has_perm(user, VIEW_PROGRAMS, call.organization):
        qs = qs.filter(project__in=project_list(user))
    return list(qs)


def registered_count(call: Call) -> int:
    """The entries a call's award caps are computed on."""
    return Entry.objects.filter(call=call).count()


def entry_get(call: Call, pk: int | str) -> Entry:
    """An entry of this call, or 404."""
    entry = Entry.objects.select_related("project__organization").filter(call=call, pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def round_get(user: scope.Viewer, pk: int) -> Round:
    """A round of a call the user sees, or one they judge in; else 404."""
    row = Round.objects.select_related("call__organization").filter(pk=pk).first()
    if row is None:
        raise Http404
    if not call_list(user).filter(pk=row.call_id).exists() and not is_judge(user, row):
        raise Http404
    return row


def criterion_get(user: scope.Viewer, pk: int) -> Criterion:
    """A criterion of a round the user sees; else 404."""
    row = Criterion.objects.filter(pk=pk).values_list("round_id", flat=True).first()
    if row is None:
        raise Http404
    return Criterion.objects.select_related("round__call__organization").get(pk=pk, round=round_get(user, row))


def assignment_get(user: scope.Viewer, pk: int) -> JudgeAssignment:
    """A judge assignment of a round the user sees; else 404."""
    row = JudgeAssignment.objects.filter(pk=pk).values_list("round_id", flat=True).first()
    if row is None:
        raise Http404
    return JudgeAssignment.objects.select_related("round__call__organization", "judge", "entry__project").get(
        pk=pk, round=round_get(user, row)
    )


def round_assignments(row: Round) -> list[dict]:
    """The round's assignments with the judge, the entry and whether the judge has begun scoring it (then it is
    fixed); no marks are shown."""
    scored = set(Score.objects.filter(criterion__round=row).values_list("judge_id", "entry_id"))
    assignments = row.assignments.select_related("judge__person", "entry__project").order_by("entry_id", "pk")
    return [{"assignment": a, "locked": (a.judge_id, a.entry_id) in scored} for a in assignments]


def scored_criteria(row: Round) -> set[int]:
    """The criteria of the round some judge has scored on (they are fixed)."""
    return set(Score.objects.filter(criterion__round=row).values_list("criterion_id", flat=True))


def is_judge(user: scope.Viewer, row: Round) -> bool:
    return bool(user.is_authenticated) and JudgeAssignment.objects.filter(round=row, judge_id=user.pk).exists()


def judge_paths(judge: User) -> list[str]:
    """The organizations a judge belongs to: where they hold a role, and the grassroots unit (the school, the
    town: the committee just below the county) where their person is registered, so that a judge in a class
    branch also conflicts with the projects of the school's other branches and of the school itself."""
    paths = [g.path for g in scope.grants(judge)]
    person = getattr(judge, "person", None)
    if person is not None:
        paths.append(person.organization.path[: 2 * STEPLEN])
    return paths


def my_assignments(user: User, row: Round) -> list[dict]:
    """The judge's assigned entries in the round with their own marks only (never another judge's)."""
    criteria = list(row.criteria.all())
    mine: defaultdict[int, dict[int, Any]] = defaultdict(dict)
    for s in Score.objects.filter(judge=user, criterion__round=row):
        mine[s.entry_id][s.criterion_id] = s.value
    return [
        {"entry": a.entry, "values": [(c, mine[a.entry_id].get(c.pk)) for c in criteria]}
        for a in JudgeAssignment.objects.filter(round=row, judge=user).select_related("entry__project__organization")
    ]


def round_progress(row: Round) -> dict:
    """How far the judging is: assignments and how many are fully scored (no marks shown)."""
    n_criteria = row.criteria.count()
    done = 0
    counts: defaultdict[tuple[int, int], int] = defaultdict(int)
    for judge_id, entry_id in Score.objects.filter(criterion__round=row).values_list("judge_id", "entry_id"):
        counts[(judge_id, entry_id)] += 1
    assignments = list(row.assignments.values_list("judge_id", "entry_id"))
    done = sum(1 for a in assignments if n_criteria and counts[a] == n_criteria)
    return {"assigned": len(assignments), "scored": done}


def round_marks(row: Round) -> dict[tuple[int, int], float]:
    """Each judge's weighted total per assigned, fully scored entry: the input of the result table."""
    weights = {c.pk: c.weight for c in row.criteria.all()}
    values: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    assigned = set(row.assignments.values_list("judge_id", "entry_id"))
    for judge_id, entry_id, criterion_id, value in Score.objects.filter(criterion__round=row).values_list(
        "judge_id", "entry_id", "criterion_id", "value"
    ):
        if (judge_id, entry_id) in assigned:
            values[(judge_id, entry_id)][criterion_id] = value
    marks = {}
    for key, vals in values.items():
        total = rules.weighted_total(vals, weights)
        if total is not None:
            marks[key] = total
    return marks


@dataclass(frozen=True)
class ResultLine:
    row: rules.Row
    entry: Entry


def round_results(row: Round) -> list[ResultLine]:
    """The ranked result table of a closed round, recomputed from its scores; empty while it is open."""
    if row.status != Round.Status.CLOSED:
        return []
    entries = {e.pk: e for e in row.call.entries.select_related("project__organization", "recommended_by")}
    registered = {pk: (e.registered_at, e.pk) for pk, e in entries.items()}
    return [ResultLine(r, entries[r.entry_id]) for r in rules.result_table(round_marks(row), registered)]


def notice_ended(notice: Notice, today: datetime.date) -> bool:
    """Whether the public notice's last day has passed."""
    return today > notice.ends_on


def notice_of(call: Call) -> Notice | None:
    return Notice.objects.filter(call=call).prefetch_related("objections").first()


def award_list(user: scope.Viewer) -> QuerySet[Award]:
    """Awards of projects in the user's scope."""
    return scope.restrict(Award.objects.all(), user, VIEW_PROGRAMS).select_related(
        "level", "entry__project", "organization", "call"
    )


def award_get(user: scope.Viewer, pk: int) -> Award:
    """An award the user sees (of a project in scope, or given by a call they run), or 404."""
    award = (
        Award.objects.select_related("level", "entry__project__organization", "organization", "call__organization")
        .filter(pk=pk)
        .first()
    )
    if award is None or not (
        scope.has_perm(user, VIEW_PROGRAMS, award.organization)
        or scope.has_perm(user, VIEW_PROGRAMS, award.call.organization)
    ):
        raise Http404
    return award


def award_verify(token: str) -> Award:
    """The award behind a public verification address."""
    award = Award.objects.filter(token=token).select_related("level", "entry__project", "organization", "call").first()
    if award is None:
        raise Http404
    return award


def may_manage_call(user: scope.Viewer, call: Call) -> bool:
    return scope.has_perm(user, MANAGE_PROGRAMS, call.organization)


def objection_get(user: scope.Viewer, pk: int):
    """An objection to a call the user runs, or 404 (403 when they only see the call)."""
    from .models import Objection

    objection = Objection.objects.select_related("notice__call__organization").filter(pk=pk).first()
    if objection is None:
        raise Http404
    call_get(user, objection.notice.call_id, MANAGE_PROGRAMS)
    return objection


def judge_by_username(username: str) -> User:
    """The account a judge is assigned by; a name that does not exist is refused with a message."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    judge = get_user_model().objects.select_related("person__organization").filter(username=username.strip()).first()
    if judge is None or not judge.is_active:
        raise ValidationError(_("No active account is called %(name)s.") % {"name": username}, code="NO_SUCH_JUDGE")
    return judge


def county_figures(organization, year: int) -> dict:
    """The plan's figures of an organization's subtree for a year: projects registered by kind, projects by the
    stage they stand at, people on the teams of the year's projects, awards granted."""
    from tuanwu.organizations.models import subtree_range

    inside = Q(organization__path__range=subtree_range(organization.path))
    projects = Project.objects.filter(inside, registered_on__year=year)
    by_kind = dict(projects.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    by_stage = dict(projects.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    from .models import ProjectMember

    participants = ProjectMember.objects.filter(project__in=projects).values("person_id").distinct().count()
    awards = Award.objects.filter(inside, granted_on__year=year).count()
    return {
        "total": sum(by_kind.values()),
        "by_kind": by_kind,
        "by_stage": by_stage,
        "participants": participants,
        "awards": awards,
    }
