"""The plan's targets measured by what the plan says, in the metric's unit, scored only once a person has
accepted the binding. Every value below is computed by hand from the records the test makes.

2025 admissions of 东湖村团支部 (meeting 2025-06-10, approved 2025-06-20):
  甲  8 lesson hours, 20 volunteer hours, good       ceremony 2025-07-01 (within 3 months)
  乙  6 lesson hours, 20 volunteer hours, good       ceremony 2025-10-30 (after 2025-09-20)
  丙  8 lesson hours, 12 volunteer hours, fair       no ceremony
→ lesson-hours rule broken by 1, volunteer-hours rule by 1, assessment rule by 1; both hour rules met by 1 of 3
  (33.3 %); ceremony in time 1 of 3 (33.3 %); the county's quota of 4 used at 3 (75 %).
"""

import datetime
import itertools
import json
from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.http import Http404

from tests.factories import PersonFactory, member
from tuanwu.accounts.roles import MANAGE_PLAN
from tuanwu.admission.models import Application, Ceremony, GeneralMeeting, Quota
from tuanwu.meetings.models import LessonCredit
from tuanwu.organizations.policy import policy_set
from tuanwu.people.models import Membership
from tuanwu.plan import metrics, selectors, services
from tuanwu.plan.models import PlanPolicy, PlanTarget
from tuanwu.plan.report import report_docx
from tuanwu.study.models import Episode, Season
from tuanwu.volunteering.tests.factories import ledger_entry

SAMPLE = (Path(__file__).resolve().parent / "data" / "work-plan-2020.txt").read_text(encoding="utf-8")
Y = 2025
APPROVED = datetime.date(Y, 6, 20)
_numbers = itertools.count(1)


def admitted(cast, name, *, lesson_hours, volunteer, assessment="good", ceremony_on=None):
    branch = cast.branch
    person = PersonFactory(organization=branch, name=name)
    ledger_entry(person, datetime.date(Y, 3, 14), Decimal(volunteer), organizer=cast.town)
    meeting = GeneralMeeting.objects.filter(organization=branch, held_on=datetime.date(Y, 6, 10)).first()
    meeting = meeting or GeneralMeeting.objects.create(
        organization=branch, held_on=datetime.date(Y, 6, 10), voting_members=10, present=8, chair="李华", recorder="张"
    )
    n = next(_numbers)
    number = f"{Y}{n:08d}"
    ceremony = None
    if ceremony_on:
        ceremony = Ceremony.objects.create(organization=branch, held_on=ceremony_on, place="村部", oath_leader="李华")
    app = Application.objects.create(
        person=person,
        organization=branch,
        status=Application.Status.ADMITTED,
        applied_on=datetime.date(Y, 1, 5),
        interviewed_on=datetime.date(Y, 1, 20),
        activist_on=datetime.date(Y, 2, 10),
        assessment=assessment,
        candidate_on=datetime.date(Y, 5, 11),
        prereviewed_on=datetime.date(Y, 5, 18),
        form_number=f"QH{Y}-{n:05d}",
        introducer_1=cast.people["zhang"],
        introducer_2=cast.people["li"],
        meeting=meeting,
        votes_yes=7,
        votes_no=1,
        votes_abstain=0,
        approved_on=APPROVED,
        approved_by=cast.town,
        development_number=number,
        ceremony=ceremony,
        archived_on=datetime.date(Y, 7, 5),
    )
    Membership.objects.create(
        person=person, organization=branch, join_date=APPROVED, development_number=number, status="normal"
    )
    LessonCredit.objects.create(
        person=person,
        organization=branch,
        hours=Decimal(lesson_hours),
        earned_on=datetime.date(Y, 4, 20),
        evidence="团课签到册",
    )
    return app


@pytest.fixture
def admissions_2025(cast):
    admitted(cast, "甲", lesson_hours=8, volunteer=20, ceremony_on=datetime.date(Y, 7, 1))
    admitted(cast, "乙", lesson_hours=6, volunteer=20, ceremony_on=datetime.date(Y, 10, 30))
    admitted(cast, "丙", lesson_hours=8, volunteer=12, assessment="fair")
    Quota.objects.create(organization=cast.county, year=Y, count=4)


def value(cast, key, year=Y):
    return metrics.METRICS[key].compute(cast.users["county_admin"], cast.county, year)


def targets_of(plan, task_number):
    return list(PlanTarget.objects.filter(task__area__plan=plan, task__number=task_number).order_by("pk"))


def test_per_rule_admission_metrics_count_the_people_who_broke_each_rule(cast, admissions_2025):
    assert value(cast, "admission_lesson_hours_violations") == Decimal(1)
    assert value(cast, "admission_volunteer_hours_violations") == Decimal(1)
    assert value(cast, "admission_assessment_violations") == Decimal(1)
    for key in ("admission_lesson_hours_violations", "admission_volunteer_hours_violations"):
        assert metrics.METRICS[key].unit == "人"


