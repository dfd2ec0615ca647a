"""Every write of transfers (组织关系转接) and graduating classes (学社衔接): each step one transaction on the
locked row, refused when the page that asked for it is stale."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_LIFECYCLE, MANAGE_LIFECYCLE, VIEW_SELF
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.dates import add_months
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, STUDENT_SECTORS, Organization
from tuanwu.organizations.policy import policy_for, policy_set
from tuanwu.people.models import Membership, Person
from tuanwu.people.services import (
    membership_admit,
    membership_transfer,
    membership_transfer_out,
    person_create,
)
from tuanwu.people.workflow import MembershipStatus

from ..models.transfers import (
    OPEN_STATUSES,
    STAYING_DESTINATIONS,
    Destination,
    Graduate,
    GraduatingClass,
    Transfer,
    TransferPolicy,
    TransferStep,
)
from ..transfer_workflow import answering_side, first_status, target_status

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

Status = Transfer.Status
Action = TransferStep.Action
# 参军 and classified units go to the province's special register, outside any county's tree.
SPECIAL_REGISTER = "特殊单位专属库（省级团委审批）"


def transfer_policy(organization: Organization, year: int) -> TransferPolicy:
    """The transfer rules of the organization's county for a year (the defaults when it set none)."""
    return policy_for(TransferPolicy, organization, year)


