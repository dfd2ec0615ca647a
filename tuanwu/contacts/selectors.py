"""Every scoped read of the direct-contact work, and the compliance of a cadre with the county's "1+100" policy
for a quarter. Holders of VIEW_CONTACTS see the cadres of their subtree; every cadre sees their own.

Compliance is computed from the contact logs only: it never counts logins, time online, likes or shares
(国办函〔2026〕12号), and cadres are listed in tree order, never ranked."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuanwu.accounts.roles import MANAGE_CONTACTS, VIEW_CONTACTS, VIEW_VOLUNTEERING
from tuanwu.organizations import scope
from tuanwu.organizations.policy import policy_for
from tuanwu.organizations.selectors import county_of
from tuanwu.people.choices import CadreKind

from .models import Contact, ContactCadre, ContactLog, ContactPolicy, FixedOrganization

if TYPE_CHECKING:
    from tuanwu.organizations.scope import Viewer

YOUTH_CHANNELS = (
    ContactLog.Channel.ONLINE,
    ContactLog.Channel.OFFLINE_ACTIVITY,
    ContactLog.Channel.FACE_TO_FACE,
)


def _cadre_q(viewer: Viewer, perm: str = VIEW_CONTACTS, prefix: str = "") -> Q:
    """Cadres in the viewer's scope for perm, and the viewer's own cadre records."""
    q = scope.org_q(viewer, perm, f"{prefix}organization")
    person_id = getattr(viewer, "person_id", None)
    if person_id:
        q |= Q(**{f"{prefix}person_id": person_id})
    return q


def cadre_list(viewer: Viewer, *, include_ended: bool = False) -> QuerySet[ContactCadre]:
    """The cadres the viewer may see, with their open contacts and fixed organizations counted, in tree order."""
    qs = ContactCadre.objects.filter(_cadre_q(viewer)).select_related("person", "organization")
    if not include_ended:
        qs = qs.filter(ended_on__isnull=True)
    return qs.annotate(
        open_contacts=Count("contacts", filter=Q(contacts__ended_on__isnull=True), distinct=True),
        open_fixed=Count("fixed_organizations", filter=Q(fixed_organizations__until__isnull=True), distinct=True),
    ).order_by("organization__path", "person__name", "pk")


def cadre_get(viewer: Viewer, pk: int, *, manage: bool = False) -> ContactCadre:
    """One cadre the viewer may see (with manage, may manage), else 404 exactly like a missing one."""
    q = scope.org_q(viewer, MANAGE_CONTACTS, "organization") if manage else _cadre_q(viewer)
    cadre = ContactCadre.objects.filter(q, pk=pk).select_related("person", "organization").first()
    if cadre is None:
        raise Http404
    return cadre


def my_cadres(viewer: Viewer) -> list[ContactCadre]:
    """The viewer's own open cadre records (a cadre may work for two organizations)."""
    person_id = getattr(viewer, "person_id", None)
    if not person_id:
        return []
    return list(
        ContactCadre.objects.filter(person_id=person_id, ended_on__isnull=True)
        .select_related("person", "organization")
        .order_by("pk")
    )


def contact_list(viewer: Viewer, *, cadre: ContactCadre | None = None, include_ended: bool = False):
    """The contacts of the cadres the viewer may see (or of one of them), fixed youths first."""
    qs = Contact.objects.filter(_cadre_q(viewer, prefix="cadre__")).select_related("cadre__person")
    if cadre is not None:
        qs = qs.filter(cadre=cadre)
    if not include_ended:
        qs = qs.filter(ended_on__isnull=True)
    return qs.order_by("-fixed", "name", "pk")


def contact_get(viewer: Viewer, pk: int) -> Contact:
    """One contact of a cadre the viewer may see, else 404."""
    contact = Contact.objects.filter(_cadre_q(viewer, prefix="cadre__"), pk=pk).select_related("cadre__person").first()
    if contact is None:
        raise Http404
    return contact


