"""Every write of member development: one service per step, quotas, numbers, meetings, ceremonies, policy."""

from __future__ import annotations

import datetime
from decimal import Decimal

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_ADMISSION, MANAGE_ADMISSION
from tuanwu.core.concurrency import check_version
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization, subtree_range
from tuanwu.organizations.selectors import county_of
from tuanwu.people.models import Membership, Person
from tuanwu.people.services import membership_register
from tuanwu.people.workflow import MembershipStatus
from tuanwu.volunteering.selectors import hours_by_person

from . import rules
from .models import AdmissionPolicy, Application, ApplicationStep, Ceremony, GeneralMeeting, Quota
from .workflow import SEND_BACK_TO, STEPS, Step

S = Application.Status


# Policy ---------------------------------------------------------------------------------------------------


def policy_for(organization: Organization, year: int) -> AdmissionPolicy:
    """The county's policy for a year, or the defaults (unsaved) when it set none."""
    county = county_of(organization)
    return AdmissionPolicy.objects.filter(organization=county, year=year).first() or AdmissionPolicy(
        organization=county, year=year
    )


def policy_set(*, actor, county: Organization, year: int, version: int | None = None, **fields) -> AdmissionPolicy:
    """Change a county's admission numbers for a year (county administrators; every change in the history)."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, APPROVE_ADMISSION, county)
        if county.depth != 1:
            raise ValidationError(_("Only the county committee sets the policy."), code="POLICY_NOT_COUNTY")
        policy = AdmissionPolicy.objects.select_for_update().filter(organization=county, year=year).first()
        if policy is None:
            policy = AdmissionPolicy(organization=county, year=year)
        else:
            check_version(policy, version)
        for name, value in fields.items():
            setattr(policy, name, value)
        policy.full_clean()
        policy.save()
    return policy


# Facts the rules read ---------------------------------------------------------------------------------------


def facts_for(app: Application, *, meeting_apps: list[Application] | None = None, quota: bool = True) -> rules.Facts:
    """Gather what the rules need about an application from the other apps' records."""
    if meeting_apps is None:
        # Before the meeting, the batch is the branch's open candidacies.
        meeting_apps = list(
            Application.objects.filter(organization_id=app.organization_id, status=S.CANDIDATE).exclude(pk=app.pk)
        ) + [app]
    batch = [(a.introducer_1_id, a.introducer_2_id) for a in meeting_apps]
    return facts_many([app], batches={app.pk: batch}, quota=quota)[app.pk]


def facts_many(
    apps: list[Application], *, batches: dict[int, list[tuple]], quota: bool = False
) -> dict[int, rules.Facts]:
    """The rules' facts for many applications in a few queries per kind (the annual audit reads thousands);
    batches gives, per application, the (introducer, introducer) pairs of the candidacies voted with it."""
    from .records import class_counts

    today = timezone.localdate()
    years = {app.pk: (app.candidate_on or today).year for app in apps}
    hours: dict[tuple[int, int], Decimal] = {}
    for year in set(years.values()):
        people = [app.person_id for app in apps if years[app.pk] == year]
        for i in range(0, len(people), 900):
            for person_id, total in hours_by_person(people[i : i + 900], year).items():
                hours[(person_id, year)] = total
    introducers = sorted({i for app in apps for i in (app.introducer_1_id, app.introducer_2_id) if i})
    in_good_standing: set[int] = set()
    for i in range(0, len(introducers), 900):
        in_good_standing.update(
            Membership.objects.filter(
                person_id__in=introducers[i : i + 900], status=MembershipStatus.NORMAL
            ).values_list("person_id", flat=True)
        )
    classes: dict[tuple, tuple | None] = {}
    out = {}
    for app in apps:
        day = app.meeting.held_on if app.meeting_id else today
        key = (app.organization_id, day)
        if key not in classes:
            classes[key] = class_counts(app.organization, day)
        mine = [i for i in (app.introducer_1_id, app.introducer_2_id) if i]
        out[app.pk] = rules.Facts(
            class_counts=classes[key],
            birth_date=app.person.birth_date,
            volunteer_hours=hours.get((app.person_id, years[app.pk]), Decimal(0)),
            good_standing={pk: pk in in_good_standing for pk in mine},
            introducer_load={pk: sum(1 for pair in batches.get(app.pk, []) if pk in pair) for pk in mine},
            quota_left=quota_left(app) if quota else None,
        )
    return out


