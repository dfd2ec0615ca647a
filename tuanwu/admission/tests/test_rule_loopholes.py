"""New actions cannot go around the rules: the meeting's entitled voters come from the roster; a new member's
ceremony is due within the county's time limit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import member
from tuanwu.admission import rules, selectors
from tuanwu.admission.models import AdmissionPolicy, Application, GeneralMeeting
from tuanwu.admission.records import admission_audit
from tuanwu.admission.services import meetings
from tuanwu.admission.workflow import Step
from tuanwu.organizations.policy import policy_for

from .factories import DATES, YEAR, account, applicant, apply, codes, meeting, state, take, walk


def branch_of_23(cast):
    """cast.branch with 23 members on the meeting date (zhang, li and 21 more), and one who joined after it."""
    for n in range(21):
        member(cast.branch, f"成员{n}")
    member(cast.branch, "后来者", joined=DATES[Step.MEETING] + datetime.timedelta(days=5))


def hold(app, *, voting_members, present, **extra):
    return meetings.meeting_hold(
        actor=account("branch_secretary"),
        branch=app.organization,
        held_on=DATES[Step.MEETING],
        voting_members=voting_members,
        present=present,
        chair="李华",
        recorder="张晓明",
        minutes="",
        votes={app.pk: (present, 0, 0)},
        **extra,
    )


def test_entitled_voters_other_than_the_roster_are_refused_without_a_reason(cast):
    branch_of_23(cast)
    app = walk(apply(applicant(cast.branch, name="孙悦")), Step.INTRODUCERS)
    before = state(app)

    with pytest.raises(ValidationError) as refused:
        hold(app, voting_members=6, present=4)

    assert codes(refused.value) == ["VOTING_MEMBERS_NOT_ROSTER"]
    assert "23" in " ".join(refused.value.messages)
    assert state(app) == before


def test_entitled_voters_are_the_roster_on_the_meeting_date(cast):
    branch_of_23(cast)
    app = walk(apply(applicant(cast.branch, name="孙悦")), Step.INTRODUCERS)

    held = hold(app, voting_members=23, present=13, voting_reason="")

    assert (held.voting_members, held.roster_voting, held.voting_reason) == (23, 23, "")


def test_a_corrected_count_keeps_its_reason_and_shows_it(cast, client):
    branch_of_23(cast)
    app = walk(apply(applicant(cast.branch, name="孙悦")), Step.INTRODUCERS)

    held = hold(app, voting_members=21, present=13, voting_reason="两名团员在外地务工，已转为流动团员")

    held.refresh_from_db()
    assert (held.voting_members, held.roster_voting, held.voting_reason) == (
        21,
        23,
        "两名团员在外地务工，已转为流动团员",
    )
    assert Application.objects.get(pk=app.pk).status == Application.Status.VOTED
    client.force_login(account("branch_secretary"))
    page = client.get(f"/admission/{app.pk}/").content.decode()
    assert "两名团员在外地务工，已转为流动团员" in page
    assert GeneralMeeting.objects.count() == 1


# county policy named in the messages


def test_county_policy_messages_say_by_this_countys_rule_and_name_the_policy(cast):
    (app,) = [walk(apply(applicant(cast.branch)), Step.INTRODUCERS)]
    meeting(cast.branch, {app: (7, 1, 0)})
    take(Step.APPROVE, app, "committee_secretary", on=DATES[Step.MEETING] + datetime.timedelta(days=31))
    app.refresh_from_db()
    policy = policy_for(AdmissionPolicy, app.organization, YEAR)

    with translation.override("zh-hans"):
        late = rules.check(app, policy, selectors.facts_for(app), upto=Step.APPROVE)
        app.refresh_from_db()
        overloaded = rules.check(
            app,
            policy,
            rules.Facts(birth_date=app.person.birth_date, introducer_load={app.introducer_1_id: 4}),
            upto=Step.INTRODUCERS,
        )

    [late_message] = [v.message for v in late if v.code == "APPROVAL_LATE"]
    [load_message] = [v.message for v in overloaded if v.code == "INTRODUCER_OVER_3"]
    assert "按本县规定" in late_message and "规定在" not in late_message
    assert "青禾县委2026年发展团员规则" in late_message and "支部大会后审批期限" in late_message
    assert "按本县规定" in load_message
    assert "青禾县委2026年发展团员规则" in load_message and "每名介绍人每批最多介绍人数" in load_message


# the ceremony within the county's time limit

APPROVED = DATES[Step.APPROVE]  # 2026-06-20: a ceremony is due by 2026-09-20 under the default 3 months


def admitted(cast, **on):
    return walk(apply(applicant(cast.branch, name="孙悦")), Step.APPROVE, on=on or None)


def test_new_members_without_a_ceremony_past_the_limit_are_listed(cast):
    app = admitted(cast)

    assert list(selectors.ceremony_overdue(account("branch_secretary"), today=datetime.date(2026, 9, 20))) == []
    assert list(selectors.ceremony_overdue(account("branch_secretary"), today=datetime.date(2026, 9, 21))) == [app]
    assert list(selectors.ceremony_overdue(account("outsider"), today=datetime.date(2026, 9, 21))) == []


def test_the_ceremony_limit_is_county_policy(cast):
    AdmissionPolicy.objects.create(organization=cast.county, year=YEAR, ceremony_months=6)
    admitted(cast)

    assert list(selectors.ceremony_overdue(account("branch_secretary"), today=datetime.date(2026, 10, 1))) == []


def test_the_annual_audit_flags_a_ceremony_past_the_limit(cast):
    walk(apply(applicant(cast.branch, name="孙悦")), Step.CEREMONY, on={Step.CEREMONY: datetime.date(2026, 9, 21)})
    walk(apply(applicant(cast.branch, name="周杰")), Step.CEREMONY)

    rows = admission_audit(account("county_admin"), YEAR)

    assert [(r.person, r.code) for r in rows if r.code == "CEREMONY_LATE"] == [("孙悦", "CEREMONY_LATE")]


def test_the_overdue_ceremonies_are_listed_on_the_ceremony_page(cast, client):
    admitted(cast)
    client.force_login(account("branch_secretary"))

    page = client.get("/admission/ceremonies/new/").content.decode()

    assert 'data-testid="ceremony-overdue"' in page and "孙悦" in page
