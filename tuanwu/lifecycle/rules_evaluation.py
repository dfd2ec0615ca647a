"""The rules of the yearly evaluation and registration, as the pages explain them (DOMAIN §5 and §9; 三会两制一课
细则 arts. 32–36). The numbers are the county's LifecyclePolicy of the year; each refusal names the rule.

- 优秀 are at most the policy's cap (default 30 %) of the members evaluated, rounded down; there is no quota for
  不合格.
- The branch meeting (支部大会) that evaluates is valid only with strictly more than two thirds of the members
  expected present.
- Party members keep 团籍 but sit out the evaluation (and need no registration) unless they opt in.
- Registration of a year: only 基本合格 or better in the member's latest approved evaluation (of that year or the
  year before); within the policy's window when it sets one; a deferral lasts 3–6 months (policy).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tuanwu.core.errors import field_error

from .models.evaluation import REGISTRABLE_GRADES, Grade, LifecyclePolicy

QUORUM_NUMERATOR, QUORUM_DENOMINATOR = 2, 3


def excellent_allowed(evaluated: int, cap_percent: int) -> int:
    """How many 优秀 a branch may propose: the cap's share of those evaluated, rounded down."""
    return evaluated * cap_percent // 100


def check_excellent_cap(*, excellent: int, evaluated: int, policy: LifecyclePolicy) -> None:
    """Refuse a set of grades with more 优秀 than the county's cap allows, naming the numbers."""
    allowed = excellent_allowed(evaluated, policy.excellent_cap)
    if excellent > allowed:
        raise ValidationError(
            _(
                "Too many graded excellent: %(excellent)d of %(evaluated)d members evaluated; the county's policy "
                "of %(year)d allows at most %(cap)d %% excellent, that is %(allowed)d."
            )
            % {
                "excellent": excellent,
                "evaluated": evaluated,
                "year": policy.year,
                "cap": policy.excellent_cap,
                "allowed": allowed,
            },
            code="EXCELLENT_OVER_CAP",
        )


def quorum_met(expected: int, present: int) -> bool:
    """Strictly more than two thirds of those expected were present."""
    return expected > 0 and present * QUORUM_DENOMINATOR > expected * QUORUM_NUMERATOR


def check_quorum(expected: int | None, present: int | None) -> None:
    if expected is None or present is None:
        raise ValidationError(
            _("Give the general meeting that evaluated: link a recorded meeting or enter its numbers."),
            code="EVALUATION_NO_MEETING",
        )
    if present > expected:
        raise ValidationError(
            _("%(present)d present is more than the %(expected)d members expected.")
            % {"present": present, "expected": expected},
            code="EVALUATION_PRESENT_OVER_EXPECTED",
        )
    if not quorum_met(expected, present):
        raise ValidationError(
            _(
                "The general meeting is not valid for the evaluation: %(present)d of %(expected)d members present; "
                "more than two thirds are needed."
            )
            % {"present": present, "expected": expected},
            code="EVALUATION_NO_QUORUM",
        )


def check_months(months: int, field: str) -> None:
    if not 3 <= months <= 6:
        raise field_error({field: _("Between 3 and 6 months.")}, code="MONTHS_3_6")


@dataclass(frozen=True)
class Eligibility:
    """Whether a member may be registered for a year, with the rule's code and the sentence that explains it."""

    ok: bool
    code: str
    message: str


def registration_eligibility(
    *, name: str, grade: str | None, grade_year: int | None, joined: datetime.date, year: int
) -> Eligibility:
    """Only 基本合格 or better may register; a member admitted since the start of the year before has not been
    evaluated yet and may."""
    if grade == Grade.UNQUALIFIED:
        return Eligibility(
            False,
            "REGISTRATION_UNQUALIFIED",
            _(
                "%(name)s was graded unqualified in the evaluation of %(grade_year)d: only members graded basically "
                "qualified or better are registered."
            )
            % {"name": name, "grade_year": grade_year},
        )
    if grade in REGISTRABLE_GRADES:
        return Eligibility(True, "", "")
    if joined >= datetime.date(year - 1, 1, 1):
        return Eligibility(True, "", "")
    return Eligibility(
        False,
        "REGISTRATION_NO_GRADE",
        _(
            "%(name)s has no approved evaluation grade of %(before)d or %(year)d: only members graded basically "
            "qualified or better are registered."
        )
        % {"name": name, "before": year - 1, "year": year},
    )


def check_window(policy: LifecyclePolicy, on: datetime.date) -> None:
    """Registration happens within the county's window of the year, when it sets one."""
    opens, closes = policy.registration_opens, policy.registration_closes
    if (opens and on < opens) or (closes and on > closes):
        raise ValidationError(
            _(
                "Registration of %(year)d is open from %(opens)s to %(closes)s (county policy); %(on)s is outside "
                "the window. Defer the registration instead."
            )
            % {
                "year": policy.year,
                "opens": opens.isoformat() if opens else "…",
                "closes": closes.isoformat() if closes else "…",
                "on": on.isoformat(),
            },
            code="REGISTRATION_OUTSIDE_WINDOW",
        )