def registry_person_find(viewer: Viewer, ref: str):
    """The person of the registry a form names by ID number or by name, among the people the viewer sees; a
    ValidationError when none or several match."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as gettext_now

    from tuanwu.accounts.roles import VIEW_PERSON
    from tuanwu.people.models import Person

    ref = (ref or "").strip()
    people = scope.restrict(Person.objects.all(), viewer, VIEW_PERSON)
    found = list(people.filter(Q(id_number=ref.upper()) | Q(name=ref))[:2]) if ref else []
    if not found:
        raise ValidationError(
            gettext_now("Nobody in your scope has the ID number or name “%(ref)s”.") % {"ref": ref},
            code="PERSON_UNKNOWN",
        )
    if len(found) > 1:
        raise ValidationError(
            gettext_now("Several people are named “%(ref)s”; give the ID number.") % {"ref": ref},
            code="PERSON_AMBIGUOUS",
        )
    return found[0]


def voice_case_find(viewer: Viewer, number: str):
    """The 青年之声 case a log names by its tracking number, among the cases the viewer sees; a ValidationError
    naming the field when there is none."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as gettext_now

    from tuanwu.voice.selectors import case_list

    number = (number or "").strip()
    case = case_list(viewer).filter(number__iexact=number).first()
    if case is None:
        raise ValidationError(
            {
                "voice_case": ValidationError(
                    gettext_now("No 青年之声 case numbered “%(number)s” in your scope.") % {"number": number},
                    code="VOICE_CASE_UNKNOWN",
                )
            }
        )
    return case


def activities_for_log(viewer: Viewer):
    """The volunteer activities a contact log may name: those the viewer sees, from a year back on, newest first."""
    import datetime as dt

    from tuanwu.volunteering.models import Activity

    since = timezone.now() - dt.timedelta(days=365)
    seen = scope.restrict(Activity.objects.all(), viewer, VIEW_VOLUNTEERING)
    return seen.filter(starts_at__gte=since).order_by("-starts_at", "pk")


def fixed_list(cadre: ContactCadre) -> QuerySet[FixedOrganization]:
    """The cadre's open fixed contact organizations (the cadre was loaded through cadre_get)."""
    return cadre.fixed_organizations.filter(until__isnull=True).select_related("organization").order_by("since")


def fixed_get(viewer: Viewer, pk: int) -> FixedOrganization:
    """One open fixed contact organization of a cadre the viewer may see, else 404."""
    fixed = (
        FixedOrganization.objects.filter(_cadre_q(viewer, prefix="cadre__"), pk=pk, until__isnull=True)
        .select_related("cadre__person", "cadre__organization", "organization")
        .first()
    )
    if fixed is None:
        raise Http404
    return fixed


def successor_choices(viewer: Viewer, cadre: ContactCadre) -> QuerySet[ContactCadre]:
    """The open cadres the viewer manages, other than this one: who may take over its contacts."""
    return (
        ContactCadre.objects.filter(scope.org_q(viewer, MANAGE_CONTACTS, "organization"), ended_on__isnull=True)
        .exclude(pk=cadre.pk)
        .select_related("person", "organization")
        .order_by("organization__path", "person__name")
    )


def log_list(viewer: Viewer, *, cadre: ContactCadre | None = None) -> QuerySet[ContactLog]:
    """The contact logs of the cadres the viewer may see, newest first."""
    qs = ContactLog.objects.filter(_cadre_q(viewer, prefix="cadre__")).select_related(
        "contact", "fixed_organization__organization"
    )
    if cadre is not None:
        qs = qs.filter(cadre=cadre)
    return qs.order_by("-date", "-pk")


