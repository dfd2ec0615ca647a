"""What waits for a user (待办): one provider per kind of work, each counting the rows the user may act on in
their own scope and naming the page where they act. The home page lists them; the menu shows the counts
beside its entries (fetched after the page loads, so no page pays for them).

A provider only counts what already exists in the records: nothing here is a score, and nothing asks a user to
do anything the rules do not ask."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.accounts import roles
from tuanwu.organizations import scope


@dataclass(frozen=True)
class Todo:
    key: str
    label: object  # what waits, as a noun phrase ("入团申请待审批")
    count: int
    url: str
    menu: str  # the menu entry's URL name that carries the count
    overdue: bool = False  # past a deadline of the rules or the county's policy


Provider = Callable[[scope.Viewer], list[Todo]]


def _approvals(user: scope.Viewer) -> list[Todo]:
    if not scope.has_any(user, roles.APPROVE_ADMISSION):
        return []
    from tuanwu.admission.selectors import approvals_waiting, prereviews_waiting

    url = reverse("admission:approvals")
    return [
        Todo(
            "admission_approvals",
            _("Admissions waiting for approval"),
            approvals_waiting(user).count(),
            url,
            "admission:approvals",
        ),
        Todo(
            "admission_prereviews",
            _("Candidates waiting for prereview"),
            prereviews_waiting(user).count(),
            url,
            "admission:approvals",
        ),
    ]


def _overdue_steps(user: scope.Viewer) -> list[Todo]:
    """Applications whose next step is past the time the county's admission policy gives it: interviews not
    held within the days after applying, approvals not given within the days after the general meeting."""
    if not scope.has_any(user, roles.MANAGE_ADMISSION):
        return []
    from tuanwu.admission.selectors import overdue_steps

    return [
        Todo(
            "admission_overdue",
            _("Admission steps overdue"),
            overdue_steps(user),
            reverse("admission:board"),
            "admission:board",
            overdue=True,
        )
    ]


def _ceremonies(user: scope.Viewer) -> list[Todo]:
    if not scope.has_any(user, roles.MANAGE_ADMISSION):
        return []
    from tuanwu.admission.selectors import ceremony_overdue

    return [
        Todo(
            "ceremonies_overdue",
            _("New members without a ceremony past the time limit"),
            len(ceremony_overdue(user)),
            reverse("admission:ceremony_create"),
            "admission:board",
            overdue=True,
        )
    ]


def _exits(user: scope.Viewer) -> list[Todo]:
    if not scope.has_any(user, roles.APPROVE_EXIT):
        return []
    from tuanwu.people.selectors import pending_exits

    return [
        Todo(
            "exits",
            _("Exits waiting for approval"),
            pending_exits(user).count(),
            reverse("people:pending_exits"),
            "people:pending_exits",
        )
    ]


def _volunteering(user: scope.Viewer) -> list[Todo]:
    if not scope.has_any(user, roles.MANAGE_VOLUNTEERING):
        return []
    from tuanwu.volunteering.models import Signup
    from tuanwu.volunteering.selectors import correction_requests_open

    signups = scope.restrict(
        Signup.objects.filter(status=Signup.Status.PENDING, activity__ends_at__gt=timezone.now()),
        user,
        roles.MANAGE_VOLUNTEERING,
        "activity__organization",
    ).count()
    return [
        Todo(
            "signups",
            _("Sign-ups waiting for a decision"),
            signups,
            reverse("volunteering:activity_list"),
            "volunteering:activity_list",
        ),
        Todo(
            "corrections",
            _("Hour correction requests to answer"),
            correction_requests_open(user).count(),
            reverse("volunteering:corrections"),
            "volunteering:corrections",
        ),
    ]


def _study(user: scope.Viewer) -> list[Todo]:
    if not scope.has_any(user, roles.MANAGE_STUDY):
        return []
    from tuanwu.study.models import Participation
    from tuanwu.study.selectors import review_q

    rows = Participation.objects.filter(review_q(user)).filter(
        match__in=[Participation.Match.AMBIGUOUS, Participation.Match.UNMATCHED], person__isnull=True
    )
    latest = rows.order_by("-episode__released_on").values_list("episode_id", flat=True).first()
    url = reverse("study:review", args=[latest]) if latest else reverse("study:episodes")
    return [Todo("study_review", _("Youth study learners to confirm"), rows.count(), url, "study:episodes")]


def _ratings(user: scope.Viewer) -> list[Todo]:
    if not scope.has_any(user, roles.RATE_BRANCH):
        return []
    from tuanwu.meetings.models import BranchRating

    year = timezone.localdate().year
    drafts = BranchRating.objects.filter(status=BranchRating.Status.DRAFT, year__gte=year - 1).filter(
        scope.org_q(user, roles.RATE_BRANCH, "organization__parent")
    )
    return [
        Todo("ratings", _("Branch ratings to review"), drafts.count(), reverse("meetings:ratings"), "meetings:ratings")
    ]


def _meetings_due(user: scope.Viewer) -> list[Todo]:
    """For the secretary of a branch: the meetings the county's policy asks of the branch in the current period
    that are not yet on record (this month's theme day, this quarter's lesson, …)."""
    if not scope.has_any(user, roles.MANAGE_MEETING):
        return []
    roots = [o for o in scope.visible_roots(user) if o.is_branch and scope.has_perm(user, roles.MANAGE_MEETING, o)]
    if len(roots) != 1:
        return []
    from tuanwu.meetings.rules import MISSED, OPEN, branch_compliance

    today = timezone.localdate()
    due = sum(c.status in (OPEN, MISSED) for c in branch_compliance(roots[0], today.year, until=today).current(today))
    return [
        Todo(
            "meetings_due",
            _("Meetings due this period not yet recorded"),
            due,
            reverse("meetings:meeting_create"),
            "meetings:meeting_create",
        )
    ]


def _coverage_overdue(user: scope.Viewer) -> list[Todo]:
    """ "两新" units past their planned date and not yet covered: for the committee and the responsible cadre."""
    if not getattr(user, "is_authenticated", False):
        return []
    from tuanwu.coverage.selectors import units_overdue

    overdue = units_overdue(user)
    return [
        Todo(
            "coverage_overdue",
            _("Two-new units past their planned date"),
            len(overdue),
            reverse("coverage:unit_list") + "?overdue=on",
            "coverage:unit_list",
            overdue=True,
        )
    ]


def _coverage_snapshot(user: scope.Viewer) -> list[Todo]:
    """Last year's "两新" directory not yet frozen: for whoever may freeze the county's year."""
    if not scope.has_any(user, roles.MANAGE_COVERAGE):
        return []
    from tuanwu.coverage.selectors import snapshot_due

    year = snapshot_due(user)
    if year is None:
        return []
    return [
        Todo(
            "coverage_snapshot",
            _("Year-end snapshot of the two-new directory for %(year)d not taken") % {"year": year},
            1,
            reverse("coverage:board") + f"?year={year}",
            "coverage:board",
            overdue=True,
        )
    ]


def _contacts(user: scope.Viewer) -> list[Todo]:
    """A cadre's own direct-contact work of this quarter: follow-ups past due, and the youths and fixed
    organizations not reached yet (overdue only once the quarter is over, so they are not flagged as such)."""
    if not getattr(user, "person_id", None):
        return []
    from tuanwu.contacts.selectors import compliance_many, my_cadres, quarter_of

    cadres = my_cadres(user)
    if not cadres:
        return []
    today = timezone.localdate()
    rows = compliance_many(cadres, today.year, quarter_of(today))
    url = reverse("contacts:my")
    return [
        Todo(
            "contacts_follow_ups",
            _("Contact follow-ups past due"),
            sum(len(r.follow_ups_due) for r in rows),
            url,
            "contacts:my",
            overdue=True,
        ),
        Todo(
            "contacts_quarter",
            _("Youths and fixed organizations to contact this quarter"),
            sum(len(r.not_reached) + len(r.not_visited) for r in rows),
            url,
            "contacts:my",
        ),
    ]


def _lifecycle(user: scope.Viewer) -> list[Todo]:
    """Transfers waiting for the user's side, evaluations and discipline cases waiting for the committee above."""
    if not scope.has_any(user, roles.VIEW_LIFECYCLE):
        return []
    from tuanwu.lifecycle.models import DisciplineCase, Transfer
    from tuanwu.lifecycle.selectors.evaluation import approvals_pending

    sending = Transfer.objects.filter(status=Transfer.Status.AWAITING_SENDER).filter(
        scope.org_q(user, roles.APPROVE_LIFECYCLE, "origin")
    )
    receiving = Transfer.objects.filter(status=Transfer.Status.AWAITING_RECEIVER).filter(
        scope.org_q(user, roles.MANAGE_LIFECYCLE, "destination")
    )
    cases = DisciplineCase.objects.filter(status=DisciplineCase.Status.SUBMITTED).filter(
        scope.org_q(user, roles.APPROVE_LIFECYCLE, "organization__parent")
    )
    transfers = reverse("lifecycle:transfer_list")
    return [
        Todo(
            "transfers_to_approve",
            _("Transfers waiting for the sending side's approval"),
            sending.count(),
            transfers + "?status=awaiting_sender",
            "lifecycle:transfer_list",
        ),
        Todo(
            "transfers_to_accept",
            _("Transfers waiting to be accepted"),
            receiving.count(),
            transfers + "?status=awaiting_receiver",
            "lifecycle:transfer_list",
        ),
        Todo(
            "evaluations_to_approve",
            _("Evaluations waiting for approval"),
            approvals_pending(user).count(),
            reverse("lifecycle:evaluation_approvals"),
            "lifecycle:evaluation_approvals",
        ),
        Todo(
            "discipline_to_approve",
            _("Discipline decisions waiting for approval"),
            cases.count(),
            reverse("lifecycle:discipline_list"),
            "lifecycle:discipline_list",
        ),
    ]


