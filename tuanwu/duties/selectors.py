"""Scoped reads of 履职: a mandate is seen from the term's organization down and from the person's own
organization up, so the county sees its whole committee and a township committee the delegates it sent."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from tuanwu.accounts.roles import MANAGE_DUTIES, VIEW_DUTIES
from tuanwu.organizations import scope

from .models import DutyKind, DutyRecord, Mandate, MandateKind, Term


def _any(*qs: Q) -> Q:
    """Either condition; an empty Q (the whole tree) stays empty, where `|` would drop it."""
    if any(not q for q in qs):
        return Q()
    out = qs[0]
    for q in qs[1:]:
        out |= q
    return out


def mandate_q(user: scope.Viewer, perm: str = VIEW_DUTIES, prefix: str = "") -> Q:
    """Mandates the user reaches with perm: through the term's organization or the person's organization."""
    return _any(
        scope.org_q(user, perm, f"{prefix}term__organization"), scope.org_q(user, perm, f"{prefix}organization")
    )


def mandate_list(user: scope.Viewer, perm: str = VIEW_DUTIES) -> QuerySet[Mandate]:
    """Mandates in the user's scope, with their term and person."""
    return (
        Mandate.objects.filter(mandate_q(user, perm))
        .select_related("term", "term__organization", "person", "organization")
        .order_by("term", "kind", "person__name", "pk")
    )


