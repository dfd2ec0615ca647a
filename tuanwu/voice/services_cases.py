"""Every write of a 青年之声 case: filing on the public page, the handlers' steps (take, reply, note, hand over,
transfer, resolve, follow up), the escalation of overdue cases up the tree, and what the asker does with the
tracking code (add, rate, reopen). Each step is a CaseEvent written in the same transaction."""

from __future__ import annotations

import datetime
import secrets

from auditlog.context import set_actor
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.models import RoleAssignment, User
from tuanwu.accounts.roles import MANAGE_VOICE, permissions_of
from tuanwu.core.phones import normalize_phone
from tuanwu.numbering.services import next_number
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.policy import policy_for
from tuanwu.organizations.selectors import county_of

from .models import CLOSED_STATUSES, Case, CaseEvent, VoicePolicy
from .workdays import Calendar, CalendarMissing, add_workdays, calendar_load

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read out over the phone
CODE_LENGTH = 8
DESCRIPTION_MAX = 5000
TEXT_MAX = 5000


def policy_of(organization: Organization, year: int) -> VoicePolicy:
    """The county's time limits for cases filed in a year (the defaults when it set none)."""
    return policy_for(VoicePolicy, organization, year)


def resolution_days(policy: VoicePolicy, category: str) -> int:
    """The working days within which a case of the category is to be resolved."""
    days: dict[str, int] = {
        Case.Category.CONSULT: policy.consult_days,
        Case.Category.HELP: policy.help_days,
        Case.Category.SUGGESTION: policy.suggestion_days,
    }
    return days.get(category, policy.rights_days)


def _local_date(at: datetime.datetime) -> datetime.date:
    return timezone.localtime(at).date()


def _due(start: datetime.date, days: int, calendar: Calendar) -> datetime.date | None:
    """The deadline, or None while it would fall in a year without a holiday table (never guessed)."""
    try:
        return add_workdays(start, days, calendar)
    except CalendarMissing:
        return None


def _event(case: Case, kind: str, *, actor=None, body: str = "", public: bool = False, **extra) -> CaseEvent:
    event = CaseEvent(
        case=case,
        kind=kind,
        at=timezone.now(),
        actor=actor if isinstance(actor, User) and actor.pk else None,
        body=body,
        public=public,
        **extra,
    )
    event.full_clean()
    event.save()
    return event


