"""A call walked from registration to award: 12 entries from three schools, four judges of whom one from
school A (never assigned A's entries), normalized scores matching a hand computation, a 5-day notice with one
objection answered, awards within the cap."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import Kind, Sector, member, org, user
from tuanwu.programs import selectors, services
from tuanwu.programs.models import Award, JudgeAssignment

from .factories import call, project

AUG = datetime.date(2026, 8, 10)

# Each judge's weighted totals (创新性 60 %, 实效 40 %). Every judge's marks have a round mean and spread, so
# their z-scores are ±1 (J1: mean 80, spread 10; J2: 80, 10; J3: 60, 5; J4: 60, 10).
MARKS = {
    "J1": {"B1": 70, "B2": 70, "B3": 90, "B4": 90},
    "J2": {"A1": 90, "A2": 90, "A3": 70, "A4": 70, "C1": 90, "C2": 70, "C3": 90, "C4": 70},
    "J3": {"A1": 65, "A2": 55, "A3": 65, "A4": 55, "B1": 55, "B2": 65, "B3": 65, "B4": 55},
    "J4": {"C1": 50, "C2": 50, "C3": 70, "C4": 70},
}
# By hand: an entry's normalized score is the mean of its two judges' z-scores, e.g. A1 = (J2: (90-80)/10 = 1
# + J3: (65-60)/5 = 1) / 2 = 1; A2 = (1 + (55-60)/5) / 2 = 0. Ties: C3, A1 and B3 all reach 1; C3 has the
# higher raw mean (80 against 77.5), A1 was registered before B3.
EXPECTED = [
    ("C3", 1.0, 80.0),
    ("A1", 1.0, 77.5),
    ("B3", 1.0, 77.5),
    ("A2", 0.0, 72.5),
    ("B4", 0.0, 72.5),
    ("C1", 0.0, 70.0),
    ("C4", 0.0, 70.0),
    ("A3", 0.0, 67.5),
    ("B2", 0.0, 67.5),
    ("A4", -1.0, 62.5),
    ("B1", -1.0, 62.5),
    ("C2", -1.0, 60.0),
]


@pytest.fixture
def walk(cast):
    admin = cast.users["county_admin"]
    schools = {
        "A": cast.school,
        "B": org(cast.county, "青禾二中团委", Kind.COMMITTEE, Sector.HIGH_SCHOOL),
        "C": org(cast.county, "青禾职校团委", Kind.COMMITTEE, Sector.HIGH_SCHOOL),
    }
    c = call(admin, cast.county, quota=4)
    entries = {}
    for letter, school in schools.items():
        for n in range(1, 5):
            p = project(admin, school, f"{school.name}实践队{n}")
            entries[f"{letter}{n}"] = services.entry_create(
                actor=admin, call=c, project=p, recommended_by=school, today=AUG
            )
    judges = {
        "J1": user("judge1", person=member(cast.school_branch, "孙老师")),
        "J2": user("judge2", person=member(cast.branch, "钱老师")),
        "J3": user("judge3", person=member(cast.branch2, "周老师")),
        "J4": user("judge4", person=member(cast.branch, "吴老师")),
    }
    rnd = services.round_create(actor=admin, call=c, name="初评")
    novelty = services.criterion_add(actor=admin, round=rnd, name="创新性", weight=Decimal("0.6"))
    effect = services.criterion_add(actor=admin, round=rnd, name="实效", weight=Decimal("0.4"))
    return {
        "admin": admin,
        "call": c,
        "entries": entries,
        "judges": judges,
        "round": rnd,
        "criteria": (novelty, effect),
    }


def _score_all(w):
    novelty, effect = w["criteria"]
    for name, marks in MARKS.items():
        judge = w["judges"][name]
        for key, total in marks.items():
            services.judge_assign(actor=w["admin"], round=w["round"], judge=judge, entry=w["entries"][key])
            # A1 by J2 shows the weights at work: 0.6 × 100 + 0.4 × 75 = 90.
            values = (100, 75) if (name, key) == ("J2", "A1") else (total, total)
            services.score_save(
                actor=judge,
                round=w["round"],
                entry=w["entries"][key],
                values={novelty.pk: Decimal(values[0]), effect.pk: Decimal(values[1])},
            )


def test_the_judge_from_school_a_is_refused_on_a_entries(walk):
    with pytest.raises(ValidationError) as e:
        services.judge_assign(
            actor=walk["admin"], round=walk["round"], judge=walk["judges"]["J1"], entry=walk["entries"]["A2"]
        )

    assert e.value.code == "COI_ORGANIZATION"
    assert "孙老师" in e.value.messages[0] and "青禾一中团委" in e.value.messages[0]
    assert not JudgeAssignment.objects.exists()


def test_a_team_member_is_refused_as_judge(walk, cast):
    entry = walk["entries"]["B1"]
    services.project_member_add(actor=walk["admin"], project=entry.project, person=cast.people["wang"])
    judge = user("judge5", person=cast.people["wang"])

    with pytest.raises(ValidationError) as e:
        services.judge_assign(actor=walk["admin"], round=walk["round"], judge=judge, entry=entry)

    assert e.value.code == "COI_TEAM"


def test_normalized_results_match_the_hand_computation(walk):
    _score_all(walk)
    by_pk = {e.pk: key for key, e in walk["entries"].items()}
    assert selectors.round_results(walk["round"]) == []  # nothing shown while the round is open

    closed = services.round_close(actor=walk["admin"], round=walk["round"])
    lines = selectors.round_results(closed)

    got = [(by_pk[line.entry.pk], round(line.row.normalized, 6), line.row.raw_mean) for line in lines]
    assert got == EXPECTED
    a1 = next(line.row for line in lines if by_pk[line.entry.pk] == "A1")
    assert (a1.raw_median, a1.raw_spread, a1.judges) == (77.5, 12.5, 2)
    j1 = JudgeAssignment.objects.filter(judge=walk["judges"]["J1"])
    assert not any(by_pk[a.entry_id].startswith("A") for a in j1)
    # Reproducible: the same scores give the same table.
    assert [line.row for line in selectors.round_results(closed)] == [line.row for line in lines]


def test_a_judge_sees_only_their_assigned_entries_and_marks(walk):
    _score_all(walk)

    mine = selectors.my_assignments(walk["judges"]["J4"], walk["round"])

    assert [m["entry"].pk for m in mine] == [walk["entries"][k].pk for k in ("C1", "C2", "C3", "C4")]
    assert [v for _c, v in mine[0]["values"]] == [Decimal(50), Decimal(50)]


def test_awards_wait_for_the_notice_and_its_answers_and_keep_within_the_cap(walk):
    _score_all(walk)
    admin, c = walk["admin"], walk["call"]
    services.round_close(actor=admin, round=walk["round"])
    excellent = c.levels.get()
    notice = services.notice_publish(actor=admin, call=c, starts_on=datetime.date(2026, 9, 10), text="拟表彰名单公示")
    objection = services.objection_record(
        actor=admin, notice=notice, text="C3队服务时长存疑", received_on=datetime.date(2026, 9, 12)
    )
    assert notice.days == 5 and notice.ends_on == datetime.date(2026, 9, 14)
    e = walk["entries"]

    with pytest.raises(ValidationError) as during:
        services.award_grant(actor=admin, entry=e["C3"], level=excellent, today=datetime.date(2026, 9, 14))
    with pytest.raises(ValidationError) as unanswered:
        services.award_grant(actor=admin, entry=e["C3"], level=excellent, today=datetime.date(2026, 9, 15))
    services.objection_answer(
        actor=admin, objection=objection, answer="经核实，时长记录无误", answered_on=datetime.date(2026, 9, 13)
    )
    first = services.award_grant(actor=admin, entry=e["C3"], level=excellent, today=datetime.date(2026, 9, 15))
    second = services.award_grant(actor=admin, entry=e["A1"], level=excellent, today=datetime.date(2026, 9, 15))
    with pytest.raises(ValidationError) as over:
        services.award_grant(actor=admin, entry=e["B3"], level=excellent, today=datetime.date(2026, 9, 15))

    assert (during.value.code, unanswered.value.code, over.value.code) == (
        "NOTICE_NOT_ENDED",
        "OBJECTION_OPEN",
        "AWARD_CAP",
    )
    assert (first.number, second.number) == ("QH-RY-2026-0001", "QH-RY-2026-0002")
    assert Award.objects.count() == 2  # 20 % of 12 entries, rounded down


def test_the_quota_limits_recommendations_per_organization(walk, cast):
    extra = project(walk["admin"], cast.school, "第五支队")

    with pytest.raises(ValidationError) as e:
        services.entry_create(
            actor=walk["admin"], call=walk["call"], project=extra, recommended_by=cast.school, today=AUG
        )

    assert e.value.code == "QUOTA_USED"
