"""Every write to people, memberships and cadre posts."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_EXIT, CHANGE_PERSON, VIEW_PERSONAL_DATA
from tuanwu.audit.models import AccessLog
from tuanwu.audit.services import access_log_record
from tuanwu.core.concurrency import refuse_stale, versioned_save
from tuanwu.core.dates import add_months, age_on
from tuanwu.core.errors import field_error
from tuanwu.core.idcard import parse_id_number
from tuanwu.core.names import name_keys
from tuanwu.core.phones import normalize_phone
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Organization

from .choices import IdType
from .models import CadrePost, Membership, MembershipEvent, MembershipFlag, Person
from .workflow import (
    AGE_OUT_AGE,
    FILED_EXITS,
    LAPSE_MONTHS,
    ExitKind,
    MembershipStatus,
    Transition,
    target_state,
)

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

PERSON_FIELDS = (
    "name",
    "id_type",
    "id_number",
    "gender",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "occupation",
    "unit",
    "phone",
    "email",
)
# Fields a person's page edits that the member import does not carry.
EXTRA_FIELDS = ("staff_number",)
PERSONAL_DATA_FIELDS = ("id_number", "phone")
# 智慧团建's development numbers: 4 digits of the join year, then 8 more (DOMAIN.md §4.11).
DEVELOPMENT_NUMBER_LENGTH = 12


def person_clean(fields: dict) -> tuple[dict, list[str]]:
    """Normalize a person's fields and cross-check them with the ID number; returns warnings too.

    Every problem is reported at once, each on its field. Used by the services and, row by row, by
    imports, so both apply the same rules.
    """
    fields = dict(fields)
    warnings: list[str] = []
    problems: dict[str, ValidationError] = {}
    fields["name"] = (fields.get("name") or "").strip()
    if not fields["name"]:
        problems["name"] = ValidationError(_("The name is required."), code="NAME_REQUIRED")
    if "phone" in fields:
        try:
            fields["phone"] = normalize_phone(fields["phone"])
        except ValidationError as e:
            problems["phone"] = ValidationError(" ".join(e.messages), code="PHONE_INVALID")
    number = (fields.get("id_number") or "").strip()
    if number and fields.get("id_type", IdType.RESIDENT) == IdType.RESIDENT:
        try:
            parsed = parse_id_number(number)
        except ValidationError as e:
            problems["id_number"] = ValidationError(" ".join(e.messages), code=e.code)
        else:
            fields["id_number"] = parsed.number
            warnings.extend(parsed.warnings)
            if fields.get("birth_date") and fields["birth_date"] != parsed.birth_date:
                problems["birth_date"] = ValidationError(
                    _("The birth date %(given)s differs from the ID number's %(derived)s.")
                    % {"given": fields["birth_date"].isoformat(), "derived": parsed.birth_date.isoformat()},
                    code="BIRTH_DATE_MISMATCH",
                )
            if fields.get("gender") and fields["gender"] != parsed.gender:
                problems["gender"] = ValidationError(
                    _("The gender differs from the one the ID number encodes."), code="GENDER_MISMATCH"
                )
            fields["birth_date"] = parsed.birth_date
            fields["gender"] = parsed.gender
    else:
        fields["id_number"] = number or None
    if problems:
        error = ValidationError({name: [e] for name, e in problems.items()})
        error.code = next(iter(problems.values())).code
        raise error
    fields["name_pinyin"], fields["name_initials"] = name_keys(fields["name"])
    return fields, warnings


def _check_id_unique(number: str | None, exclude_pk: int | None = None) -> None:
    others = Person.objects.filter(id_number=number)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if number and others.exists():
        # Do not say who holds it: the other person may be outside the user's scope.
        raise field_error({"id_number": _("This ID number is already registered.")}, code="ID_DUPLICATE")


def person_create(*, actor: User, organization: Organization, **fields) -> Person:
    """Register a person with an organization; the ID number fixes birth date and gender."""
    unknown = set(fields) - set(PERSON_FIELDS) - set(EXTRA_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    fields, warnings = person_clean(fields)
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, CHANGE_PERSON, organization)
        _check_id_unique(fields.get("id_number"))
        person = Person(organization=organization, **fields)
        person.full_clean()
        person.save()
    person.warnings = warnings
    return person


def person_update(*, actor: User, person: Person, version: int | None = None, **fields) -> Person:
    """Change a person's own fields (their organization changes by person_move)."""
    unknown = set(fields) - set(PERSON_FIELDS) - set(EXTRA_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic(), set_actor(actor):
        row = Person.objects.select_for_update().get(pk=person.pk)
        scope.require(actor, CHANGE_PERSON, row.organization)
        refuse_stale(row, version)
        merged = {name: getattr(row, name) for name in (*PERSON_FIELDS, *EXTRA_FIELDS)}
        merged.update(fields)
        if "id_number" in fields or "birth_date" in fields or "gender" in fields:
            # Let the ID number decide again rather than conflict with the stored values.
            for derived in ("birth_date", "gender"):
                if derived not in fields:
                    merged.pop(derived)
        cleaned, warnings = person_clean(merged)
        _check_id_unique(cleaned.get("id_number"), exclude_pk=row.pk)
        for name, value in cleaned.items():
            setattr(row, name, value)
        versioned_save(row)
    row.warnings = warnings
    return row


def person_move(*, actor: User, person: Person, organization: Organization) -> Person:
    """Register a person with another organization (a correction; transfers have their own workflow)."""
    with transaction.atomic(), set_actor(actor):
        row = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
        scope.require(actor, CHANGE_PERSON, row.organization)
        scope.require(actor, CHANGE_PERSON, organization)
        membership = Membership.objects.select_for_update().filter(person=row).first()
        if membership and membership.is_active and organization.kind not in BRANCH_KINDS:
            raise ValidationError(
                _("Members belong to a branch; %(org)s is not a branch.") % {"org": organization.name},
                code="MEMBER_NOT_IN_BRANCH",
            )
        if organization.status != Organization.Status.ACTIVE:
            raise ValidationError(_("%(org)s is dissolved.") % {"org": organization.name}, code="ORG_DISSOLVED")
        row.organization = organization
        versioned_save(row, update_fields=["organization", "updated_at"])
        if membership:
            membership.organization = organization
            versioned_save(membership, update_fields=["organization", "updated_at"])
        return row


def membership_transfer(
    *, actor: User, membership: Membership, organization: Organization, reason: str = ""
) -> Membership:
    """Move a member to the branch that accepted their transfer (组织关系转接), with a step in the membership's
    history; the receiving side decides, so the actor needs rights there only (the sending side approved before)."""
    with transaction.atomic(), set_actor(actor):
        row = Membership.objects.select_for_update().select_related("person", "organization").get(pk=membership.pk)
        scope.require(actor, CHANGE_PERSON, organization)
        if not row.is_active:
            raise ValidationError(
                _("%(name)s is no longer a member (%(status)s).")
                % {"name": row.person.name, "status": row.get_status_display()},
                code="NOT_A_MEMBER",
            )
        if organization.kind not in BRANCH_KINDS:
            raise ValidationError(
                _("Members belong to a branch; %(org)s is not a branch.") % {"org": organization.name},
                code="MEMBER_NOT_IN_BRANCH",
            )
        if organization.status != Organization.Status.ACTIVE:
            raise ValidationError(_("%(org)s is dissolved.") % {"org": organization.name}, code="ORG_DISSOLVED")
        person = Person.objects.select_for_update().get(pk=row.person_id)
        person.organization = organization
        versioned_save(person, update_fields=["organization", "updated_at"])
        MembershipEvent.objects.create(
            membership=row,
            organization=organization,
            transition=Transition.TRANSFER,
            from_status=row.status,
            to_status=row.status,
            actor=actor,
            reason=reason or _("From %(org)s") % {"org": row.organization.name},
        )
        row.organization = organization
        versioned_save(row, update_fields=["organization", "updated_at"])
        return row


def membership_transfer_out(*, actor: User, membership: Membership, reason: str = "") -> Membership:
    """Mark a member transferred out of the county (to an organization not in TuanWu): the record stays with its
    branch as history and no longer counts as a member."""
    with transaction.atomic(), set_actor(actor):
        row = Membership.objects.select_for_update().select_related("person", "organization").get(pk=membership.pk)
        scope.require(actor, CHANGE_PERSON, row.organization)
        if row.status != MembershipStatus.NORMAL:
            raise ValidationError(
                _("This step is not possible while the membership is “%(status)s”.")
                % {"status": row.get_status_display()},
                code="TRANSITION_NOT_ALLOWED",
            )
        MembershipEvent.objects.create(
            membership=row,
            organization=row.organization,
            transition=Transition.TRANSFER_OUT,
            from_status=row.status,
            to_status=MembershipStatus.TRANSFERRED_OUT,
            actor=actor,
            reason=reason,
        )
        row.status = MembershipStatus.TRANSFERRED_OUT
        row.status_changed_on = timezone.localdate()
        versioned_save(row, update_fields=["status", "status_changed_on", "updated_at"])
        return row


# The rules a join recorded about the past is held to. History (a roster imported, a past join entered by hand)
# is recorded as it was: a join that broke a rule then is kept all the same, flagged on the membership with the
# rule's code; only malformed data is refused. Member development supplies the rules when the apps load (people
# sit below it): a factory of checkers (organization, birth date, join date, number, shared) -> [(code, message)].
JoinRules = Callable[[Organization, datetime.date, datetime.date, str | None, bool], list[tuple[str, str]]]
_JOIN_RULES: dict[str, Callable[[], JoinRules]] = {}
NUMBER_SHARED = "NUMBER_SHARED"


def register_join_rules(name: str, factory: Callable[[], JoinRules]) -> None:
    _JOIN_RULES[name] = factory


def join_rules() -> JoinRules:
    """One checker over every registered rule set, for many joins (each set may cache its policies)."""
    checkers = [factory() for factory in _JOIN_RULES.values()]

    def findings(organization, birth_date, join_date, number, shared):
        return [f for check in checkers for f in check(organization, birth_date, join_date, number, shared)]

    return findings


def development_number_clean(number: str | None) -> str | None:
    """The number's form, whatever the join: digits only, 12 of them (None when empty). A number that fails this
    is malformed data, refused even in a roster of the past."""
    number = (number if number and number.isascii() else unicodedata.normalize("NFKC", number or "")).strip()
    if not number:
        return None
    if not (number.isascii() and number.isdigit()):
        raise field_error(
            {"development_number": _("The development number has digits only.")}, code="DEV_NUMBER_FORMAT"
        )
    if len(number) != DEVELOPMENT_NUMBER_LENGTH:
        raise field_error(
            {
                "development_number": _("The development number has %(n)d digits, not %(m)d.")
                % {"n": DEVELOPMENT_NUMBER_LENGTH, "m": len(number)}
            },
            code="DEV_NUMBER_LENGTH",
        )
    return number


def check_development_number(number: str | None, join_date: datetime.date) -> str | None:
    """12 digits, the first four the join year; required for joins from 2017 (智慧团建's rules)."""
    number = development_number_clean(number)
    if not number:
        if join_date >= datetime.date(2017, 1, 1):
            raise field_error(
                {"development_number": _("Members who joined from 2017 on need a development number.")},
                code="DEV_NUMBER_REQUIRED",
            )
        return None
    if number[:4] != f"{join_date.year:04d}":
        raise field_error(
            {
                "development_number": _("The development number must begin with the join year %(year)d.")
                % {"year": join_date.year}
            },
            code="DEV_NUMBER_YEAR",
        )
    return number


def membership_register(
    *, actor: User, person: Person, join_date: datetime.date, development_number: str | None = None
) -> Membership:
    """Record that a person already is a League member (data entry of history: joins before the current year).

    A join of the current year is a new admission: it goes through the admission workflow, whose rules (age,
    quota, number range, …) cannot be skipped by entering the member directly."""
    today = timezone.localdate()
    if join_date > today:
        raise field_error({"join_date": _("The join date lies in the future.")}, code="JOIN_DATE_FUTURE")
    if join_date.year >= today.year:
        raise field_error(
            {
                "join_date": _(
                    "Joins of %(year)d are admissions: record them through the admission workflow "
                    "(application to approval), which applies the admission rules. Direct entry is for members "
                    "who joined before %(year)d."
                )
                % {"year": today.year}
            },
            code="JOIN_NEEDS_ADMISSION",
        )
    return membership_admit(
        actor=actor, person=person, join_date=join_date, development_number=development_number, history=True
    )


def membership_admit(
    *,
    actor: User,
    person: Person,
    join_date: datetime.date,
    development_number: str | None = None,
    history: bool = False,
) -> Membership:
    """Register the membership of an admission the committee above approved (called by the admission
    workflow, which has applied the rules), or of a past join entered as history (history=True: a rule the join
    broke then is flagged on the membership, as an import does; a malformed number is still refused)."""
    with transaction.atomic(), set_actor(actor):
        row = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
        scope.require(actor, CHANGE_PERSON, row.organization)
        if row.organization.kind not in BRANCH_KINDS:
            raise ValidationError(
                _("Members belong to a branch; %(org)s is not a branch.") % {"org": row.organization.name},
                code="MEMBER_NOT_IN_BRANCH",
            )
        if Membership.objects.filter(person=row).exists():
            raise ValidationError(_("%(name)s is already a member.") % {"name": row.name}, code="ALREADY_MEMBER")
        if join_date > timezone.localdate():
            raise field_error({"join_date": _("The join date lies in the future.")}, code="JOIN_DATE_FUTURE")
        holders: list[Membership] = []
        if history:
            number = development_number_clean(development_number)
            if number:
                holders = list(Membership.objects.select_for_update().filter(development_number=number))
            findings = join_rules()(row.organization, row.birth_date, join_date, number, bool(holders))
        else:
            number = check_development_number(development_number, join_date)
            if number and Membership.objects.filter(development_number=number).exists():
                raise field_error(
                    {"development_number": _("This development number is already used.")},
                    code="DEV_NUMBER_DUPLICATE",
                )
            findings = []
        membership = Membership(
            person=row,
            organization=row.organization,
            join_date=join_date,
            development_number=number,
            number_shared=bool(holders),
        )
        membership.full_clean(validate_constraints=False)
        membership.save()
        shared = [message for code, message in findings if code == NUMBER_SHARED]
        for holder in holders:
            if not holder.number_shared:
                holder.number_shared = True
                holder.save(update_fields=["number_shared"])
            MembershipFlag.objects.get_or_create(
                membership=holder, code=NUMBER_SHARED, defaults={"message": (shared or [""])[0][:300]}
            )
        MembershipFlag.objects.bulk_create(
            [MembershipFlag(membership=membership, code=code, message=message[:300]) for code, message in findings]
        )
        MembershipEvent.objects.create(
            membership=membership,
            organization=row.organization,
            transition=Transition.REGISTER,
            to_status=MembershipStatus.NORMAL,
            actor=actor,
        )
        return membership


def _step(
    *,
    actor: User,
    membership: Membership,
    transition: str,
    perm_org,
    perm: str,
    reason: str,
    exit_kind: str | None = None,
    evidence: dict | None = None,
) -> Membership:
    with transaction.atomic(), set_actor(actor):
        row = Membership.objects.select_for_update().select_related("organization", "person").get(pk=membership.pk)
        org = row.organization
        target_org = perm_org(org)
        if target_org is None:
            raise ValidationError(_("No committee above this branch can approve."), code="NO_APPROVER")
        scope.require(actor, perm, target_org)
        to = target_state(transition, row.status, exit_kind)
        if to is None:
            raise ValidationError(
                _("This step is not possible while the membership is “%(status)s”.")
                % {"status": row.get_status_display()},
                code="TRANSITION_NOT_ALLOWED",
            )
        if transition == Transition.EXIT_REJECT and not reason.strip():
            raise field_error({"reason": _("Give a reason for the rejection.")}, code="REASON_REQUIRED")
        event_org = org
        if transition == Transition.EXIT_REQUEST:
            _check_exit(row, exit_kind, evidence or {})
            if exit_kind in FILED_EXITS:
                # 退团: the branch meeting decides; the committee above has it on file (备案), it does not approve.
                if org.parent is None:
                    raise ValidationError(_("No committee above this branch can approve."), code="NO_APPROVER")
                transition, to, event_org = Transition.EXIT_FILE, FILED_EXITS[exit_kind], org.parent
        MembershipEvent.objects.create(
            membership=row,
            organization=event_org,
            transition=transition,
            from_status=row.status,
            to_status=to,
            actor=actor,
            reason=reason,
            **(evidence or {}),
        )
        row.status = to
        row.status_changed_on = timezone.localdate()
        versioned_save(row, update_fields=["status", "status_changed_on", "updated_at"])
        return row


def _check_exit(row: Membership, exit_kind: str | None, evidence: dict) -> None:
    """The rules of an exit request: age-out from the 28th birthday and without a League post; lapse with six
    months without dues and without organizational life, declared by their last dates."""
    today = timezone.localdate()
    if exit_kind == ExitKind.AGE_OUT:
        age = age_on(row.person.birth_date, today)
        if age < AGE_OUT_AGE:
            raise ValidationError(
                _("%(name)s is %(age)d; a member ages out from the %(min)dth birthday on.")
                % {"name": row.person.name, "age": age, "min": AGE_OUT_AGE},
                code="AGE_OUT_UNDER_28",
            )
        if CadrePost.objects.filter(person=row.person, until__isnull=True).exists():
            raise ValidationError(
                _("%(name)s holds a League post; a member holding a post does not age out.")
                % {"name": row.person.name},
                code="AGE_OUT_HOLDS_POST",
            )
    if exit_kind == ExitKind.LAPSE:
        labels = {
            "last_dues_on": _("TuanWu keeps no dues records yet: give the date of the last dues paid."),
            "last_org_life_on": _(
                "TuanWu keeps no organizational-life records yet: give the date of the last organizational life "
                "attended."
            ),
        }
        missing = {name: message for name, message in labels.items() if not evidence.get(name)}
        if missing:
            raise field_error(missing, code="LAPSE_EVIDENCE_MISSING")
        limit = add_months(today, -LAPSE_MONTHS)
        recent = {
            name: _("%(day)s is less than %(months)d months ago; a lapse needs %(months)d months without it.")
            % {"day": evidence[name].isoformat(), "months": LAPSE_MONTHS}
            for name in labels
            if evidence[name] > limit
        }
        if recent:
            raise field_error(recent, code="LAPSE_UNDER_6_MONTHS")


def membership_exit_request(
    *,
    actor: User,
    membership: Membership,
    exit_kind: str,
    reason: str = "",
    last_dues_on: datetime.date | None = None,
    last_org_life_on: datetime.date | None = None,
) -> Membership:
    """The branch asks for a member's exit (age-out, lapse, expulsion), which waits for the committee above to
    approve; a withdrawal (退团) is decided by the branch and filed with the committee above. Age-out and lapse
    are checked against their rules; a lapse keeps its declared evidence."""
    evidence = {}
    if exit_kind == ExitKind.LAPSE:
        evidence = {"last_dues_on": last_dues_on, "last_org_life_on": last_org_life_on}
    return _step(
        actor=actor,
        membership=membership,
        transition=Transition.EXIT_REQUEST,
        perm_org=lambda o: o,
        perm=CHANGE_PERSON,
        reason=reason,
        exit_kind=exit_kind,
        evidence=evidence,
    )


def membership_exit_approve(*, actor: User, membership: Membership, reason: str = "") -> Membership:
    """The committee above the branch approves a pending exit."""
    return _step(
        actor=actor,
        membership=membership,
        transition=Transition.EXIT_APPROVE,
        perm_org=lambda o: o.parent,
        perm=APPROVE_EXIT,
        reason=reason,
    )


def membership_exit_reject(*, actor: User, membership: Membership, reason: str) -> Membership:
    """The committee above the branch rejects a pending exit; the member stays a member."""
    return _step(
        actor=actor,
        membership=membership,
        transition=Transition.EXIT_REJECT,
        perm_org=lambda o: o.parent,
        perm=APPROVE_EXIT,
        reason=reason,
    )


def membership_restore(*, actor: User, membership: Membership, reason: str) -> Membership:
    """The committee above restores a lapsed member, or an expelled one whose expulsion was revoked on appeal
    (恢复团籍), while the member is under the age-out age."""
    age = age_on(membership.person.birth_date, timezone.localdate())
    if age >= AGE_OUT_AGE:
        raise ValidationError(
            _("%(name)s is %(age)d; a member of %(min)d or more cannot be restored.")
            % {"name": membership.person.name, "age": age, "min": AGE_OUT_AGE},
            code="RESTORE_OVER_AGE",
        )
    if not reason.strip():
        raise field_error({"reason": _("Give the reason for the restoration.")}, code="REASON_REQUIRED")
    return _step(
        actor=actor,
        membership=membership,
        transition=Transition.RESTORE,
        perm_org=lambda o: o.parent,
        perm=APPROVE_EXIT,
        reason=reason,
    )


def cadre_post_add(
    *,
    actor: User,
    person: Person,
    organization: Organization,
    post: str,
    kind: str,
    since: datetime.date,
    post_title: str = "",
    in_party_committee: bool = False,
) -> CadrePost:
    """Appoint a person to a post on an organization."""
    with transaction.atomic(), set_actor(actor):
        scope.require(actor, CHANGE_PERSON, organization)
        scope.require(actor, CHANGE_PERSON, person.organization)
        if CadrePost.objects.filter(person=person, organization=organization, post=post, until__isnull=True).exists():
            raise ValidationError(_("%(name)s already holds this post.") % {"name": person.name}, code="POST_HELD")
        row = CadrePost(
            person=person,
            organization=organization,
            post=post,
            kind=kind,
            since=since,
            post_title=post_title,
            in_party_committee=in_party_committee,
        )
        row.full_clean()
        row.save()
        return row


def cadre_post_end(*, actor: User, post: CadrePost, until: datetime.date) -> CadrePost:
    """End a post on a date (kept in the record as history)."""
    with transaction.atomic(), set_actor(actor):
        row = CadrePost.objects.select_for_update().select_related("organization").get(pk=post.pk)
        scope.require(actor, CHANGE_PERSON, row.organization)
        if row.until is not None:
            raise ValidationError(_("This post has already ended."), code="POST_ENDED")
        if until < row.since:
            raise field_error({"until": _("The end date lies before the start date.")}, code="POST_DATES")
        row.until = until
        versioned_save(row, update_fields=["until", "updated_at"])
        return row


def person_reveal(*, actor: User, person: Person, remote_addr: str | None = None) -> dict[str, str]:
    """The person's ID number and phone in clear, for a user allowed to see them; the access is logged."""
    with transaction.atomic():
        if not Person.objects.filter(scope.person_q(actor, VIEW_PERSONAL_DATA), pk=person.pk).exists():
            raise PermissionDenied
        access_log_record(
            actor=actor,
            action=AccessLog.Action.VIEW,
            organization=person.organization,
            person=person,
            fields=list(PERSONAL_DATA_FIELDS),
            remote_addr=remote_addr,
        )
        return {name: getattr(person, name) or "" for name in PERSONAL_DATA_FIELDS}


def person_search_record(
    *, actor: scope.Viewer, matches, fields: list[str], remote_addr: str | None = None
) -> AccessLog | None:
    """Log a search of the people list by ID number or phone (a use of personal data), with whom it found:
    the person when exactly one matched. The caller has limited matches to where actor holds the right."""
    found = list(matches.values_list("pk", flat=True)[:2])
    rows = matches.count() if len(found) > 1 else len(found)
    person = Person.objects.select_related("organization").get(pk=found[0]) if len(found) == 1 else None
    organization = (
        person.organization
        if person
        else Organization.objects.filter(path__in=scope.root_paths(actor, VIEW_PERSONAL_DATA)).order_by("path").first()
    )
    if organization is None:
        return None
    what = _("ID number") if fields == ["id_number"] else _("phone") if fields == ["phone"] else _("ID number or phone")
    return access_log_record(
        actor=actor,
        action=AccessLog.Action.SEARCH,
        organization=organization,
        person=person,
        subject=_("Search by %(what)s, %(n)d found") % {"what": what, "n": rows} + (f": {person}" if person else ""),
        fields=fields,
        rows=rows,
        remote_addr=remote_addr,
    )