def _text(value: str, field: str, *, required: bool = True, limit: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")}, code="REQUIRED")
    if len(value) > limit:
        raise ValidationError({field: _("At most %(limit)s characters, please.") % {"limit": limit}}, code="TOO_LONG")
    return value


def default_organization() -> Organization:
    """The county committee: where a case goes when the asker names no organization."""
    county = Organization.objects.filter(parent=None, status=Organization.Status.ACTIVE).order_by("path").first()
    if county is None:
        raise ValidationError(_("No county committee has been set up yet."), code="NO_COUNTY")
    return county


def case_file(
    *,
    category: str,
    description: str,
    subtype: str = "",
    organization: Organization | None = None,
    unit_text: str = "",
    anonymous: bool = False,
    contact_name: str = "",
    contact_phone: str = "",
    consent_publish: bool = False,
    uploads: list | None = None,
    channel: str = Case.Channel.WEB,
    external_reference: str = "",
    filed_at: datetime.datetime | None = None,
) -> tuple[Case, str]:
    """Receive a case from the public page (no account): routed to the organization named or the county, due by
    the county's limits; returns the case and its secret code, which is stored only as a hash."""
    if category not in Case.Category.values:
        raise ValidationError({"category": _("Choose a category.")}, code="CASE_CATEGORY")
    if category == Case.Category.RIGHTS:
        subtype = subtype or Case.Subtype.OTHER
        if subtype not in Case.Subtype.values:
            raise ValidationError({"subtype": _("Choose the kind of rights claim.")}, code="CASE_SUBTYPE")
    else:
        subtype = ""
    description = _text(description, "description", limit=DESCRIPTION_MAX)
    unit_text = _text(unit_text, "unit_text", required=False, limit=200)
    if anonymous:
        contact_name, contact_phone = "", ""
    contact_name = _text(contact_name, "contact_name", required=False, limit=50)
    try:
        contact_phone = normalize_phone(contact_phone)
    except ValidationError as e:
        raise ValidationError({"contact_phone": e.messages}, code="PHONE_INVALID") from e
    if organization is not None and organization.status != Organization.Status.ACTIVE:
        organization = None
    target = organization or default_organization()
    from .attachments import attachments_store, check_uploads

    photos = check_uploads(list(uploads or []))
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = filed_at or timezone.now()
    with transaction.atomic():
        county = county_of(target)
        year = _local_date(now).year
        number = next_number("voice_case", county.code, year)
        policy = policy_of(target, year)
        calendar = calendar_load()
        today = _local_date(now)
        case = Case(
            number=f"QS{year}{number:06d}",
            channel=channel,
            external_reference=external_reference,
            secret_hash=make_password(code),
            category=category,
            subtype=subtype,
            organization=target,
            unit_text=unit_text,
            description=description,
            anonymous=anonymous,
            contact_name=contact_name,
            contact_phone=contact_phone,
            consent_publish=consent_publish,
            filed_at=now,
            first_response_due=_due(today, policy.first_response_days, calendar),
            resolution_due=_due(today, resolution_days(policy, category), calendar),
        )
        case.full_clean()
        case.save()
        _event(case, CaseEvent.Kind.FILED, public=True, to_organization=target)
        attachments_store(case, photos)
    return case, code


def case_verify(number: str, code: str) -> Case | None:
    """The case the tracking number and secret code open, or None (a wrong code and an unknown number alike)."""
    case = Case.objects.filter(number=(number or "").strip().upper()).first()
    normalized = (code or "").strip().upper().replace(" ", "")
    if case is None:
        make_password(normalized)  # as slow as a real check, so timing does not tell numbers that exist
        return None
    return case if check_password(normalized, case.secret_hash) else None


# -- the handlers' steps -------------------------------------------------------------------------------------


def _require_handler(actor: User, case: Case) -> None:
    """404 for whoever may not see the case, 403 for a viewer who may not handle it."""
    if not scope.has_perm(actor, MANAGE_VOICE, case.organization):
        from tuanwu.accounts.roles import VIEW_VOICE

        if scope.has_perm(actor, VIEW_VOICE, case.organization):
            raise PermissionDenied(_("You may see this case but not handle it."))
        from django.http import Http404

        raise Http404


def _above_owner(actor: User, case: Case) -> bool:
    """Whether actor holds MANAGE_VOICE above the case's organization (the line above may step in)."""
    return any(
        MANAGE_VOICE in g.permissions and case.organization.path.startswith(g.path) and g.path != case.organization.path
        for g in scope.grants(actor)
    )


def _require_owner(actor: User, case: Case) -> None:
    """首接负责: once taken, only the owner (or the line above) acts on the case until it is handed over."""
    _require_handler(actor, case)
    if case.owner_id and case.owner_id != actor.pk and not _above_owner(actor, case):
        raise PermissionDenied(
            _("%(owner)s is in charge of this case: ask for it to be handed over to you.") % {"owner": case.owner}
        )


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("organization").get(pk=case.pk)


def _take_if_free(actor: User, case: Case) -> None:
    if case.owner_id is None:
        case.owner = actor
        if case.status == Case.Status.NEW:
            case.status = Case.Status.HANDLING
        _event(case, CaseEvent.Kind.TAKEN, actor=actor, to_user=actor)


def _require_open(case: Case) -> None:
    if case.status == Case.Status.MERGED:
        raise ValidationError(
            _("The case was merged into %(number)s: act there.") % {"number": case.merged_into}, code="CASE_MERGED"
        )
    if case.status == Case.Status.RESOLVED:
        raise ValidationError(_("The case has been resolved; it can only be reopened."), code="CASE_RESOLVED")


def case_take(*, actor: User, case: Case, version: int | None = None) -> Case:
    """The first handler who takes a case owns it (首接负责) until handing it over explicitly."""
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_handler(actor, case)
        _require_open(case)
        if case.owner_id and case.owner_id != actor.pk:
            raise PermissionDenied(_("%(owner)s is in charge of this case already.") % {"owner": case.owner})
        if version is not None and int(version) != case.version:
            from tuanwu.core.concurrency import refuse_stale

            refuse_stale(case, version)
        _take_if_free(actor, case)
        _save(case)
    return case


def _save(case: Case) -> None:
    case.version += 1
    case.full_clean()
    case.save()


def case_reply(*, actor: User, case: Case, body: str) -> CaseEvent:
    """A reply the asker reads; the first one is the first response. Replying to a free case takes it."""
    body = _text(body, "body")
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_owner(actor, case)
        _require_open(case)
        _take_if_free(actor, case)
        event = _event(case, CaseEvent.Kind.REPLY, actor=actor, body=body, public=True)
        if case.first_response_at is None:
            case.first_response_at = event.at
        _save(case)
    return event


def case_note(*, actor: User, case: Case, body: str) -> CaseEvent:
    """An internal note for the handlers and the line above; never shown to the asker."""
    body = _text(body, "body")
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_handler(actor, case)
        return _event(case, CaseEvent.Kind.NOTE, actor=actor, body=body, public=False)


def case_handover(*, actor: User, case: Case, to_user: User, reason: str) -> Case:
    """Hand the case explicitly to another handler of its organization, with a reason."""
    reason = _text(reason, "reason")
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_owner(actor, case)
        _require_open(case)
        if not scope.has_perm(to_user, MANAGE_VOICE, case.organization):
            raise ValidationError(
                {
                    "to_user": _("%(user)s does not handle the cases of %(org)s.")
                    % {"user": to_user, "org": case.organization}
                },
                code="CASE_NOT_HANDLER",
            )
        case.owner = to_user
        case.status = Case.Status.HANDLING
        _event(case, CaseEvent.Kind.HANDED_OVER, actor=actor, body=reason, to_user=to_user)
        _save(case)
    return case


def case_transfer(*, actor: User, case: Case, to_organization: Organization, reason: str) -> Case:
    """Send the case to another organization with a reason: its handlers take it from there, the clock running."""
    reason = _text(reason, "reason")
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_owner(actor, case)
        _require_open(case)
        if to_organization.pk == case.organization_id:
            raise ValidationError({"to_organization": _("The case is there already.")}, code="CASE_SAME_ORGANIZATION")
        if (
            to_organization.status != Organization.Status.ACTIVE
            or to_organization.county_path != case.organization.county_path
        ):
            raise ValidationError(
                {"to_organization": _("Choose an active organization of the county.")}, code="CASE_BAD_ORGANIZATION"
            )
        _event(
            case,
            CaseEvent.Kind.TRANSFERRED,
            actor=actor,
            body=reason,
            from_organization=case.organization,
            to_organization=to_organization,
        )
        case.organization = to_organization
        case.owner = None
        case.status = Case.Status.NEW
        case.escalation_level, case.escalated_to, case.escalation_due = 0, None, None
        _save(case)
    return case


def case_resolve(*, actor: User, case: Case, body: str) -> Case:
    """办结: the final answer the asker reads; the asker may then rate it and, within the policy period, reopen."""
    body = _text(body, "body")
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_owner(actor, case)
        _require_open(case)
        _take_if_free(actor, case)
        event = _event(case, CaseEvent.Kind.RESOLVED, actor=actor, body=body, public=True)
        case.first_response_at = case.first_response_at or event.at
        case.resolved_at = event.at
        case.status = Case.Status.RESOLVED
        case.escalation_due = None
        _save(case)
    return case


def case_followup(*, actor: User, case: Case, body: str) -> Case:
    """回访: the handler called the asker back after the resolution and records what was said."""
    body = _text(body, "body")
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_handler(actor, case)
        if case.status != Case.Status.RESOLVED:
            raise ValidationError(_("A follow-up call comes after the resolution."), code="CASE_NOT_RESOLVED")
        event = _event(case, CaseEvent.Kind.FOLLOWED_UP, actor=actor, body=body)
        case.followed_up_at = event.at
        _save(case)
    return case


def case_from_work_order(
    *,
    actor: User,
    channel: str,
    reference: str,
    received_at: datetime.datetime,
    organization: Organization,
    category: str,
    description: str,
    subtype: str = "",
    contact_phone: str = "",
) -> tuple[Case, str]:
    """A case created from a 12355 or 12345 work order by a handler, with the order's number: its clock runs from
    when the hotline received it, not from when it was keyed in."""
    if channel not in (Case.Channel.HOTLINE_12355, Case.Channel.HOTLINE_12345):
        raise ValidationError({"channel": _("Choose 12355 or 12345.")}, code="CASE_CHANNEL")
    reference = _text(reference, "reference", limit=40)
    if received_at > timezone.now():
        raise ValidationError(
            {"received_at": _("The work order cannot be received in the future.")}, code="CASE_FUTURE"
        )
    if Case.objects.filter(channel=channel, external_reference=reference).exists():
        raise ValidationError(
            {"reference": _("Work order %(ref)s is already a case.") % {"ref": reference}}, code="CASE_DUPLICATE_ORDER"
        )
    if not scope.has_perm(actor, MANAGE_VOICE, organization):
        raise PermissionDenied(_("You do not handle the cases of %(org)s.") % {"org": organization})
    with transaction.atomic(), set_actor(actor):
        case, code = case_file(
            category=category,
            subtype=subtype,
            description=description,
            organization=organization,
            contact_phone=contact_phone,
            channel=channel,
            external_reference=reference,
            filed_at=received_at,
        )
        _take_if_free(actor, case)
        _save(case)
    return case, code


def case_hand_out(*, actor: User, case: Case, channel: str, reference: str, reason: str) -> Case:
    """Hand the case to 12355 or 12345 with their work order's number; it stays open here and its clock keeps
    running until its handler records the outcome and resolves it."""
    reason = _text(reason, "reason")
    reference = _text(reference, "reference", limit=40)
    if channel not in (Case.Channel.HOTLINE_12355, Case.Channel.HOTLINE_12345):
        raise ValidationError({"channel": _("Choose 12355 or 12345.")}, code="CASE_CHANNEL")
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_owner(actor, case)
        _require_open(case)
        _take_if_free(actor, case)
        case.external_reference = reference
        _event(case, CaseEvent.Kind.HANDED_OUT, actor=actor, body=f"{channel} {reference}: {reason}")
        _save(case)
    return case


def case_publish(*, actor: User, case: Case, question: str, answer: str) -> Case:
    """Publish a resolved case's question and answer, rewritten by the handler without anything identifying, on
    the public page; only when the asker consented."""
    question, answer = _text(question, "question"), _text(answer, "answer")
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_handler(actor, case)
        if not case.consent_publish:
            raise ValidationError(_("The asker did not consent to publishing."), code="CASE_NO_CONSENT")
        if case.status != Case.Status.RESOLVED:
            raise ValidationError(_("Only a resolved case is published."), code="CASE_NOT_RESOLVED")
        case.public_question, case.public_answer = question, answer
        case.published_at = timezone.now()
        _event(case, CaseEvent.Kind.PUBLISHED, actor=actor)
        _save(case)
    return case


def case_unpublish(*, actor: User, case: Case) -> Case:
    """Take a published answer off the public page."""
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_handler(actor, case)
        case.published_at = None
        _save(case)
    return case


# -- escalation ------------------------------------------------------------------------------------------------


def _handlers_at(organization: Organization) -> list[User]:
    """The users holding MANAGE_VOICE through a role on the organization itself: those told of an escalation."""
    roles = RoleAssignment.objects.filter(organization=organization).select_related("user").order_by("user__username")
    return [r.user for r in roles if MANAGE_VOICE in permissions_of(r.role) and r.user.is_active]


def _overdue(case: Case, today: datetime.date) -> bool:
    if case.escalation_due is not None:
        return today > case.escalation_due
    late_response = case.first_response_at is None and case.first_response_due and today > case.first_response_due
    late_resolution = case.resolution_due and today > case.resolution_due
    return bool(late_response or late_resolution)


def case_escalate_overdue(*, now: datetime.datetime | None = None) -> list[CaseEvent]:
    """督办: every open case past its deadline goes one step up — to the parent committee, then the county —
    recording each step and who was told; the one escalated to has the first-response limit to act."""
    now = now or timezone.now()
    today = _local_date(now)
    calendar = calendar_load()
    done: list[CaseEvent] = []
    late = (
        Q(escalation_due__lt=today)
        | Q(escalation_due__isnull=True, first_response_at__isnull=True, first_response_due__lt=today)
        | Q(escalation_due__isnull=True, resolution_due__lt=today)
    )
    candidates = Case.objects.exclude(status__in=CLOSED_STATUSES).filter(late, escalation_level__lt=2)
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            locked = Case.objects.select_for_update(of=("self",))  # PostgreSQL locks no outer-joined row
            case = locked.select_related("organization", "escalated_to").get(pk=pk)
            if case.status in CLOSED_STATUSES or case.escalation_level >= 2 or not _overdue(case, today):
                continue
            current = case.escalated_to or case.organization
            county = county_of(case.organization)
            target: Organization = current.parent if current.parent and current.parent_id != county.pk else county
            if current.pk == county.pk:
                continue
            level = 2 if target.pk == county.pk else case.escalation_level + 1
            told = _handlers_at(target)
            policy = policy_of(case.organization, today.year)
            case.escalation_level, case.escalated_to = level, target
            case.escalation_due = _due(today, policy.first_response_days, calendar)
            done.append(
                _event(
                    case,
                    CaseEvent.Kind.ESCALATED,
                    body=_("Overdue: escalated to %(org)s.") % {"org": target.name},
                    from_organization=current,
                    to_organization=target,
                    notified="、".join(str(u) for u in told)[:300],
                )
            )
            _save(case)
    return done


def case_deadlines_recompute() -> int:
    """Recompute the deadlines of the open cases after a holiday table changed (filed dates stay)."""
    calendar = calendar_load()
    changed = 0
    for case in Case.objects.exclude(status__in=CLOSED_STATUSES).select_related("organization"):
        filed = _local_date(case.filed_at)
        policy = policy_of(case.organization, filed.year)
        first = _due(filed, policy.first_response_days, calendar)
        final = _due(filed, resolution_days(policy, case.category), calendar)
        if (first, final) != (case.first_response_due, case.resolution_due):
            Case.objects.filter(pk=case.pk).update(first_response_due=first, resolution_due=final)
            changed += 1
    return changed


# -- the asker, through the tracking code ---------------------------------------------------------------------


def case_add(*, case: Case, body: str) -> CaseEvent:
    """The asker adds to the case (more facts, an answer to a question)."""
    body = _text(body, "body")
    with transaction.atomic():
        case = _locked(case)
        _require_open(case)
        return _event(case, CaseEvent.Kind.ADDED, body=body, public=True)


def case_rate(*, case: Case, rating: int, comment: str = "") -> Case:
    """评价: the asker rates the resolution from 1 to 5 with an optional comment (a later rating replaces it)."""
    comment = _text(comment, "comment", required=False)
    with transaction.atomic():
        case = _locked(case)
        if case.status != Case.Status.RESOLVED:
            raise ValidationError(_("A case can be rated once it has been resolved."), code="CASE_NOT_RESOLVED")
        if rating not in range(1, 6):
            raise ValidationError({"rating": _("Rate from 1 to 5.")}, code="CASE_RATING")
        case.rating, case.rating_comment = rating, comment
        _event(case, CaseEvent.Kind.RATED, body=f"{rating}/5 {comment}".strip(), public=True)
        _save(case)
    return case


def case_reopen(*, case: Case, reason: str) -> Case:
    """The asker reopens a resolved case within the county's period; the resolution clock starts again."""
    reason = _text(reason, "reason")
    with transaction.atomic():
        case = _locked(case)
        if case.status != Case.Status.RESOLVED or case.resolved_at is None:
            raise ValidationError(_("Only a resolved case can be reopened."), code="CASE_NOT_RESOLVED")
        today = _local_date(timezone.now())
        calendar = calendar_load()
        policy = policy_of(case.organization, today.year)
        try:
            last_day = add_workdays(_local_date(case.resolved_at), policy.reopen_days, calendar)
        except CalendarMissing:
            last_day = None
        if last_day is not None and today > last_day:
            raise ValidationError(
                _("The case was resolved more than %(days)s working days ago: file a new case instead.")
                % {"days": policy.reopen_days},
                code="CASE_REOPEN_TOO_LATE",
            )
        case.status = Case.Status.HANDLING if case.owner_id else Case.Status.NEW
        case.resolved_at = None
        case.rating, case.rating_comment = None, ""
        case.resolution_due = _due(today, resolution_days(policy, case.category), calendar)
        case.escalation_level, case.escalated_to, case.escalation_due = 0, None, None
        _event(case, CaseEvent.Kind.REOPENED, body=reason, public=True)
        _save(case)
    return case


# -- privacy ---------------------------------------------------------------------------------------------------


def case_view_record(*, actor: User, case: Case, remote_addr: str | None = None) -> None:
    """Log that a handler or the line above opened a case (many askers are minors: every view is kept)."""
    from tuanwu.audit.models import AccessLog
    from tuanwu.audit.services import access_log_record

    access_log_record(
        actor=actor,
        action=AccessLog.Action.VIEW,
        organization=case.organization,
        fields=["description"],
        subject=_("青年之声 case %(number)s") % {"number": case.number},
        remote_addr=remote_addr,
    )


def case_reveal(*, actor: User, case: Case, remote_addr: str | None = None) -> dict[str, str]:
    """The asker's name and phone in clear, for a handler of the case only; the access is logged."""
    from tuanwu.audit.models import AccessLog
    from tuanwu.audit.services import access_log_record

    with transaction.atomic():
        if not scope.has_perm(actor, MANAGE_VOICE, case.organization):
            raise PermissionDenied(_("Only the case's handlers see the asker's contact data."))
        access_log_record(
            actor=actor,
            action=AccessLog.Action.VIEW,
            organization=case.organization,
            fields=["contact_name", "contact_phone"],
            subject=_("青年之声 case %(number)s") % {"number": case.number},
            remote_addr=remote_addr,
        )
        return {"contact_name": case.contact_name, "contact_phone": case.contact_phone}