def test_share_of_admissions_meeting_both_hour_rules(cast, admissions_2025):
    assert value(cast, "admission_hours_share") == Decimal("33.3")
    assert metrics.METRICS["admission_hours_share"].unit == "%"


def test_ceremony_in_time_and_admissions_against_quota(cast, admissions_2025):
    assert value(cast, "ceremony_in_time_share") == Decimal("33.3")
    assert value(cast, "admissions_quota_share") == Decimal("75.0")


def test_member_youth_ratio_at_year_end_and_its_change(cast):
    # The cast: 张晓明, 李华, 王芳 (members, born 2004), 赵磊 (member, born 2009), 陈静 (not a member, born 2004).
    member(cast.branch2, "周婷", joined=datetime.date(2025, 5, 4))
    PersonFactory(organization=cast.branch, name="吴强", birth_date=datetime.date(1995, 1, 1))  # 30: not youth
    PersonFactory(organization=cast.branch, name="刘洋", birth_date=datetime.date(2012, 6, 1))  # 13: not youth

    # 2025-12-31: 5 members of 6 youths; 2024-12-31: 周婷 not yet a member, 4 of 6.
    assert value(cast, "member_youth_ratio") == Decimal("83.3")
    assert value(cast, "member_youth_ratio", 2024) == Decimal("66.7")
    assert value(cast, "member_youth_ratio_change") == Decimal("16.7")
    rows = {r.organization.name: r for r in selectors.member_youth_ratios(cast.users["county_admin"], Y)}
    assert (rows["东湖镇团委"].members, rows["东湖镇团委"].youths, rows["东湖镇团委"].percent) == (
        4,
        5,
        Decimal("80.0"),
    )
    assert (rows["青禾一中团委"].members, rows["青禾一中团委"].youths) == (1, 1)


def test_member_count_is_taken_at_the_plan_years_end(cast):
    member(cast.branch2, "周婷", joined=datetime.date(2025, 5, 4))

    assert value(cast, "members", 2024) == Decimal(4)
    assert value(cast, "members", 2025) == Decimal(5)


def test_task_14_is_proposed_per_rule_and_scored_only_after_confirmation(cast, admissions_2025):
    admin = cast.users["county_admin"]
    plan = services.plan_import(actor=admin, text=SAMPLE, year=Y)
    lesson, volunteer = targets_of(plan, 14)[:2]
    assert (lesson.metric, volunteer.metric) == (
        "admission_lesson_hours_violations",
        "admission_volunteer_hours_violations",
    )

    before = selectors.standing(admin, lesson, Y)
    assert (before.actual, before.goal, before.status, before.unit) == (Decimal(1), Decimal(0), "unconfirmed", "人")

    services.target_binding_confirm(actor=admin, target=lesson, metric=lesson.metric)
    lesson.refresh_from_db()
    after = selectors.standing(admin, lesson, Y)
    assert (after.actual, after.goal, after.status, after.unit) == (Decimal(1), Decimal(0), "missed", "人")
    assert lesson.confirmed_by == admin and lesson.confirmed
    assert LogEntry.objects.get_for_object(lesson).filter(changes__icontains="confirmed_metric").exists()


def test_a_binding_is_confirmed_by_the_county_only(cast):
    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=Y)
    lesson = targets_of(plan, 14)[0]

    with pytest.raises(Http404):
        services.target_binding_confirm(actor=cast.users["outsider"], target=lesson, metric=lesson.metric)
    lesson.refresh_from_db()
    assert not lesson.confirmed


def test_the_2025_summary_sentence_of_task_14_is_built_from_the_metric(cast, admissions_2025, tmp_path):
    from docx import Document

    admin = cast.users["county_admin"]
    plan = services.plan_import(actor=admin, text=SAMPLE, year=Y)
    lesson, volunteer = targets_of(plan, 14)[:2]
    services.target_binding_confirm(actor=admin, target=lesson, metric=lesson.metric)

    text = "\n".join(p.text for p in Document(__import__("io").BytesIO(report_docx(admin, plan))).paragraphs)

    assert "2025年团前教育不足规定学时而发展的团员1人（目标：0人）；未达成。" in text
    assert "2025年志愿服务不足年度规定时长而发展的团员1人（目标：0人）；待确认。" in text
    assert "学时；" not in text and "实际：1学时" not in text


def test_the_page_button_and_the_api_confirm_a_binding(cast, client_as):
    plan = services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=Y)
    lesson, volunteer = targets_of(plan, 14)[:2]
    client = client_as("county_admin")

    page = client.get(f"/plan/tasks/{lesson.task_id}/").content.decode()
    assert 'data-testid="confirm-binding"' in page
    response = client.post(f"/plan/targets/{lesson.pk}/confirm/", {"metric": lesson.metric})
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.confirmed

    api = client.post(
        f"/api/v1/plan/targets/{volunteer.pk}/confirm",
        data={"metric": volunteer.metric},
        content_type="application/json",
    )
    assert api.status_code == 200, api.content
    assert api.json()["confirmed"] is True and api.json()["unit"] == "人"
    refused = client_as("outsider").post(
        f"/api/v1/plan/targets/{volunteer.pk}/confirm", data={"metric": "members"}, content_type="application/json"
    )
    assert refused.status_code == 404