# Compliance


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a quarter."""
    first = datetime.date(year, 3 * quarter - 2, 1)
    last = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - datetime.timedelta(1)
    return first, last


@dataclass
class Criterion:
    key: str
    label: object
    applies: bool
    met: bool
    value: int
    target: str


@dataclass
class Compliance:
    """How a cadre stands against the county's policy in a quarter: each criterion, the overall verdict, and
    what is overdue (youths not reached, fixed organizations not visited, follow-ups past due)."""

    cadre: ContactCadre
    year: int
    quarter: int
    policy: ContactPolicy
    bound: bool
    criteria: list[Criterion]
    not_reached: list[Contact] = field(default_factory=list)
    not_visited: list[FixedOrganization] = field(default_factory=list)
    follow_ups_due: list[ContactLog] = field(default_factory=list)

    @property
    def met(self) -> bool:
        """Whether every criterion that applies is met (a cadre the policy does not bind meets nothing)."""
        return self.bound and all(c.met for c in self.criteria if c.applies)

    @property
    def by_key(self) -> dict[str, Criterion]:
        return {c.key: c for c in self.criteria}

    @property
    def overdue(self) -> int:
        return len(self.not_reached) + len(self.not_visited) + len(self.follow_ups_due)


def compliance_many(cadres: list[ContactCadre], year: int, quarter: int) -> list[Compliance]:
    """The compliance of each cadre for a quarter, in three queries whatever the number of cadres."""
    first, last = quarter_bounds(year, quarter)
    today = timezone.localdate()
    ids = [c.pk for c in cadres]
    open_at = Q(added_on__lte=last) & (Q(ended_on__isnull=True) | Q(ended_on__gt=last))
    contacts: dict[int, list[Contact]] = defaultdict(list)
    for contact in Contact.objects.filter(open_at, cadre_id__in=ids).order_by("name", "pk"):
        contacts[contact.cadre_id].append(contact)
    fixed: dict[int, list[FixedOrganization]] = defaultdict(list)
    for f in (
        FixedOrganization.objects.filter(cadre_id__in=ids, since__lte=last)
        .filter(Q(until__isnull=True) | Q(until__gt=last))
        .select_related("organization")
        .order_by("since", "pk")
    ):
        fixed[f.cadre_id].append(f)
    logs: dict[int, list[ContactLog]] = defaultdict(list)
    for entry in ContactLog.objects.filter(
        Q(date__range=(datetime.date(year, 1, 1), last)) | Q(follow_up_due__lt=today, followed_up=False),
        cadre_id__in=ids,
    ).select_related("contact"):
        logs[entry.cadre_id].append(entry)
    policies: dict[str, ContactPolicy] = {}
    out = []
    for cadre in cadres:
        key = cadre.organization.county_path
        if key not in policies:
            policies[key] = policy_for(ContactPolicy, county_of(cadre.organization), year)
        policy = policies[key]
        out.append(
            _evaluate(cadre, policy, year, quarter, first, last, contacts[cadre.pk], fixed[cadre.pk], logs[cadre.pk])
        )
    return out


def compliance(cadre: ContactCadre, year: int, quarter: int) -> Compliance:
    """The compliance of one cadre for a quarter."""
    return compliance_many([cadre], year, quarter)[0]


def _evaluate(cadre, policy, year, quarter, first, last, contacts, fixed, logs) -> Compliance:
    in_quarter = [e for e in logs if first <= e.date <= last]
    in_year = [e for e in logs if e.date.year == year and e.date <= last]
    reached = {e.contact_id for e in in_quarter if e.channel in YOUTH_CHANNELS}
    visited = {e.fixed_organization_id for e in in_quarter if e.channel == ContactLog.Channel.ORG_VISIT}
    offline = sum(1 for e in in_quarter if e.channel == ContactLog.Channel.OFFLINE_ACTIVITY)
    face_to_face = sum(1 for e in in_year if e.channel == ContactLog.Channel.FACE_TO_FACE)
    fields = len({c.field for c in contacts})
    fixed_youths = sum(1 for c in contacts if c.fixed)
    not_reached = [c for c in contacts if c.pk not in reached]
    not_visited = [f for f in fixed if f.pk not in visited]
    bound = policy.binds(cadre.kind)
    # The 2020 plan fixes organizations and youths to full-time cadres only.
    fixed_applies = bound and cadre.kind == CadreKind.FULL_TIME
    criteria = [
        Criterion(
            "contacts",
            _("Youths in direct contact"),
            bound,
            len(contacts) >= policy.min_contacts,
            len(contacts),
            f"≥ {policy.min_contacts}",
        ),
        Criterion(
            "fields", _("Fields they come from"), bound, fields >= policy.min_fields, fields, f"≥ {policy.min_fields}"
        ),
        Criterion(
            "reached",
            _("Youths reached this quarter"),
            bound and policy.online_each_quarter,
            bool(contacts) and not not_reached,
            len(contacts) - len(not_reached),
            f"{len(contacts)}",
        ),
        Criterion(
            "offline",
            _("Offline activities this quarter"),
            bound and policy.offline_each_quarter,
            offline >= 1,
            offline,
            "≥ 1",
        ),
        Criterion(
            "face_to_face",
            _("Face-to-face contacts this year"),
            bound and policy.face_to_face_each_year,
            face_to_face >= 1,
            face_to_face,
            "≥ 1",
        ),
        Criterion(
            "fixed_orgs",
            _("Fixed contact organizations"),
            fixed_applies,
            policy.fixed_orgs_min <= len(fixed) <= policy.fixed_orgs_max,
            len(fixed),
            f"{policy.fixed_orgs_min}–{policy.fixed_orgs_max}",
        ),
        Criterion(
            "fixed_youths",
            _("Fixed contact youths"),
            fixed_applies,
            fixed_youths >= policy.fixed_youths,
            fixed_youths,
            f"{policy.fixed_youths}",
        ),
        Criterion(
            "visits",
            _("Fixed organizations visited this quarter"),
            fixed_applies and policy.visit_each_quarter,
            bool(fixed) and not not_visited,
            len(fixed) - len(not_visited),
            f"{len(fixed)}",
        ),
    ]
    today = timezone.localdate()
    return Compliance(
        cadre=cadre,
        year=year,
        quarter=quarter,
        policy=policy,
        bound=bound,
        criteria=criteria,
        not_reached=not_reached if bound and policy.online_each_quarter else [],
        not_visited=not_visited if fixed_applies and policy.visit_each_quarter else [],
        follow_ups_due=sorted(
            (e for e in logs if e.follow_up_due and e.follow_up_due < today and not e.followed_up),
            key=lambda e: e.follow_up_due or today,
        ),
    )


def compliance_list(viewer: Viewer, year: int, quarter: int) -> list[Compliance]:
    """The compliance of every open cadre the viewer may see, in tree order (never ranked)."""
    first, last = quarter_bounds(year, quarter)
    cadres = list(
        ContactCadre.objects.filter(_cadre_q(viewer), started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .select_related("person", "organization")
        .order_by("organization__path", "person__name", "pk")
    )
    return compliance_many(cadres, year, quarter)


def county_compliance(county, year: int, quarter: int) -> list[Compliance]:
    """The compliance of every cadre of a county in a quarter (for the plan's metrics, which read the county)."""
    first, last = quarter_bounds(year, quarter)
    cadres = list(
        ContactCadre.objects.filter(organization__path__startswith=county.path, started_on__lte=last)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        .select_related("person", "organization")
    )
    return compliance_many(cadres, year, quarter)


def county_log_counts(county, year: int, quarter: int) -> dict[str, int]:
    """The county's contact logs: how many in the quarter, and of the year's, how many raised an issue and how
    many of those record what was done."""
    first, last = quarter_bounds(year, quarter)
    logs = ContactLog.objects.filter(cadre__organization__path__startswith=county.path)
    year_logs = logs.filter(date__year=year).exclude(raised="")
    return {
        "logged": logs.filter(date__range=(first, last)).count(),
        "raised": year_logs.count(),
        "resolved": year_logs.exclude(done="").count(),
    }