def transfer_policy_set(
    *, actor: User, county: Organization, year: int, version: int | None = None, **fields: int
) -> TransferPolicy:
    """The county committee sets its transfer rules for a year: days to answer, the graduates' season, how long a
    school keeps unplaced graduates (the kept months never above the maximum)."""
    allowed = {f.name for f in TransferPolicy._meta.concrete_fields} - {"id", "organization", "year", "version"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    current = transfer_policy(county, year)
    kept = fields.get("kept_months", current.kept_months)
    kept_max = fields.get("kept_max_months", current.kept_max_months)
    if kept > kept_max or kept_max > 12 or fields.get("answer_days", current.answer_days) < 1:
        raise field_error(
            {"kept_months": _("Days to answer are at least 1; a school keeps unplaced graduates at most 12 months.")},
            code="TRANSFER_POLICY_INVALID",
        )
    return policy_set(
        TransferPolicy, actor=actor, perm=APPROVE_LIFECYCLE, county=county, year=year, version=version, **fields
    )


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _due(organization: Organization, day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=transfer_policy(organization, day.year).answer_days)


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _check_destination(origin: Organization | None, destination: Organization | None, external_name: str) -> None:
    if destination is None:
        if not external_name.strip():
            raise field_error(
                {"external_name": _("Name the receiving organization outside TuanWu, or pick one in TuanWu.")},
                code="TRANSFER_NO_DESTINATION",
            )
        return
    if destination.status != Organization.Status.ACTIVE:
        raise field_error({"destination": _("%(org)s is dissolved.") % {"org": destination.name}}, code="ORG_DISSOLVED")
    if origin is not None and destination.pk == origin.pk:
        raise field_error(
            {"destination": _("The member already belongs to %(org)s.") % {"org": destination.name}},
            code="TRANSFER_SAME_ORGANIZATION",
        )


def _membership(person: Person) -> Membership:
    membership = Membership.objects.select_for_update().filter(person=person).first()
    if membership is None or membership.status != MembershipStatus.NORMAL:
        raise _refuse(
            _("%(name)s is not a member in good standing; only members transfer.") % {"name": person.name},
            "TRANSFER_NOT_MEMBER",
        )
    if Transfer.objects.filter(person=person, status__in=OPEN_STATUSES).exists():
        raise _refuse(
            _("%(name)s already has a transfer under way; answer or let it lapse first.") % {"name": person.name},
            "TRANSFER_ALREADY_OPEN",
        )
    return membership


def _initiator(actor: User, person: Person, origin: Organization, destination: Organization | None) -> str:
    """Who starts it: the member on their own record, else the sending side, else the receiving side."""
    own = getattr(actor, "person_id", None) == person.pk and scope.has_any(actor, VIEW_SELF)
    if own and not scope.has_perm(actor, MANAGE_LIFECYCLE, origin):
        return Transfer.Initiator.MEMBER
    if scope.has_perm(actor, MANAGE_LIFECYCLE, origin):
        return Transfer.Initiator.SENDER
    if destination is not None and scope.has_perm(actor, MANAGE_LIFECYCLE, destination):
        return Transfer.Initiator.RECEIVER
    scope.require(actor, MANAGE_LIFECYCLE, origin)
    raise AssertionError("unreachable")


def _step(transfer: Transfer, action: str, actor: User | None, organization: Organization | None, reason="") -> None:
    TransferStep.objects.create(transfer=transfer, action=action, organization=organization, actor=actor, reason=reason)


def transfer_start(
    *,
    actor: User,
    person: Person,
    destination: Organization | None = None,
    external_name: str = "",
    reason: str = "",
    today: datetime.date | None = None,
) -> Transfer:
    """Start a member's transfer to an organization in TuanWu, or (destination None) to one outside the county
    named by external_name; started by the member, the sending side or the receiving side, it waits for the
    sending side's approval, to be answered within the county's days."""
    day = _today(today)
    with transaction.atomic(), set_actor(actor):
        row = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
        origin = row.organization
        initiator = _initiator(actor, row, origin, destination)
        _membership(row)
        _check_destination(origin, destination, external_name)
        transfer = Transfer(
            person=row,
            origin=origin,
            destination=destination,
            external_name="" if destination else external_name.strip(),
            direction=Transfer.Direction.WITHIN if destination else Transfer.Direction.OUT,
            initiator=initiator,
            status=first_status(Transfer.Direction.WITHIN),
            reason=reason,
            started_on=day,
            due_on=_due(origin, day),
        )
        transfer.full_clean()
        transfer.save()
        side = destination if initiator == Transfer.Initiator.RECEIVER else origin
        _step(transfer, Action.START, actor, side, reason)
        return transfer


def transfer_request_in(
    *,
    actor: User,
    destination: Organization,
    name: str,
    id_number: str,
    reason: str = "",
    today: datetime.date | None = None,
) -> Transfer:
    """The receiving side asks for a member of another organization in TuanWu, known by name and ID number (it
    cannot see the member's record): a mismatch answers as if there were no such member."""
    scope.require(actor, MANAGE_LIFECYCLE, destination)
    person = Person.objects.filter(id_number=id_number.strip().upper(), name=name.strip()).first()
    if person is None or not Membership.objects.filter(person=person, status=MembershipStatus.NORMAL).exists():
        raise field_error(
            {"id_number": _("No member with this name and ID number is registered in TuanWu.")},
            code="TRANSFER_MEMBER_NOT_FOUND",
        )
    return transfer_start(actor=actor, person=person, destination=destination, reason=reason, today=today)


def transfer_receive(
    *,
    actor: User,
    destination: Organization,
    external_name: str,
    letter_number: str,
    name: str,
    id_number: str,
    join_date: datetime.date,
    development_number: str = "",
    reason: str = "",
    today: datetime.date | None = None,
) -> Transfer:
    """Record a transfer letter from an organization outside the county: pending at the receiving side, which
    registers the member on accepting it."""
    day = _today(today)
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, MANAGE_LIFECYCLE, destination)
        missing = {
            key: _("This field is required.")
            for key, value in {"external_name": external_name, "name": name, "id_number": id_number}.items()
            if not value.strip()
        }
        if missing:
            raise field_error(missing, code="TRANSFER_LETTER_INCOMPLETE")
        if join_date > day:
            raise field_error({"join_date": _("The join date lies in the future.")}, code="JOIN_DATE_FUTURE")
        _check_destination(None, destination, external_name)
        transfer = Transfer(
            destination=destination,
            external_name=external_name.strip(),
            letter_number=letter_number.strip(),
            letter_name=name.strip(),
            letter_id_number=id_number.strip().upper(),
            letter_join_date=join_date,
            letter_development_number=development_number.strip(),
            direction=Transfer.Direction.IN,
            initiator=Transfer.Initiator.RECEIVER,
            status=first_status(Transfer.Direction.IN),
            reason=reason,
            started_on=day,
            due_on=_due(destination, day),
        )
        transfer.full_clean()
        transfer.save()
        _step(transfer, Action.START, actor, destination, reason)
        return transfer


def _lock(transfer: Transfer) -> Transfer:
    return (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("origin", "destination", "person")
        .get(pk=transfer.pk)
    )