def _voice(user: scope.Viewer) -> list[Todo]:
    """青年之声 cases of the user's organizations past a deadline, and new cases nobody has taken yet."""
    if not scope.has_any(user, roles.MANAGE_VOICE):
        return []
    from tuanwu.voice.models import Case
    from tuanwu.voice.selectors import case_list

    inbox = reverse("voice:inbox")
    untaken = case_list(user, status=Case.Status.NEW).filter(owner__isnull=True)
    return [
        Todo(
            "voice_overdue",
            _("青年之声 cases past their deadline"),
            case_list(user, overdue=True).count(),
            inbox + "?overdue=1",
            "voice:inbox",
            overdue=True,
        ),
        Todo(
            "voice_new", _("New 青年之声 cases nobody has taken"), untaken.count(), inbox + "?status=new", "voice:inbox"
        ),
    ]


def _media(user: scope.Viewer) -> list[Todo]:
    """Student administrators of media accounts graduating within 60 days who still hold the rights, and dormant
    accounts past the county's time to close them."""
    if not scope.has_any(user, roles.MANAGE_PUBLICITY):
        return []
    from tuanwu.publicity.selectors import accounts_past_closing, admins_graduating

    accounts = reverse("publicity:account_list")
    return [
        Todo(
            "media_handover",
            _("Media account administrators graduating soon: hand the rights over"),
            admins_graduating(user).count(),
            accounts,
            "publicity:account_list",
        ),
        Todo(
            "media_dormant",
            _("Dormant media accounts past their time to be closed"),
            len(accounts_past_closing(user)),
            accounts + "?status=dormant",
            "publicity:account_list",
            overdue=True,
        ),
    ]