# The rules a step is gated by: its own, and for the meeting those of the candidacy's paperwork. Rules of
# earlier steps were gated when those steps were taken; facts that changed since (hours corrected, an
# introducer who left) are for the audit to report, not for a later step to trip over.
GATES = {
    Step.INTRODUCERS: {Step.PREREVIEW, Step.INTRODUCERS},
    Step.MEETING: {Step.PREREVIEW, Step.INTRODUCERS, Step.MEETING},
}


def _refuse_if_broken(app: Application, upto: str, facts: rules.Facts | None = None) -> list[rules.Violation]:
    """Refuse the step when one of its rules is broken; returns the step's warnings to record with it."""
    policy = policy_for(app.organization, (app.candidate_on or app.applied_on).year)
    gate = GATES.get(upto, {upto})
    violations = [v for v in rules.check(app, policy, facts or facts_for(app), upto=upto) if v.step in gate]
    blocking = rules.blocking(violations)
    if blocking:
        error = ValidationError([ValidationError(v.message, code=v.code) for v in blocking])
        error.code = blocking[0].code
        raise error
    return violations


def _record(app: Application, step: str, on: datetime.date, actor, note: str = "", sent_back: bool = False) -> None:
    ApplicationStep.objects.create(
        application=app,
        step=step,
        on=on,
        actor=actor if getattr(actor, "pk", None) else None,
        organization_id=app.organization_id,
        sent_back=sent_back,
        note=note,
    )


def _locked(app: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("person", "organization", "meeting")
        .get(pk=app.pk)
    )


def require_step(actor, app: Application, step: str) -> None:
    """The branch takes its own steps; the committee above prereviews and approves."""
    by_above = STEPS[step][2] if step in STEPS else False
    if by_above:
        above = app.organization.parent or app.organization
        scope.require(actor, APPROVE_ADMISSION, above)
    else:
        scope.require(actor, MANAGE_ADMISSION, app.organization)


def _move(app: Application, step: str) -> None:
    allowed, to, _above = STEPS[step]
    if app.status not in allowed:
        raise ValidationError(
            _("An application at “%(status)s” cannot take the step “%(step)s”.")
            % {"status": app.get_status_display(), "step": Step(step).label},
            code="STEP_NOT_ALLOWED",
        )
    if to:
        app.status = to


def _save(app: Application, version: int | None) -> None:
    check_version(app, version)
    app.full_clean()
    app.save()


# The steps ------------------------------------------------------------------------------------------------


def application_create(*, actor, person: Person, applied_on: datetime.date, note: str = "") -> Application:
    """A young person applies in writing to the branch they are registered with."""
    with transaction.atomic(), set_actor(actor):
        person = Person.objects.select_related("organization").get(pk=person.pk)
        branch = person.organization
        scope.require(actor, MANAGE_ADMISSION, branch)
        if branch.kind not in BRANCH_KINDS:
            raise ValidationError(
                _("Applications go to a branch; %(org)s is not a branch.") % {"org": branch.name},
                code="APPLICATION_NOT_TO_BRANCH",
            )
        if Membership.objects.filter(person=person).exists():
            raise ValidationError(_("%(name)s is already a member.") % {"name": person.name}, code="ALREADY_MEMBER")
        if Application.objects.filter(person=person).exclude(status__in=[S.ADMITTED, S.CLOSED]).exists():
            raise ValidationError(
                _("%(name)s already has an open application.") % {"name": person.name}, code="APPLICATION_OPEN"
            )
        if applied_on > timezone.localdate():
            raise field_error({"applied_on": _("The date lies in the future.")}, code="DATE_FUTURE")
        app = Application(person=person, organization=branch, applied_on=applied_on)
        _refuse_if_broken(app, Step.APPLY, rules.Facts(birth_date=person.birth_date))
        app.full_clean()
        app.save()
        _record(app, Step.APPLY, applied_on, actor, note)
    return app