def _check(row: Transfer, version: int | None, action: str) -> None:
    """Refuse a step the transfer's state does not allow, or asked for from a stale page."""
    to = target_status(action, row.status, row.direction)
    if to is None:
        raise _refuse(
            _("This step is not possible while the transfer is “%(status)s”.") % {"status": row.get_status_display()},
            "TRANSITION_NOT_ALLOWED",
        )
    refuse_stale(row, version)


def _close(row: Transfer, status: str, day: datetime.date) -> None:
    row.status = status
    row.closed_on = day
    row.due_on = None
    versioned_save(row)


def transfer_approve(
    *, actor: User, transfer: Transfer, version: int | None = None, reason: str = "", today: datetime.date | None = None
) -> Transfer:
    """The sending side (the committee over the member's branch) lets the member go: within the county the
    request passes to the receiving side; out of the county it completes, the member is kept as transferred out
    and the letter can be printed."""
    day = _today(today)
    with transaction.atomic(), set_actor(actor):
        row = _lock(transfer)
        if row.origin is None:
            raise _refuse(_("A transfer into the county has no sending side in TuanWu."), "TRANSITION_NOT_ALLOWED")
        scope.require(actor, APPROVE_LIFECYCLE, row.origin)
        _check(row, version, Action.APPROVE)
        _step(row, Action.APPROVE, actor, row.origin, reason)
        if row.direction == Transfer.Direction.OUT:
            assert row.person is not None
            membership_transfer_out(
                actor=actor,
                membership=Membership.objects.get(person=row.person),
                reason=_("Transferred to %(org)s") % {"org": row.external_name},
            )
            if not row.letter_number:
                row.letter_number = f"{day.year}{row.pk:06d}"
            _close(row, Status.COMPLETED, day)
        else:
            row.status = Status.AWAITING_RECEIVER
            row.due_on = _due(row.origin, day)
            versioned_save(row)
        return row


def transfer_accept(
    *,
    actor: User,
    transfer: Transfer,
    branch: Organization | None = None,
    version: int | None = None,
    reason: str = "",
    today: datetime.date | None = None,
) -> Transfer:
    """The receiving side takes the member in: into its branch, or, when it is above branch level, into the
    branch it assigns (one of its own); the member's record moves through the people services, which keep the
    step in the membership's history."""
    day = _today(today)
    with transaction.atomic(), set_actor(actor):
        row = _lock(transfer)
        if row.destination is None:
            raise _refuse(_("A transfer out of the county has no receiving side in TuanWu."), "TRANSITION_NOT_ALLOWED")
        scope.require(actor, MANAGE_LIFECYCLE, row.destination)
        _check(row, version, Action.ACCEPT)
        target = row.destination
        if target.kind not in BRANCH_KINDS:
            if branch is None:
                raise field_error(
                    {"branch": _("%(org)s is above branch level: assign one of its branches.") % {"org": target.name}},
                    code="TRANSFER_BRANCH_REQUIRED",
                )
            if branch.kind not in BRANCH_KINDS or not branch.path.startswith(target.path):
                raise field_error(
                    {
                        "branch": _("%(branch)s is not a branch of %(org)s.")
                        % {"branch": branch.name, "org": target.name}
                    },
                    code="TRANSFER_BRANCH_OUTSIDE",
                )
            target = branch
        if row.direction == Transfer.Direction.IN:
            person = person_create(
                actor=actor,
                organization=target,
                name=row.letter_name,
                id_number=row.letter_id_number,
                political_status="league_member",
            )
            assert row.letter_join_date is not None
            membership_admit(
                actor=actor,
                person=person,
                join_date=row.letter_join_date,
                development_number=row.letter_development_number or None,
                history=True,
            )
            row.person = person
        else:
            assert row.person is not None
            membership_transfer(
                actor=actor,
                membership=Membership.objects.get(person=row.person),
                organization=target,
                reason=_("Transfer from %(org)s") % {"org": row.from_name},
            )
        row.branch = target if target.pk != row.destination.pk else None
        _step(row, Action.ACCEPT, actor, row.destination, reason)
        _close(row, Status.COMPLETED, day)
        return row


