"""Two more steps of a case: merging a duplicate into the case where it is handled, and assigning one of the
county's registered experts. Each is a CaseEvent written in the same transaction."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tuanwu.accounts.models import User
from tuanwu.accounts.roles import MANAGE_VOICE
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import county_of

from .models import Case, CaseEvent, Expert
from .services_cases import _event, _locked, _require_open, _require_owner, _save, _text


def _one_line(a: str, b: str) -> bool:
    """Whether two organizations lie on one line of the tree (one is the other or above it)."""
    return a.startswith(b) or b.startswith(a)


def case_merge(*, actor: User, case: Case, into_number: str, reason: str) -> Case:
    """Close a duplicate as merged into another open case of the same organization line that the actor handles;
    its asker, through the tracking code, sees where it went and the answers given there."""
    reason = _text(reason, "reason")
    number = (into_number or "").strip().upper()
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_owner(actor, case)
        _require_open(case)
        target = Case.objects.select_for_update(of=("self",)).select_related("organization").filter(number=number)
        into = target.first()
        if into is None or not scope.has_perm(actor, MANAGE_VOICE, into.organization):
            # Outside the actor's scope answers like missing.
            raise ValidationError(
                {"into_number": _("No case %(number)s among the cases you handle.") % {"number": number or "—"}},
                code="CASE_MERGE_NOT_FOUND",
            )
        if into.pk == case.pk:
            raise ValidationError({"into_number": _("A case cannot be merged into itself.")}, code="CASE_MERGE_SELF")
        if into.status in (Case.Status.RESOLVED, Case.Status.MERGED):
            raise ValidationError(
                {"into_number": _("Case %(number)s is closed: merge into an open case.") % {"number": into.number}},
                code="CASE_MERGE_CLOSED",
            )
        if not _one_line(case.organization.path, into.organization.path):
            raise ValidationError(
                {
                    "into_number": _("Case %(number)s lies with %(org)s, outside this case's organization line.")
                    % {"number": into.number, "org": into.organization}
                },
                code="CASE_MERGE_OTHER_LINE",
            )
        case.status, case.merged_into = Case.Status.MERGED, into
        case.escalation_due = None
        _event(
            case,
            CaseEvent.Kind.MERGED,
            actor=actor,
            public=True,
            body=_("Merged into case %(number)s, where it is handled.") % {"number": into.number},
            to_organization=into.organization,
        )
        _event(
            into,
            CaseEvent.Kind.MERGED,
            actor=actor,
            body=_("Case %(number)s merged into this one: %(reason)s") % {"number": case.number, "reason": reason},
            from_organization=case.organization,
        )
        _save(case)
    return case


def case_expert_assign(*, actor: User, case: Case, expert: Expert) -> Case:
    """Assign an active expert of the case's county who takes its topic; recorded as an internal step."""
    with transaction.atomic(), set_actor(actor):
        case = _locked(case)
        _require_owner(actor, case)
        _require_open(case)
        if not expert.active or expert.organization_id != county_of(case.organization).pk:
            raise ValidationError({"expert": _("Choose an active expert of the county.")}, code="EXPERT_UNAVAILABLE")
        if not expert.takes(case):
            raise ValidationError(
                {"expert": _("%(expert)s does not take cases of this topic.") % {"expert": expert}},
                code="EXPERT_TOPIC",
            )
        case.expert = expert
        _event(case, CaseEvent.Kind.EXPERT, actor=actor, body=str(expert))
        _save(case)
    return case