def mandate_get(user: scope.Viewer, pk: int, perm: str = VIEW_DUTIES) -> Mandate:
    """One mandate in the user's scope, or 404; the holder always reaches their own."""
    row = mandate_list(user, perm).filter(pk=pk).first()
    if row is None and perm == VIEW_DUTIES:
        row = my_mandates(user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def my_mandates(user: scope.Viewer) -> QuerySet[Mandate]:
    """The signed-in person's own mandates, whatever their roles."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Mandate.objects.none()
    return Mandate.objects.filter(person_id=person_id).select_related("term", "term__organization", "person")


def term_list(user: scope.Viewer) -> QuerySet[Term]:
    """Terms the user sees: those of organizations in scope and those where someone in scope holds a seat."""
    return (
        Term.objects.filter(
            _any(scope.org_q(user, VIEW_DUTIES), Q(pk__in=Mandate.objects.filter(mandate_q(user)).values("term_id")))
        )
        .select_related("organization")
        .distinct()
    )


def term_get(user: scope.Viewer, pk: int) -> Term:
    row = term_list(user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def proposal_get(user: scope.Viewer, pk: int) -> DutyRecord:
    """A proposal recorded under a term the user manages, or 404."""
    row = (
        DutyRecord.objects.filter(scope.org_q(user, MANAGE_DUTIES, "mandate__term__organization"), pk=pk)
        .select_related("mandate__term__organization")
        .first()
    )
    if row is None or row.kind != DutyKind.PROPOSAL:
        raise Http404
    return row


def term_can_manage(user: scope.Viewer, term: Term) -> bool:
    return scope.has_perm(user, MANAGE_DUTIES, term.organization)


def year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def mandates_active_in(mandates: QuerySet[Mandate], year: int) -> QuerySet[Mandate]:
    """The mandates that cover at least one day of the year."""
    start, end = year_range(year)
    return mandates.filter(Q(from_on__lte=end), Q(until_on__isnull=True) | Q(until_on__gte=start))


@dataclass
class PersonYear:
    """One person's duties in a year, by kind, over all their seats in the term(s) given."""

    person: object
    mandates: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def nothing_recorded(self) -> bool:
        return self.total == 0

    def count(self, kind: str) -> int:
        return self.counts.get(kind, 0)

    @property
    def by_kind(self) -> list[int]:
        """The counts in the order of DutyKind, for a table's columns."""
        return [self.count(k) for k in DutyKind.values]

    @property
    def labelled(self) -> list[tuple[str, int]]:
        return [(str(label), self.count(k)) for k, label in DutyKind.choices]


def duty_counts(mandates: QuerySet[Mandate], year: int) -> list[PersonYear]:
    """Per person, the duties performed in the year by kind, in name order: one query for seats, one for counts."""
    start, end = year_range(year)
    rows = list(
        mandates_active_in(mandates, year)
        .select_related("person__organization", "term", "organization")
        .order_by("person__name", "pk")
    )
    people: dict[int, PersonYear] = {}
    for m in rows:
        people.setdefault(m.person_id, PersonYear(person=m.person)).mandates.append(m)
    pairs = DutyRecord.objects.filter(mandate__in=[m.pk for m in rows], date__range=(start, end)).values_list(
        "mandate__person_id", "kind"
    )
    for person_id, kind in pairs:
        people[person_id].counts[kind] += 1
    return list(people.values())


def term_summary(user: scope.Viewer, term: Term, year: int) -> list[PersonYear]:
    """The term's people in the user's scope with their duties of the year; nothing_recorded flags who has none
    (a flag to follow up, not a ranking)."""
    return duty_counts(mandate_list(user).filter(term=term), year)


def term_idle(user: scope.Viewer, term: Term, year: int) -> list[PersonYear]:
    """The term's people in scope with nothing recorded in the year."""
    return [p for p in term_summary(user, term, year) if p.nothing_recorded]


def person_duties(mandates: QuerySet[Mandate], year: int) -> QuerySet[DutyRecord]:
    """The duties recorded under these mandates in the year, newest first."""
    start, end = year_range(year)
    return (
        DutyRecord.objects.filter(mandate__in=mandates, date__range=(start, end))
        .select_related("mandate", "mandate__term")
        .order_by("-date", "-pk")
    )


def year_table(user: scope.Viewer, year: int) -> list[PersonYear]:
    """The year's duty table of everyone in scope (the export), per person over all their seats."""
    return duty_counts(mandate_list(user), year)


def duty_kinds() -> list[tuple[str, str]]:
    return [(k, str(label)) for k, label in DutyKind.choices]


def mandate_kinds() -> list[tuple[str, str]]:
    return [(k, str(label)) for k, label in MandateKind.choices]


def county_mandates(county, year: int) -> QuerySet[Mandate]:
    """The seats held in the year in the county's own terms (the plan's figures are the county's)."""
    return mandates_active_in(Mandate.objects.filter(term__organization=county), year)


def figures(county, year: int) -> dict:
    """The year's 履职 figures of the county's terms: members (委员, 候补, 常委) and delegates with at least one
    duty recorded (people, not seats), proposals submitted, meetings attended (person-times)."""
    start, end = year_range(year)
    seats = county_mandates(county, year)
    people = set(seats.values_list("person_id", flat=True))
    duties = DutyRecord.objects.filter(mandate__in=seats, date__range=(start, end))
    active = set(duties.values_list("mandate__person_id", flat=True))
    return {
        "people": len(people),
        "active": len(active & people),
        "proposals": duties.filter(kind=DutyKind.PROPOSAL).count(),
        "meetings": duties.filter(kind=DutyKind.MEETING_ATTENDED).count(),
    }


def person_find(user: scope.Viewer, ref: str):
    """The person a form or a file names by ID number or by name, among the people the user sees; a
    ValidationError when none or several match."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from tuanwu.accounts.roles import VIEW_PERSON
    from tuanwu.people.models import Person

    ref = (ref or "").strip()
    people = scope.restrict(Person.objects.select_related("organization"), user, VIEW_PERSON)
    found = list(people.filter(Q(id_number=ref.upper()) | Q(name=ref))[:2]) if ref else []
    if not found:
        raise ValidationError(
            _("Nobody in your scope has the ID number or name “%(ref)s”.") % {"ref": ref}, code="PERSON_UNKNOWN"
        )
    if len(found) > 1:
        raise ValidationError(
            _("Several people are named “%(ref)s”; give the ID number.") % {"ref": ref}, code="PERSON_AMBIGUOUS"
        )
    return found[0]


def person_year_mandates(user: scope.Viewer, person_id: int) -> QuerySet[Mandate]:
    """A person's mandates the user may see (their own always), or 404 when there are none."""
    qs = mandate_list(user).filter(person_id=person_id)
    if getattr(user, "person_id", None) == person_id:
        qs = my_mandates(user)
    if not qs.exists():
        raise Http404
    return qs


def person_year_summary(mandates: list[Mandate], year: int) -> PersonYear | None:
    """One person's counts of the year over the given seats (the person page and 'my duties')."""
    rows = duty_counts(Mandate.objects.filter(pk__in=[m.pk for m in mandates]), year)
    return rows[0] if rows else None