def transfer_reject(
    *, actor: User, transfer: Transfer, reason: str, version: int | None = None, today: datetime.date | None = None
) -> Transfer:
    """The side whose turn it is refuses the transfer, giving a reason the member and the other side read."""
    day = _today(today)
    with transaction.atomic(), set_actor(actor):
        row = _lock(transfer)
        _check(row, version, Action.REJECT)
        if answering_side(row.status) == "sender":
            assert row.origin is not None
            side = row.origin
            scope.require(actor, APPROVE_LIFECYCLE, side)
        else:
            assert row.destination is not None
            side = row.destination
            scope.require(actor, MANAGE_LIFECYCLE, side)
        if not reason.strip():
            raise field_error({"reason": _("Give a reason for the rejection.")}, code="REASON_REQUIRED")
        _step(row, Action.REJECT, actor, side, reason.strip())
        _close(row, Status.REJECTED, day)
        return row


def transfers_lapse(*, today: datetime.date | None = None) -> list[Transfer]:
    """Close every request left unanswered past its due day as lapsed (the county's days to answer, 10 by
    default), each with a step saying which side did not answer; run by `tuanwu transfers lapse` and before any
    transfer list is shown."""
    day = _today(today)
    lapsed: list[Transfer] = []
    with transaction.atomic():
        rows = (
            Transfer.objects.select_for_update(of=("self",))
            .select_related("origin", "destination")
            .filter(status__in=OPEN_STATUSES, due_on__lt=day)
            .order_by("pk")
        )
        for row in rows:
            side = row.origin if answering_side(row.status) == "sender" else row.destination
            assert row.due_on is not None
            _step(
                row,
                Action.LAPSE,
                None,
                side,
                _("No answer from %(org)s by %(day)s.")
                % {"org": side.name if side else row.external_name, "day": row.due_on.isoformat()},
            )
            _close(row, Status.LAPSED, day)
            lapsed.append(row)
    return lapsed


# Graduating classes (学社衔接)


