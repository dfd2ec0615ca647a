"""A transfer's states and the steps allowed between them (组织关系转接).

A transfer within the county waits for the sending side, then for the receiving side; a transfer out of the
county completes when the sending side approves (the member then carries a printed letter); a transfer into the
county starts at the receiving side with the letter's details. Each waiting state has a side that answers; a
request left unanswered past its due day lapses.
"""

from __future__ import annotations

from .models.transfers import Transfer, TransferStep

Status = Transfer.Status
Action = TransferStep.Action
Direction = Transfer.Direction

# action -> {from status: to status}; approve's target depends on the direction (out completes at once), and
# accept's on whether the receiving side started the request (then it accepted already).
TRANSITIONS: dict[str, dict[str, str]] = {
    Action.APPROVE: {Status.AWAITING_SENDER: Status.AWAITING_RECEIVER},
    Action.ACCEPT: {Status.AWAITING_RECEIVER: Status.COMPLETED},
    Action.REJECT: {Status.AWAITING_SENDER: Status.REJECTED, Status.AWAITING_RECEIVER: Status.REJECTED},
    Action.LAPSE: {Status.AWAITING_SENDER: Status.LAPSED, Status.AWAITING_RECEIVER: Status.LAPSED},
}


def first_status(direction: str) -> str:
    """The state a new request starts in: into the county there is no sending side in TuanWu."""
    return Status.AWAITING_RECEIVER if direction == Direction.IN else Status.AWAITING_SENDER


def target_status(action: str, current: str, direction: str = Direction.WITHIN) -> str | None:
    """The state an action leads to from current, or None when it is not allowed."""
    to = TRANSITIONS.get(action, {}).get(current)
    if action == Action.APPROVE and to is not None and direction == Direction.OUT:
        return Status.COMPLETED
    return to


def answering_side(status: str) -> str | None:
    """Whose turn it is: "sender" or "receiver", or None once the transfer is closed."""
    sides: dict[str, str] = {Status.AWAITING_SENDER: "sender", Status.AWAITING_RECEIVER: "receiver"}
    return sides.get(status)