def _dated_step(actor, app, step: str, on: datetime.date, field_name: str | None, version, note="", **changes):
    if on > timezone.localdate():
        raise field_error({"on": _("The date lies in the future.")}, code="DATE_FUTURE")
    with transaction.atomic(), set_actor(actor):
        row = _locked(app)
        require_step(actor, row, step)
        _move(row, step)
        if field_name:
            setattr(row, field_name, on)
        for name, value in changes.items():
            setattr(row, name, value)
        warnings = [v.message for v in _refuse_if_broken(row, step) if v.warning]
        _save(row, version)
        _record(row, step, on, actor, "\n".join([note, *warnings]).strip())
    return row


def application_interview(*, actor, application: Application, on: datetime.date, note: str = "", version=None):
    """The branch talks with the applicant (谈话), within a month of the application."""
    return _dated_step(actor, application, Step.INTERVIEW, on, "interviewed_on", version, note)


def application_activist(*, actor, application: Application, on: datetime.date, note: str = "", version=None):
    """The branch committee decides the applicant is an activist, filed with the committee above."""
    return _dated_step(actor, application, Step.ACTIVIST, on, "activist_on", version, note)


def application_training(
    *,
    actor,
    application: Application,
    on: datetime.date,
    guides: str,
    lesson_hours: Decimal,
    assessment: str,
    note: str = "",
    version=None,
):
    """Record the activist's guides, pre-admission lesson hours and political assessment (may be updated)."""
    if Decimal(lesson_hours) < 0:
        raise field_error({"lesson_hours": _("Lesson hours cannot be negative.")}, code="HOURS_NEGATIVE")
    return _dated_step(
        actor,
        application,
        Step.TRAINING,
        on,
        None,
        version,
        note,
        guides=guides.strip(),
        lesson_hours=Decimal(lesson_hours),
        assessment=assessment,
        assessed_on=on,
    )


def application_candidate(*, actor, application: Application, on: datetime.date, note: str = "", version=None):
    """The branch committee proposes the activist as a candidate (发展对象): the plan's prerequisites apply."""
    return _dated_step(actor, application, Step.CANDIDATE, on, "candidate_on", version, note)


def application_prereview(
    *, actor, application: Application, on: datetime.date, form_number: str, note: str = "", version=None
):
    """The committee above prereviews the candidate and issues the numbered admission form."""
    form_number = (form_number or "").strip()
    if not form_number:
        raise field_error({"form_number": _("Enter the admission form's number.")}, code="FORM_NUMBER_REQUIRED")
    if Application.objects.filter(form_number=form_number).exclude(pk=application.pk).exists():
        raise field_error({"form_number": _("This admission form number is already used.")}, code="FORM_NUMBER_USED")
    if application.candidate_on and on < application.candidate_on:
        raise field_error({"on": _("The prereview cannot come before the candidacy.")}, code="DATES_NOT_INCREASING")
    return _dated_step(actor, application, Step.PREREVIEW, on, "prereviewed_on", version, note, form_number=form_number)


def application_introducers(
    *, actor, application: Application, first: Person, second: Person, on: datetime.date, version=None
):
    """Name the two introducers: members in good standing, each in at most three candidacies of a batch."""
    return _dated_step(
        actor, application, Step.INTRODUCERS, on, None, version, "", introducer_1=first, introducer_2=second
    )


