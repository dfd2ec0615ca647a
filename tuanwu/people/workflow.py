"""Membership states and the transitions allowed between them.

Every exit from the League passes a pending state that the committee above approves or rejects.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    NORMAL = "normal", _("Normal")
    AGE_OUT_PENDING = "age_out_pending", _("Age-out pending approval")
    AGE_OUT = "age_out", _("Aged out")
    LAPSE_PENDING = "lapse_pending", _("Lapse pending approval")
    LAPSE = "lapse", _("Lapsed")
    WITHDRAWAL_PENDING = "withdrawal_pending", _("Withdrawal pending approval")
    WITHDRAWAL = "withdrawal", _("Withdrawn")
    EXPULSION_PENDING = "expulsion_pending", _("Expulsion pending approval")
    EXPULSION = "expulsion", _("Expelled")
    # 转出: the membership went with a transfer to an organization outside TuanWu; the record stays, not counted.
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")


class ExitKind(models.TextChoices):
    AGE_OUT = "age_out", _("Age-out")
    LAPSE = "lapse", _("Lapse")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    EXPULSION = "expulsion", _("Expulsion")


# exit kind -> (pending state, final state)
EXIT_STATES = {
    ExitKind.AGE_OUT: (MembershipStatus.AGE_OUT_PENDING, MembershipStatus.AGE_OUT),
    ExitKind.LAPSE: (MembershipStatus.LAPSE_PENDING, MembershipStatus.LAPSE),
    ExitKind.WITHDRAWAL: (MembershipStatus.WITHDRAWAL_PENDING, MembershipStatus.WITHDRAWAL),
    ExitKind.EXPULSION: (MembershipStatus.EXPULSION_PENDING, MembershipStatus.EXPULSION),
}
PENDING_STATES = frozenset(pending for pending, _final in EXIT_STATES.values())
# Members until an exit is approved: they count in every member number.
ACTIVE_STATES = frozenset({MembershipStatus.NORMAL, *PENDING_STATES})


class Transition(models.TextChoices):
    EXIT_REQUEST = "exit_request", _("Exit requested")
    EXIT_APPROVE = "exit_approve", _("Exit approved")
    EXIT_REJECT = "exit_reject", _("Exit rejected")
    REGISTER = "register", _("Membership registered")
    EXIT_FILE = "exit_file", _("Exit filed with the committee above")
    TRANSFER = "transfer", _("Transferred to another branch")
    TRANSFER_OUT = "transfer_out", _("Transferred out of the county")
    RESTORE = "restore", _("Membership restored")


# transition -> {from state: to state}; exit_request's target depends on the exit kind.
TRANSITIONS: dict[str, dict[str, str] | None] = {
    Transition.EXIT_REQUEST: None,
    Transition.EXIT_APPROVE: {pending: final for pending, final in EXIT_STATES.values()},
    Transition.EXIT_REJECT: {pending: MembershipStatus.NORMAL for pending, _f in EXIT_STATES.values()},
    # 恢复团籍: a lapse the committee above undoes (the member came back, or was lapsed in error), and an
    # expulsion revoked on appeal. An age-out is final and a withdrawal is rejoined only by a new admission.
    Transition.RESTORE: {
        MembershipStatus.LAPSE: MembershipStatus.NORMAL,
        MembershipStatus.EXPULSION: MembershipStatus.NORMAL,
    },
}


# Exits the branch decides and files with the committee above (备案) rather than asks it to approve: 退团.
FILED_EXITS: dict[str, str] = {ExitKind.WITHDRAWAL: MembershipStatus.WITHDRAWAL}
# 满28周岁: a member may age out from the 28th birthday on (DOMAIN.md §9).
AGE_OUT_AGE = 28
# 自行脱团: six consecutive months without dues and without organizational life.
LAPSE_MONTHS = 6


def target_state(transition: str, current: str, exit_kind: str | None = None) -> str | None:
    """The state a transition leads to from current, or None when it is not allowed."""
    if transition == Transition.EXIT_REQUEST:
        if current != MembershipStatus.NORMAL or exit_kind not in EXIT_STATES:
            return None
        return EXIT_STATES[exit_kind][0]
    table = TRANSITIONS.get(transition) or {}
    return table.get(current)