def episodes(ranks):
    season = Season.objects.create(code="2025-S1", title="2025年第一季", starts_on=datetime.date(Y, 1, 1))
    for i, rank in enumerate(ranks):
        Episode.objects.create(
            season=season,
            code=f"2025-{i + 1}",
            title=f"第{i + 1}期",
            released_on=datetime.date(Y, 3, 1) + datetime.timedelta(weeks=i),
            province_rank=rank,
            province_total=40,
        )


def test_every_episode_in_the_top_ten(cast):
    episodes([3, 25, 7])
    admin = cast.users["county_admin"]
    plan = services.plan_import(actor=admin, text=SAMPLE, year=Y)
    [target] = targets_of(plan, 2)
    assert (target.metric, target.quantity, target.comparison, target.unit) == ("study_worst_rank", 10, "<=", "名")

    assert value(cast, "study_episodes_in_band") == Decimal(2)
    assert value(cast, "study_worst_rank") == Decimal(25)
    assert value(cast, "study_band_share") == Decimal("66.7")
    services.target_binding_confirm(actor=admin, target=target, metric="study_worst_rank")
    target.refresh_from_db()
    s = selectors.standing(admin, target, Y)
    assert (s.actual, s.goal, s.status) == (Decimal(25), Decimal(10), "missed")


def test_the_top_band_is_the_county_policy(cast):
    episodes([3, 25, 7])
    admin = cast.users["county_admin"]
    policy_set(PlanPolicy, actor=admin, perm=MANAGE_PLAN, county=cast.county, year=Y, study_top_n=5)

    plan = services.plan_import(actor=admin, text=SAMPLE, year=Y)

    assert targets_of(plan, 2)[0].quantity == 5
    assert value(cast, "study_episodes_in_band") == Decimal(1)


def test_command_lists_metrics_and_standings(cast, admissions_2025, capsys):
    admin = cast.users["county_admin"]
    plan = services.plan_import(actor=admin, text=SAMPLE, year=Y)
    lesson = targets_of(plan, 14)[0]
    services.target_binding_confirm(actor=admin, target=lesson, metric=lesson.metric)

    call_command("plan", "metrics", "--format", "json")
    listed = {m["key"]: m for m in json.loads(capsys.readouterr().out)}
    assert listed["admission_lesson_hours_violations"]["unit"] == "人"
    assert listed["study_band_share"]["unit"] == "%"

    call_command("plan", "standing", "--year", str(Y), "--format", "json")
    rows = [r for r in json.loads(capsys.readouterr().out) if r["task"] == 14]
    ratio = rows.pop()
    assert (ratio["text"], ratio["metric"], ratio["unit"], ratio["status"], ratio["target"]) == (
        "合理降低团青比例。",
        "member_youth_ratio_change",
        "个百分点",
        "unconfirmed",
        0,
    )
    assert rows == [
        {
            "task": 14,
            "text": lesson.text,
            "metric": "admission_lesson_hours_violations",
            "confirmed": True,
            "actual": 1,
            "target": 0,
            "unit": "人",
            "status": "missed",
        },
        {
            "task": 14,
            "text": lesson.text,
            "metric": "admission_volunteer_hours_violations",
            "confirmed": False,
            "actual": 1,
            "target": 0,
            "unit": "人",
            "status": "unconfirmed",
        },
    ]
    call_command("plan", "standing", "--year", str(Y))
    out = capsys.readouterr().out
    assert "admission_volunteer_hours_violations" in out and "待确认" in out


def test_the_plan_page_shows_task_14_in_people_awaiting_confirmation(cast, admissions_2025, client_as):
    services.plan_import(actor=cast.users["county_admin"], text=SAMPLE, year=Y)

    page = client_as("county_admin").get(f"/plan/?year={Y}").content.decode()

    assert "<strong>1</strong> / 0 人" in page
    assert "/ 0 学时" not in page and "/ 0 小时" not in page
    assert "待确认" in page


def test_a_ratio_to_lower_is_a_target_bound_to_the_ratios_change(cast):
    """ "合理降低团青比例" has no number, but a direction: it is a target, proposed to the change of the member–youth
    ratio from the previous year end, with the goal "below 0", and unscored until confirmed."""
    admin = cast.users["county_admin"]
    plan = services.plan_import(actor=admin, text=SAMPLE, year=Y)

    [ratio] = [t for t in targets_of(plan, 14) if "团青比例" in t.text]

    assert (ratio.text, ratio.metric, ratio.comparison, ratio.quantity, ratio.unit) == (
        "合理降低团青比例。",
        "member_youth_ratio_change",
        "<",
        Decimal(0),
        "个百分点",
    )
    assert selectors.standing(admin, ratio, Y).status == "unconfirmed"