def meeting_hold(
    *,
    actor,
    branch: Organization,
    held_on: datetime.date,
    voting_members: int,
    present: int,
    chair: str,
    recorder: str,
    minutes: str,
    votes: dict[int, tuple[int, int, int]],
) -> GeneralMeeting:
    """A general meeting votes on several candidates at once, one vote per candidate. Candidates with more than
    half the yes votes pass; the others stay candidates, with the result on their timeline."""
    if held_on > timezone.localdate():
        raise field_error({"held_on": _("The date lies in the future.")}, code="DATE_FUTURE")
    if not votes:
        raise ValidationError(_("Choose the candidates the meeting voted on."), code="NO_CANDIDATES")
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_ADMISSION, branch)
        if present > voting_members:
            raise field_error(
                {"present": _("More members present than entitled to vote.")}, code="PRESENT_ABOVE_VOTING"
            )
        meeting = GeneralMeeting(
            organization=branch,
            held_on=held_on,
            voting_members=voting_members,
            present=present,
            chair=chair.strip(),
            recorder=recorder.strip(),
            minutes=minutes,
        )
        meeting.full_clean()
        meeting.save()
        apps = list(
            Application.objects.select_for_update(of=("self",))
            .select_related("person", "organization")
            .filter(pk__in=list(votes), organization=branch)
            .order_by("pk")
        )
        if len(apps) != len(votes):
            raise ValidationError(_("A candidate is not of this branch."), code="CANDIDATE_NOT_IN_BRANCH")
        for app in apps:
            _move(app, Step.MEETING)
            app.meeting = meeting
            app.votes_yes, app.votes_no, app.votes_abstain = votes[app.pk]
        problems = []
        for app in apps:
            violations = rules.check(
                app,
                policy_for(branch, held_on.year),
                facts_for(app, meeting_apps=apps),
                upto=Step.MEETING,
            )
            failed_vote = [v for v in violations if v.code == "MAJORITY_NOT_REACHED"]
            others = [v for v in rules.blocking(violations) if v.code != "MAJORITY_NOT_REACHED"]
            if others:
                problems.extend(ValidationError(f"{app.person.name}: {v.message}", code=v.code) for v in others)
                continue
            if failed_vote:
                # Not passed: the candidate stays a candidate for a later meeting; the result is on the timeline.
                app.status, app.meeting = S.CANDIDATE, None
                app.votes_yes = app.votes_no = app.votes_abstain = None
                app.version += 1
                app.save()
                _record(app, Step.MEETING, held_on, actor, failed_vote[0].message, sent_back=True)
            else:
                app.version += 1
                app.save()
                _record(
                    app,
                    Step.MEETING,
                    held_on,
                    actor,
                    _("%(yes)d yes, %(no)d no, %(abstain)d abstentions.")
                    % {"yes": app.votes_yes, "no": app.votes_no, "abstain": app.votes_abstain},
                )
        if problems:
            error = ValidationError(problems)
            error.code = problems[0].code
            raise error
    return meeting


def application_approve(*, actor, application: Application, on: datetime.date, note: str = "", version=None):
    """The committee above approves the admission: within the quota, a development number from its range,
    membership from the general meeting's date."""
    if on > timezone.localdate():
        raise field_error({"on": _("The date lies in the future.")}, code="DATE_FUTURE")
    with transaction.atomic(), set_actor(actor):
        row = _locked(application)
        require_step(actor, row, Step.APPROVE)
        _move(row, Step.APPROVE)
        row.approved_on = on
        row.approved_by = row.organization.parent or row.organization
        if row.person.organization_id != row.organization_id:
            raise ValidationError(
                _("%(name)s is no longer registered with %(branch)s.")
                % {"name": row.person.name, "branch": row.organization.name},
                code="APPLICANT_MOVED",
            )
        row.status = S.VOTED  # the quota rule reads the approval as still to come
        # Lock the quota the rule counts against before counting, so that two approvals at once cannot both
        # see the last free place (the lock of _draw_number comes too late for that).
        _quota_for(row.organization, row.meeting.held_on.year, lock=True)
        warnings = [v.message for v in _refuse_if_broken(row, Step.APPROVE) if v.warning]
        row.status = S.ADMITTED
        join = row.meeting.held_on
        row.development_number = _draw_number(row, join.year)
        _save(row, version)
        membership_register(actor=actor, person=row.person, join_date=join, development_number=row.development_number)
        _record(row, Step.APPROVE, on, actor, "\n".join([note or row.development_number, *warnings]))
    return row