def graduating_class_set(
    *, actor: User, organization: Organization, expected_on: datetime.date, version: int | None = None
) -> GraduatingClass:
    """The committee above a school class branch marks its expected graduation date (预计毕业时间)."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, APPROVE_LIFECYCLE, organization)
        if organization.kind not in BRANCH_KINDS or organization.sector not in STUDENT_SECTORS:
            raise _refuse(
                _("%(name)s is not a school class branch: only those have a graduation date.")
                % {"name": organization.name},
                "ORG_NOT_SCHOOL_CLASS",
            )
        row = GraduatingClass.objects.select_for_update().filter(organization=organization).first()
        if row is None:
            row, version = GraduatingClass(organization=organization, expected_on=expected_on), None
        row.expected_on = expected_on
        versioned_save(row, expected=version)
        return row


def season(organization: Organization, year: int) -> tuple[datetime.date, datetime.date, datetime.date]:
    """The graduates' season of a year under the county's policy: opens, transfers started by, completed by."""
    policy = transfer_policy(organization, year)
    return (
        datetime.date(year, policy.season_opens_month, policy.season_opens_day),
        datetime.date(year, policy.start_by_month, policy.start_by_day),
        datetime.date(year, policy.finish_by_month, policy.finish_by_day),
    )


@dataclass(frozen=True)
class GraduatePlan:
    """Where the committee sends one graduate: the destination kind and the receiving organization (in TuanWu)
    or its name (outside); kept_until for the unplaced the school keeps."""

    person: Person
    destination: str
    organization: Organization | None = None
    external_name: str = ""
    kept_until: datetime.date | None = None
    note: str = ""


def _check_plan(plan: GraduatePlan, school: Organization, day: datetime.date, policy: TransferPolicy) -> None:
    name = plan.person.name
    if plan.destination not in Destination.values:
        raise _refuse(_("%(name)s: unknown destination.") % {"name": name}, "GRADUATE_DESTINATION_UNKNOWN")
    if plan.destination in STAYING_DESTINATIONS:
        if plan.organization is not None and not plan.organization.path.startswith(school.path):
            raise _refuse(
                _("%(name)s: the school keeps graduates studying abroad or deferred, in one of its own branches.")
                % {"name": name},
                "GRADUATE_STAYS_WITH_SCHOOL",
            )
        return
    if plan.destination == Destination.UNPLACED_KEPT:
        if plan.organization is None or not plan.organization.path.startswith(school.path):
            raise _refuse(
                _("%(name)s: a graduate kept by the school goes to its own flowing-members branch (流动团员团支部).")
                % {"name": name},
                "GRADUATE_KEPT_OUTSIDE_SCHOOL",
            )
        if plan.kept_until and plan.kept_until > add_months(day, policy.kept_max_months):
            raise _refuse(
                _("%(name)s: the school keeps an unplaced graduate at most %(months)d months.")
                % {"name": name, "months": policy.kept_max_months},
                "GRADUATE_KEPT_TOO_LONG",
            )
        return
    if plan.destination == Destination.MILITARY:
        return
    if plan.organization is None and not plan.external_name.strip():
        raise _refuse(
            _("%(name)s: name the receiving organization (the admitting school, the employer or the township).")
            % {"name": name},
            "GRADUATE_NO_DESTINATION",
        )
    target = plan.organization
    if plan.destination == Destination.FURTHER_STUDY and target is not None and target.path.startswith(school.path):
        raise _refuse(
            _("%(name)s: a graduate going on to study goes to the admitting school, not back to this one.")
            % {"name": name},
            "GRADUATE_STUDY_SAME_SCHOOL",
        )


def graduating_class_send(
    *,
    actor: User,
    graduating_class: GraduatingClass,
    plans: Sequence[GraduatePlan],
    today: datetime.date | None = None,
) -> list[Graduate]:
    """The committee sends a graduating class in the season, a destination per member: each transfer starts
    approved by the sending side (the committee itself), completes at once where the committee also receives
    (the school's own branches) or the member leaves the county, and otherwise waits for the receiving side.
    One bad row sends none, and the error names the member."""
    day = _today(today)
    with transaction.atomic(), set_actor(actor):
        gc = GraduatingClass.objects.select_for_update().select_related("organization").get(pk=graduating_class.pk)
        branch = gc.organization
        school = branch.parent or branch
        scope.require(actor, APPROVE_LIFECYCLE, branch)
        opens, _start_by, finish_by = season(branch, gc.expected_on.year)
        if not opens <= day <= finish_by:
            raise _refuse(
                _("The graduates' season of %(year)d runs from %(opens)s to %(finish)s.")
                % {"year": gc.expected_on.year, "opens": opens.isoformat(), "finish": finish_by.isoformat()},
                "GRADUATES_OUT_OF_SEASON",
            )
        policy = transfer_policy(branch, day.year)
        sent = set(Graduate.objects.filter(graduating_class=gc).values_list("person_id", flat=True))
        members = set(
            Membership.objects.filter(organization=branch, status=MembershipStatus.NORMAL).values_list(
                "person_id", flat=True
            )
        )
        for plan in plans:
            if plan.person.pk in sent:
                raise _refuse(_("%(name)s was sent already.") % {"name": plan.person.name}, "GRADUATE_SENT")
            if plan.person.pk not in members:
                raise _refuse(
                    _("%(name)s is not a member of %(branch)s.") % {"name": plan.person.name, "branch": branch.name},
                    "GRADUATE_NOT_IN_CLASS",
                )
            _check_plan(plan, school, day, policy)
        graduates = []
        for plan in plans:
            graduate = Graduate(
                graduating_class=gc,
                person=plan.person,
                destination=plan.destination,
                note=plan.note,
                kept_until=(plan.kept_until or add_months(day, policy.kept_months))
                if plan.destination == Destination.UNPLACED_KEPT
                else None,
            )
            if plan.destination not in STAYING_DESTINATIONS or plan.organization is not None:
                graduate.transfer = _send_one(actor, plan, school, day)
            graduate.full_clean()
            graduate.save()
            graduates.append(graduate)
        if gc.sent_on is None:
            gc.sent_on = day
            versioned_save(gc)
        return graduates


def _send_one(actor: User, plan: GraduatePlan, school: Organization, day: datetime.date) -> Transfer:
    external = plan.external_name.strip()
    if plan.destination == Destination.MILITARY and plan.organization is None:
        external = external or SPECIAL_REGISTER
    transfer = transfer_start(
        actor=actor,
        person=plan.person,
        destination=plan.organization,
        external_name=external,
        reason=str(Destination(plan.destination).label),
        today=day,
    )
    transfer = transfer_approve(actor=actor, transfer=transfer, today=day)
    target = plan.organization
    # The school's own flowing-members or abroad branch: the committee is both sides and receives at once.
    if target is None or transfer.status != Status.AWAITING_RECEIVER:
        return transfer
    own = target.path.startswith(school.path) and target.kind in BRANCH_KINDS
    if own and scope.has_perm(actor, MANAGE_LIFECYCLE, target):
        transfer = transfer_accept(actor=actor, transfer=transfer, today=day)
    return transfer
