"""The steps of member development: who takes each, from which status, and the status it leads to."""

from .models import Application, Step

S = Application.Status


# The order in which rules apply: a rule of a step is checked when that step or a later one is taken.
ORDER: list[str] = [
    Step.APPLY,
    Step.INTERVIEW,
    Step.ACTIVIST,
    Step.TRAINING,
    Step.CANDIDATE,
    Step.PREREVIEW,
    Step.INTRODUCERS,
    Step.MEETING,
    Step.APPROVE,
    Step.CEREMONY,
    Step.ARCHIVE,
]

# step -> (statuses it may be taken from, status after, taken by the committee above rather than the branch)
STEPS: dict[str, tuple[tuple[str, ...], str | None, bool]] = {
    Step.INTERVIEW: ((S.APPLIED,), S.INTERVIEWED, False),
    Step.ACTIVIST: ((S.INTERVIEWED,), S.ACTIVIST, False),
    Step.TRAINING: ((S.ACTIVIST,), None, False),
    Step.CANDIDATE: ((S.ACTIVIST,), S.CANDIDATE, False),
    Step.PREREVIEW: ((S.CANDIDATE,), None, True),
    Step.INTRODUCERS: ((S.CANDIDATE,), None, False),
    Step.MEETING: ((S.CANDIDATE,), S.VOTED, False),
    Step.APPROVE: ((S.VOTED,), S.ADMITTED, True),
    Step.CEREMONY: ((S.ADMITTED,), None, False),
    Step.ARCHIVE: ((S.ADMITTED,), None, False),
}

# Sending back returns an application to the status before its current one.
SEND_BACK_TO: dict[str, str] = {
    S.INTERVIEWED: S.APPLIED,
    S.ACTIVIST: S.INTERVIEWED,
    S.CANDIDATE: S.ACTIVIST,
    S.VOTED: S.CANDIDATE,
}

# Which step a board column waits for.
NEXT_STEP: dict[str, str] = {
    S.APPLIED: Step.INTERVIEW,
    S.INTERVIEWED: Step.ACTIVIST,
    S.ACTIVIST: Step.CANDIDATE,
    S.CANDIDATE: Step.MEETING,
    S.VOTED: Step.APPROVE,
}