def _draw_number(app: Application, year: int) -> str:
    """The next free development number of the year, from the nearest quota's range above the branch; the row
    lock on that quota (or on the county) makes concurrent approvals draw different numbers."""
    quota = _quota_for(app.organization, year, with_range=True, lock=True)
    used = set(
        Membership.objects.filter(development_number__startswith=str(year)).values_list("development_number", flat=True)
    ) | set(
        Application.objects.filter(development_number__startswith=str(year)).values_list(
            "development_number", flat=True
        )
    )
    if quota is not None:
        start = max(quota.next_number or quota.number_from, quota.number_from)
        number = int(start)
        while f"{number:012d}" in used:
            number += 1
        if number > int(quota.number_to):
            raise ValidationError(
                _("The development numbers of %(org)s (%(from)s–%(to)s) are used up.")
                % {"org": quota.organization.name, "from": quota.number_from, "to": quota.number_to},
                code="NUMBERS_USED_UP",
            )
        quota.next_number = f"{number + 1:012d}"
        quota.save(update_fields=["next_number", "updated_at"])
        return f"{number:012d}"
    Organization.objects.select_for_update().get(pk=county_of(app.organization).pk)
    taken = [int(n) for n in used if n and n.isdigit() and len(n) == 12]
    number = max(taken, default=year * 10**8) + 1
    return f"{number:012d}"


def application_ceremony(*, actor, ceremony: Ceremony, applications: list[Application]) -> Ceremony:
    """Link admitted members to the ceremony where they took the oath."""
    with transaction.atomic(), set_actor(actor):
        for app in applications:
            row = _locked(app)
            require_step(actor, row, Step.CEREMONY)
            _move(row, Step.CEREMONY)
            if row.approved_on and ceremony.held_on < row.approved_on:
                raise ValidationError(
                    _("The ceremony on %(day)s is before %(name)s's approval.")
                    % {"day": ceremony.held_on.isoformat(), "name": row.person.name},
                    code="DATES_NOT_INCREASING",
                )
            row.ceremony = ceremony
            row.version += 1
            row.save()
            _record(row, Step.CEREMONY, ceremony.held_on, actor, ceremony.place)
    return ceremony


def ceremony_create(*, actor, organization: Organization, applications: list[Application], **fields) -> Ceremony:
    """Record an admission ceremony for one or several new members."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_ADMISSION, organization)
        ceremony = Ceremony(organization=organization, **fields)
        ceremony.full_clean()
        ceremony.save()
        application_ceremony(actor=actor, ceremony=ceremony, applications=applications)
    return ceremony


def application_archive(*, actor, application: Application, on: datetime.date, form_file=None, version=None):
    """The signed admission form is archived (scanned copy attached)."""
    changes = {"form_file": form_file} if form_file else {}
    return _dated_step(actor, application, Step.ARCHIVE, on, "archived_on", version, "", **changes)


def application_send_back(*, actor, application: Application, reason: str, version=None) -> Application:
    """Send an application back one step, with the reason on its timeline."""
    reason = (reason or "").strip()
    if not reason:
        raise field_error({"reason": _("Say why the application goes back.")}, code="REASON_REQUIRED")
    with transaction.atomic(), set_actor(actor):
        row = _locked(application)
        scope.require(actor, MANAGE_ADMISSION, row.organization)
        back = SEND_BACK_TO.get(row.status)
        if back is None:
            raise ValidationError(_("This application cannot go back a step."), code="SEND_BACK_NOT_ALLOWED")
        cleared = {
            S.APPLIED: ("interviewed_on",),
            S.INTERVIEWED: ("activist_on",),
            S.ACTIVIST: ("candidate_on", "prereviewed_on"),
            S.CANDIDATE: ("votes_yes", "votes_no", "votes_abstain"),
        }[back]
        for name in cleared:
            setattr(row, name, None)
        if back == S.CANDIDATE:
            row.meeting = None
        if back == S.ACTIVIST:
            row.form_number = None
        row.status = back
        _save(row, version)
        _record(row, Step.SEND_BACK, timezone.localdate(), actor, reason, sent_back=True)
    return row


def application_close(*, actor, application: Application, reason: str, version=None) -> Application:
    """Close an application that will not go on (withdrawn, not admitted), with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise field_error({"reason": _("Say why the application is closed.")}, code="REASON_REQUIRED")
    with transaction.atomic(), set_actor(actor):
        row = _locked(application)
        scope.require(actor, MANAGE_ADMISSION, row.organization)
        if row.status in (S.ADMITTED, S.CLOSED):
            raise ValidationError(_("This application is already finished."), code="APPLICATION_FINISHED")
        row.status, row.closed_reason = S.CLOSED, reason[:200]
        _save(row, version)
        _record(row, Step.CLOSE, timezone.localdate(), actor, reason)
    return row


