"""The branch's general meeting (团员大会), voting on several candidates at once."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_ADMISSION
from tuanwu.core.concurrency import versioned_save
from tuanwu.core.errors import field_error
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.policy import policy_for

from .. import rules, selectors
from ..models import AdmissionPolicy, Application, GeneralMeeting
from ..selectors import facts_for
from ..workflow import Step
from .steps import move, record

if TYPE_CHECKING:
    from tuanwu.accounts.models import User

S = Application.Status


def meeting_hold(
    *,
    actor: User,
    branch: Organization,
    held_on: datetime.date,
    voting_members: int,
    present: int,
    chair: str,
    recorder: str,
    minutes: str,
    votes: dict[int, tuple[int, int, int]],
    voting_reason: str = "",
) -> GeneralMeeting:
    """A general meeting votes on several candidates at once, one vote per candidate. Candidates with more than
    half the yes votes pass; the others stay candidates, with the result on their timeline.

    The members entitled to vote are the branch's roster on the meeting date; a different count is accepted
    only with the reason for the correction, which the meeting keeps."""
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
        roster = selectors.voting_members(branch, held_on)
        voting_reason = (voting_reason or "").strip()
        if voting_members != roster and not voting_reason:
            raise field_error(
                {
                    "voting_members": _(
                        "The branch's roster has %(roster)d members entitled to vote on %(day)s, not %(given)d; "
                        "give the reason for correcting the count."
                    )
                    % {"roster": roster, "day": held_on.isoformat(), "given": voting_members}
                },
                code="VOTING_MEMBERS_NOT_ROSTER",
            )
        meeting = GeneralMeeting(
            organization=branch,
            held_on=held_on,
            voting_members=voting_members,
            roster_voting=roster,
            voting_reason=voting_reason if voting_members != roster else "",
            present=present,
            chair=chair.strip(),
            recorder=recorder.strip(),
            minutes=minutes,
        )
        meeting.full_clean()
        meeting.save()
        apps = _voted_on(meeting, votes)
        problems: list[ValidationError] = []
        for app in apps:
            problems += _vote_recorded(actor, app, apps)
        if problems:
            error = ValidationError(problems)
            error.code = problems[0].code
            raise error
    return meeting


def _voted_on(meeting: GeneralMeeting, votes: dict[int, tuple[int, int, int]]) -> list[Application]:
    """The candidates the meeting voted on, locked, with the meeting and their votes set."""
    apps = list(
        Application.objects.select_for_update(of=("self",))
        .select_related("person", "organization")
        .filter(pk__in=list(votes), organization=meeting.organization)
        .order_by("pk")
    )
    if len(apps) != len(votes):
        raise ValidationError(_("A candidate is not of this branch."), code="CANDIDATE_NOT_IN_BRANCH")
    for app in apps:
        move(app, Step.MEETING)
        app.meeting = meeting
        app.votes_yes, app.votes_no, app.votes_abstain = votes[app.pk]
    return apps


def _vote_recorded(actor: User, app: Application, apps: list[Application]) -> list[ValidationError]:
    """Save one candidate's vote: passed, or (no majority) back to candidate with the result on the timeline;
    the candidate's broken rules other than the vote are returned, and nothing is saved for them."""
    meeting = app.meeting
    assert meeting is not None  # set by _voted_on
    violations = rules.check(
        app,
        policy_for(AdmissionPolicy, meeting.organization, meeting.held_on.year),
        facts_for(app, meeting_apps=apps),
        upto=Step.MEETING,
    )
    failed_vote = [v for v in violations if v.code == "MAJORITY_NOT_REACHED"]
    others = [v for v in rules.blocking(violations) if v.code != "MAJORITY_NOT_REACHED"]
    if others:
        return [ValidationError(f"{app.person.name}: {v.message}", code=v.code) for v in others]
    if failed_vote:
        # Not passed: the candidate stays a candidate for a later meeting; the result is on the timeline.
        app.status, app.meeting = S.CANDIDATE, None
        app.votes_yes = app.votes_no = app.votes_abstain = None
        versioned_save(app)
        record(app, Step.MEETING, meeting.held_on, actor, failed_vote[0].message, sent_back=True)
    else:
        versioned_save(app)
        record(
            app,
            Step.MEETING,
            meeting.held_on,
            actor,
            _("%(yes)d yes, %(no)d no, %(abstain)d abstentions.")
            % {"yes": app.votes_yes, "no": app.votes_no, "abstain": app.votes_abstain},
        )
    return []
