"""What every step of an application shares: who may take it, from which status, the rules that gate it, the
row lock, and the timeline entry it leaves."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import APPROVE_ADMISSION, MANAGE_ADMISSION
from tuanwu.organizations import scope
from tuanwu.organizations.policy import policy_for

from .. import rules
from ..models import AdmissionPolicy, Application, ApplicationStep
from ..selectors import facts_for
from ..workflow import STEPS, Step

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

# The rules a step is gated by: its own, and for the meeting those of the candidacy's paperwork. Rules of
# earlier steps were gated when those steps were taken; facts that changed since (hours corrected, an
# introducer who left) are for the audit to report, not for a later step to trip over.
GATES: dict[str, set[str]] = {
    Step.INTRODUCERS: {Step.PREREVIEW, Step.INTRODUCERS},
    Step.MEETING: {Step.PREREVIEW, Step.INTRODUCERS, Step.MEETING},
}


def refuse_if_broken(app: Application, upto: str, facts: rules.Facts | None = None) -> list[rules.Violation]:
    """Refuse the step when one of its rules is broken; returns the step's warnings to record with it."""
    policy = policy_for(AdmissionPolicy, app.organization, (app.candidate_on or app.applied_on).year)
    gate = GATES.get(upto, {upto})
    violations = [v for v in rules.check(app, policy, facts or facts_for(app), upto=upto) if v.step in gate]
    blocking = rules.blocking(violations)
    if blocking:
        error = ValidationError([ValidationError(v.message, code=v.code) for v in blocking])
        error.code = blocking[0].code
        raise error
    return violations


def record(
    app: Application, step: str, on: datetime.date, actor: User, note: str = "", sent_back: bool = False
) -> None:
    """The step's entry on the application's timeline."""
    ApplicationStep.objects.create(
        application=app,
        step=step,
        on=on,
        actor=actor if getattr(actor, "pk", None) else None,
        organization_id=app.organization_id,
        sent_back=sent_back,
        note=note,
    )


def locked(app: Application) -> Application:
    """The application's row, locked for the step that moves it."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("person", "organization", "meeting")
        .get(pk=app.pk)
    )


def require_step(actor: User, app: Application, step: str) -> None:
    """The branch takes its own steps; the committee above prereviews and approves."""
    by_above = STEPS[step][2] if step in STEPS else False
    if by_above:
        above = app.organization.parent or app.organization
        scope.require(actor, APPROVE_ADMISSION, above)
    else:
        scope.require(actor, MANAGE_ADMISSION, app.organization)


def move(app: Application, step: str) -> None:
    """Refuse a step the application's status does not allow, else set the status it leads to."""
    allowed, to, _above = STEPS[step]
    if app.status not in allowed:
        raise ValidationError(
            _("An application at “%(status)s” cannot take the step “%(step)s”.")
            % {"status": app.get_status_display(), "step": Step(step).label},
            code="STEP_NOT_ALLOWED",
        )
    if to:
        app.status = to