# Quotas ---------------------------------------------------------------------------------------------------


def _quota_for(organization: Organization, year: int, *, with_range: bool = False, lock: bool = False):
    """The nearest quota at or above the organization's committee (the approver) for the year."""
    paths = [
        organization.path[:i] for i in range(Organization.steplen, len(organization.path) + 1, Organization.steplen)
    ]
    qs = Quota.objects.filter(organization__path__in=paths, year=year).select_related("organization")
    if with_range:
        qs = qs.exclude(number_from="")
    if lock:
        qs = qs.select_for_update(of=("self",))
    return qs.order_by("-organization__path").first()


def quota_used(quota: Quota) -> int:
    """Admissions of the quota's year approved in its organization's subtree."""
    return Application.objects.filter(
        status=S.ADMITTED,
        meeting__held_on__year=quota.year,
        organization__path__range=subtree_range(quota.organization.path),
    ).count()


def quota_left(app: Application) -> int | None:
    year = app.meeting.held_on.year if app.meeting_id else (app.candidate_on or timezone.localdate()).year
    quota = _quota_for(app.organization, year)
    if quota is None:
        return None
    return quota.count - quota_used(quota)


def quota_set(
    *,
    actor,
    organization: Organization,
    year: int,
    count: int,
    number_from: str = "",
    number_to: str = "",
    version: int | None = None,
) -> Quota:
    """Hand an organization its year's quota: the county's by a county administrator, others by the committee
    above; children's quotas add up to at most the parent's, and number ranges nest and do not overlap."""
    number_from, number_to = (number_from or "").strip(), (number_to or "").strip()
    with transaction.atomic(), set_actor(actor):
        parent = organization.parent
        scope.require(actor, APPROVE_ADMISSION, parent or organization)
        problems = {}
        if (number_from or number_to) and not _valid_range(number_from, number_to, year):
            problems["number_from"] = _(
                "A range is two 12-digit numbers beginning with %(year)d, the first not above the last."
            ) % {"year": year}
        parent_quota = _quota_for(parent, year) if parent else None
        siblings = Quota.objects.filter(year=year, organization__parent=parent).exclude(organization=organization)
        if parent_quota is not None:
            given = sum(q.count for q in siblings.filter(organization__path__startswith=parent_quota.organization.path))
            if given + count > parent_quota.count:
                problems["count"] = _(
                    "%(org)s has %(total)d admissions for %(year)d and has handed out %(given)d; %(count)d more do "
                    "not fit."
                ) % {
                    "org": parent_quota.organization.name,
                    "total": parent_quota.count,
                    "year": year,
                    "given": given,
                    "count": count,
                }
            if (
                number_from
                and parent_quota.number_from
                and not (parent_quota.number_from <= number_from and number_to <= parent_quota.number_to)
            ):
                problems["number_from"] = _("The range must lie within %(from)s–%(to)s.") % {
                    "from": parent_quota.number_from,
                    "to": parent_quota.number_to,
                }
        children = Quota.objects.filter(year=year, organization__parent=organization)
        handed = sum(q.count for q in children)
        if count < handed:
            problems["count"] = _("%(handed)d admissions are already handed to the organizations below.") % {
                "handed": handed
            }
        if (
            number_from
            and siblings.filter(~Q(number_from=""), number_from__lte=number_to, number_to__gte=number_from).exists()
        ):
            problems["number_from"] = _("The range overlaps another organization's.")
        if problems:
            raise field_error(problems, code="QUOTA_INVALID")
        quota = Quota.objects.select_for_update().filter(organization=organization, year=year).first()
        if quota is None:
            quota = Quota(organization=organization, year=year)
        else:
            check_version(quota, version)
            used = quota_used(quota)
            if count < used:
                raise field_error(
                    {"count": _("%(used)d admissions are already approved this year.") % {"used": used}},
                    code="QUOTA_BELOW_USED",
                )
        quota.count, quota.number_from, quota.number_to = count, number_from, number_to
        quota.full_clean()
        quota.save()
    return quota


def _valid_range(first: str, last: str, year: int) -> bool:
    return all(len(n) == 12 and n.isdigit() and n[:4] == str(year) for n in (first, last)) and first <= last