# Days an open care record may go without a measure before its follower is reminded (no county policy yet).
CARE_MEASURE_DAYS = 30


def _care(user: scope.Viewer) -> list[Todo]:
    """Open care records the user follows with no measure in the last CARE_MEASURE_DAYS days."""
    if not getattr(user, "is_authenticated", False):
        return []
    from tuanwu.care.selectors import records_without_recent_measure

    return [
        Todo(
            "care_no_recent_measure",
            _("Care records you follow with no measure in %(days)d days") % {"days": CARE_MEASURE_DAYS},
            records_without_recent_measure(user, CARE_MEASURE_DAYS).count(),
            reverse("care:record_list"),
            "care:record_list",
        )
    ]


PROVIDERS: list[Provider] = [
    _approvals,
    _overdue_steps,
    _ceremonies,
    _exits,
    _volunteering,
    _study,
    _ratings,
    _meetings_due,
    _coverage_overdue,
    _coverage_snapshot,
    _lifecycle,
    _voice,
    _contacts,
    _media,
    _care,
]


def todos(user: scope.Viewer) -> list[Todo]:
    """Everything waiting for the user, the overdue first; kinds with nothing waiting left out."""
    found = [t for provider in PROVIDERS for t in provider(user) if t.count]
    return sorted(found, key=lambda t: (not t.overdue,))


def menu_counts(user: scope.Viewer) -> dict[str, int]:
    """The counts by menu entry (URL name), for the badges of the left menu."""
    out: dict[str, int] = {}
    for t in todos(user):
        out[t.menu] = out.get(t.menu, 0) + t.count
    return out


@dataclass(frozen=True)
class NextStep:
    label: object
    detail: str
    url: str


def my_next_steps(user: scope.Viewer, today: datetime.date | None = None) -> list[NextStep]:
    """A member's or young person's own next steps: their application's next step and what it lacks, this
    year's volunteer hours, the activities of today they signed up for (the last two not for secretaries)."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return []
    today = today or timezone.localdate()
    from tuanwu.admission.selectors import applicant_summary
    from tuanwu.volunteering.models import Signup
    from tuanwu.volunteering.selectors import person_summary

    out: list[NextStep] = []
    summary = applicant_summary(user)
    current = summary["current"]
    if current is not None:
        lacking = "；".join(str(v.message) for v in summary["missing"][:3])
        out.append(
            NextStep(
                _("My application: %(status)s") % {"status": current.get_status_display()},
                lacking,
                reverse("admission:mine"),
            )
        )
    if scope.has_any(user, roles.VIEW_PERSON):
        return out  # a secretary's home is their to-do list; their own hours are on their record
    hours = person_summary(person_id)["this_year"]
    out.append(
        NextStep(
            _("My volunteer hours this year"),
            _("%(hours)s hours") % {"hours": f"{hours:g}"},
            reverse("volunteering:my"),
        )
    )
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    todays = Signup.objects.filter(
        person_id=person_id,
        status=Signup.Status.APPROVED,
        activity__starts_at__lt=start + datetime.timedelta(days=1),
        activity__ends_at__gte=start,
    ).select_related("activity")
    for signup in todays[:5]:
        out.append(
            NextStep(
                _("Today: %(title)s") % {"title": signup.activity.title},
                timezone.localtime(signup.activity.starts_at).strftime("%H:%M"),
                reverse("volunteering:my"),
            )
        )
    return out
