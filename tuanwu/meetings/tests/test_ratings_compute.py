"""The yearly branch rating (对标定级) computed for hand-built branches: items from the records with their basis,
items entered by the committee, the national bands, the exclusions, the age rule and the cap on ★5 + ★4."""

import datetime
import sys
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.factories import user
from tuanwu.accounts.roles import Role
from tuanwu.meetings import rating as sheet
from tuanwu.meetings.models import BranchRating, MeetingPolicy, Rectification
from tuanwu.meetings.services import ratings as services
from tuanwu.organizations.models import Kind
from tuanwu.organizations.policy import policy_set

from .ratings_factories import OLD, YEAR, aged, branch, points, records_only_structure  # noqa: F401

pytestmark = pytest.mark.usefixtures("records_only_structure")
Band = BranchRating.Band


@pytest.fixture
def nanshan(cast):
    """南山镇团委 (rated by its secretary) with five branches founded in 2024: 南一 … 南四 with a secretary in post,
    南五 without one."""
    committee = aged(branch_committee(cast), OLD)
    rater = user("nanshan_secretary", Role.COMMITTEE_SECRETARY, committee)
    branches = [branch(committee, f"南{n}村团支部") for n in "一二三四"]
    branches.append(branch(committee, "南五村团支部", secretary=False))
    return committee, rater, branches


def branch_committee(cast):
    from tests.factories import org

    return org(cast.county, "南山镇团委", Kind.COMMITTEE)


def rating_of(b) -> BranchRating:
    return BranchRating.objects.get(organization=b, year=YEAR)


def test_structure_is_computed_with_its_basis_and_the_rest_is_entered_by_hand(nanshan):
    committee, rater, (first, *_rest) = nanshan

    services.rating_compute(actor=rater, committee=committee, year=YEAR)

    items = {i["key"]: i for i in rating_of(first).items}
    assert items["structure"] == {
        "key": "structure",
        "label": "组织健全（支部委员会、书记在任）",
        "max": "15",
        "source": "records",
        "points": "15.0",
        "basis": "书记在任：南一甲；团员 2 人，不足 7 人，无需设支部委员会",
    }
    assert [k for k, i in items.items() if i["source"] == "entered"] == [
        "organizational_life",
        "registration",
        "dues",
        "study",
        "education",
        "role",
        "distinctive",
    ]
    assert items["organizational_life"]["basis"] == "尚不能从记录计算，请手工录入。"
    assert items["organizational_life"]["points"] is None
    assert rating_of(first).score is None and rating_of(first).band == ""


def test_a_branch_without_a_secretary_loses_the_secretary_share_of_structure(nanshan):
    committee, rater, branches = nanshan

    services.rating_compute(actor=rater, committee=committee, year=YEAR)

    structure = next(i for i in rating_of(branches[4]).items if i["key"] == "structure")
    assert (structure["points"], structure["basis"]) == (
        "6.0",
        "2026-12-31 无在任书记；团员 2 人，不足 7 人，无需设支部委员会",
    )


def enter_all(rater, branches):
    """The committee's entered points: 南一 72.5 + 15 = 87.5 (★4), 南二 77 + 15 = 92 (★5), 南三 66 + 15 = 81 (★4),
    南四 60 + 15 = 75 (★3), 南五 50 + 6 = 56 (软弱涣散)."""
    entered = [
        points(22, 10, 9, 8, 8, 12, 3.5),
        points(25, 10, 10, 8, 9, 12, 3),
        points(20, 9, 8, 7, 8, 11, 3),
        points(18, 8, 8, 7, 7, 9, 3),
        points(15, 7, 6, 6, 6, 8, 2),
    ]
    for b, p in zip(branches, entered, strict=True):
        services.rating_enter(actor=rater, rating=rating_of(b), points=p)


def test_a_hand_built_branch_scores_its_entered_and_computed_points_in_the_national_bands(nanshan):
    committee, rater, branches = nanshan
    services.rating_compute(actor=rater, committee=committee, year=YEAR)

    enter_all(rater, branches)

    assert [(rating_of(b).score, rating_of(b).band) for b in branches] == [
        (Decimal("87.5"), Band.FOUR),
        (Decimal("92.0"), Band.FIVE),
        (Decimal("81.0"), Band.FOUR),
        (Decimal("75.0"), Band.THREE),
        (Decimal("56.0"), Band.WEAK),
    ]


def test_must_show_cap_refuses_the_review_until_one_branch_is_lowered_with_a_reason(nanshan):
    # 3 of 5 branches at ★4 or ★5 under a 30 % cap: at most round(1.5) = 2.
    committee, rater, branches = nanshan
    services.rating_compute(actor=rater, committee=committee, year=YEAR)
    enter_all(rater, branches)
    second = rating_of(branches[1])

    with pytest.raises(ValidationError) as refused:
        services.rating_review(actor=rater, rating=second, final_band=Band.FIVE, version=second.version)

    assert refused.value.code == "RATING_CAP_EXCEEDED"
    assert refused.value.messages == [
        "★4 + ★5 将为南山镇团委下参评的 5 个团支部中的 3 个，超过上限 2 个（30 %）："
        "请先降低 1 个团支部的星级并说明理由，本次审核才能通过。"
    ]
    assert rating_of(branches[1]).status == BranchRating.Status.DRAFT
    assert rating_of(branches[1]).final_band == ""

    third = rating_of(branches[2])
    with pytest.raises(ValidationError) as no_reason:
        services.rating_review(actor=rater, rating=third, final_band=Band.THREE, version=third.version)
    assert no_reason.value.code == "RATING_REASON_REQUIRED"
    services.rating_review(
        actor=rater, rating=third, final_band=Band.THREE, reason="团员教育工作薄弱", version=third.version
    )
    second = rating_of(branches[1])
    services.rating_review(actor=rater, rating=second, final_band=Band.FIVE, version=second.version)
    first = rating_of(branches[0])
    services.rating_review(actor=rater, rating=first, final_band=Band.FOUR, version=first.version)

    assert [(rating_of(b).status, rating_of(b).final_band, rating_of(b).change_reason) for b in branches[:3]] == [
        (BranchRating.Status.REVIEWED, Band.FOUR, ""),
        (BranchRating.Status.REVIEWED, Band.FIVE, ""),
        (BranchRating.Status.REVIEWED, Band.THREE, "团员教育工作薄弱"),
    ]
    usage = services.cap_usage_of(committee, YEAR)
    assert (usage.top, usage.limit, usage.rated, usage.exceeded) == (2, 2, 5, False)


def test_the_cap_is_the_county_policy(cast, nanshan):
    committee, rater, branches = nanshan
    policy_set(
        MeetingPolicy,
        actor=cast.users["county_admin"],
        perm="meetings.rate_branch",
        county=cast.county,
        year=YEAR,
        rating_top_cap=60,
    )
    services.rating_compute(actor=rater, committee=committee, year=YEAR)
    enter_all(rater, branches)

    for b in branches[:3]:
        r = rating_of(b)
        services.rating_review(actor=rater, rating=r, final_band=r.band, version=r.version)

    assert services.cap_usage_of(committee, YEAR).limit == 3
    assert [rating_of(b).final_band for b in branches[:3]] == [Band.FOUR, Band.FIVE, Band.FOUR]


def test_review_needs_every_item_entered(nanshan):
    committee, rater, branches = nanshan
    services.rating_compute(actor=rater, committee=committee, year=YEAR)
    r = rating_of(branches[3])

    with pytest.raises(ValidationError) as refused:
        services.rating_review(actor=rater, rating=r, final_band=Band.THREE, reason="x", version=r.version)

    assert refused.value.code == "RATING_INCOMPLETE"
    assert rating_of(branches[3]).status == BranchRating.Status.DRAFT


def test_entered_points_outside_the_items_maximum_are_refused_naming_the_item(nanshan):
    committee, rater, branches = nanshan
    services.rating_compute(actor=rater, committee=committee, year=YEAR)
    r = rating_of(branches[0])

    with pytest.raises(ValidationError) as refused:
        services.rating_enter(actor=rater, rating=r, points={"distinctive": "6", "structure": "1"})

    assert refused.value.message_dict == {
        "distinctive": ["特色工作：6.0 超出 0 – 5 分。"],
        "structure": ["组织健全（支部委员会、书记在任）由记录计算。"],
    }
    assert rating_of(branches[0]).version == r.version


def test_a_refresh_keeps_the_entered_items_and_reviewed_ratings(nanshan):
    committee, rater, branches = nanshan
    services.rating_compute(actor=rater, committee=committee, year=YEAR)
    enter_all(rater, branches)
    r = rating_of(branches[3])
    services.rating_review(actor=rater, rating=r, final_band=Band.THREE, version=r.version)

    services.rating_compute(actor=rater, committee=committee, year=YEAR)

    assert rating_of(branches[0]).score == Decimal("87.5")
    assert rating_of(branches[0]).status == BranchRating.Status.DRAFT
    assert (rating_of(branches[3]).status, rating_of(branches[3]).final_band) == (
        BranchRating.Status.REVIEWED,
        Band.THREE,
    )


def test_a_stale_review_is_refused(nanshan):
    committee, rater, branches = nanshan
    services.rating_compute(actor=rater, committee=committee, year=YEAR)
    enter_all(rater, branches)
    r = rating_of(branches[3])

    with pytest.raises(ValidationError) as refused:
        services.rating_review(actor=rater, rating=r, final_band=Band.THREE, version=r.version - 1)

    assert refused.value.code == "EDIT_CONFLICT"
    assert rating_of(branches[3]).status == BranchRating.Status.DRAFT


def test_young_temporary_and_graduating_branches_are_not_rated(cast):
    # The cast's branches were created today (2026-12 at the latest), less than 6 months before 2026-12-31.
    temporary = branch(cast.town, "临时团支部", kind=Kind.TEMPORARY_BRANCH)
    graduating = branch(cast.town, "2023级3班团支部", graduates_on=datetime.date(2026, 6, 30))
    young = branch(cast.town, "新村团支部", created=datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC))

    services.rating_compute(actor=cast.users["committee_secretary"], committee=cast.town, year=YEAR)

    assert (rating_of(temporary).status, rating_of(temporary).excluded_reason) == (
        BranchRating.Status.EXCLUDED,
        "临时或流动团支部：不参评。",
    )
    assert rating_of(graduating).excluded_reason == "毕业班团支部（预计毕业 2026-06-30）：不参评。"
    assert rating_of(young).excluded_reason == (
        "成立于 2026-07-01（在系统中创建的日期，未记录成立日期），距截止日 2026-12-31 不足 6 个月：不参评。"
    )
    assert (rating_of(young).items, rating_of(young).score) == ([], None)


def test_a_branch_under_a_year_old_is_held_at_three_stars_with_the_reason(cast):
    secretary = cast.users["committee_secretary"]
    new = branch(cast.town, "新建村团支部", created=datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.UTC))
    services.rating_compute(actor=secretary, committee=cast.town, year=YEAR)

    services.rating_enter(actor=secretary, rating=rating_of(new), points=points(22, 10, 9, 8, 8, 12, 3.5))

    r = rating_of(new)
    assert (r.score, r.band) == (Decimal("87.5"), Band.THREE)
    assert r.band_note == "成立于 2026-03-01，距截止日 2026-12-31 不足一年：★4、★5 须满一年，定为 ★3。"
    with pytest.raises(ValidationError) as refused:
        services.rating_review(actor=secretary, rating=r, final_band=Band.FOUR, reason="工作突出", version=r.version)
    assert refused.value.code == "RATING_TOO_YOUNG"
    assert rating_of(new).status == BranchRating.Status.DRAFT


def test_organizational_life_is_computed_when_the_compliance_rules_give_a_share(monkeypatch, nanshan):
    committee, rater, (first, *_rest) = nanshan
    asked = []

    def share(b, start, end):
        asked.append((b.pk, start, end))
        return Decimal("0.8333")

    monkeypatch.setattr(services, "compliance_share_fn", lambda: share)

    services.rating_compute(actor=rater, committee=committee, year=YEAR)

    item = next(i for i in rating_of(first).items if i["key"] == "organizational_life")
    assert (item["source"], item["points"], item["basis"]) == (
        "records",
        "20.8",
        "按期开展组织生活：83.3 %（2026-01-01 – 2026-12-31）",
    )
    assert asked[0] == (first.pk, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def test_the_compliance_adapter_reports_not_computable_while_the_rules_module_is_missing(monkeypatch):
    monkeypatch.undo()  # this test checks the real adapter, not the module's stand-in
    monkeypatch.setitem(sys.modules, "tuanwu.meetings.rules", None)  # importing it raises ImportError

    assert services.compliance_share_fn() is None


def test_study_participation_is_computed_from_the_years_episodes(nanshan):
    from django.utils import timezone

    from tuanwu.study.models import Episode, MemberBase, Participation, Season

    committee, rater, (first, *_rest) = nanshan
    season = Season.objects.create(code="2026-1", title="2026 第一季", starts_on=datetime.date(2026, 1, 1))
    for n, learned in ((1, 2), (2, 1)):
        episode = Episode.objects.create(
            season=season,
            code=f"2026-0{n}",
            title=f"第{n}期",
            released_on=datetime.date(2026, n, 5),
            imported_at=timezone.now(),
        )
        MemberBase.objects.create(episode=episode, organization=first, members=2)
        for row in range(learned):
            Participation.objects.create(
                episode=episode, row=row + 1, name=f"学{row}", organization=first, is_member=True, match="name_org"
            )

    services.rating_compute(actor=rater, committee=committee, year=YEAR)

    item = next(i for i in rating_of(first).items if i["key"] == "study")
    assert (item["source"], item["points"], item["basis"]) == (
        "records",
        "7.5",
        "青年大学习：2 期，参学 3 人次，应学 4 人次，参学率 75.0 %",
    )


def test_a_weak_branch_gets_a_rectification_listed_until_done(nanshan):
    from tuanwu.meetings.selectors.ratings import rectification_list

    committee, rater, branches = nanshan
    services.rating_compute(actor=rater, committee=committee, year=YEAR)
    enter_all(rater, branches)
    weak = rating_of(branches[4])
    services.rating_review(actor=rater, rating=weak, final_band=Band.WEAK, version=weak.version)
    assert [r.organization.name for r in rectification_list(rater)] == ["南五村团支部"]

    with pytest.raises(ValidationError) as refused:
        services.rectification_save(
            actor=rater,
            rating=weak,
            problems="书记空缺",
            measures="选配书记",
            due_on=datetime.date(2027, 3, 31),
            done_on=datetime.date(2027, 3, 1),
        )
    assert refused.value.code == "RECTIFICATION_INVALID"
    assert Rectification.objects.count() == 0

    row = services.rectification_save(
        actor=rater, rating=weak, problems="书记空缺", measures="选配书记", due_on=datetime.date(2027, 3, 31)
    )
    assert [r.organization.name for r in rectification_list(rater)] == ["南五村团支部"]
    services.rectification_save(
        actor=rater,
        rating=weak,
        problems="书记空缺",
        measures="选配书记",
        due_on=datetime.date(2027, 3, 31),
        done_on=datetime.date(2027, 3, 1),
        result="已选配书记并开展组织生活",
        version=row.version,
    )
    assert list(rectification_list(rater)) == []


def test_only_a_weak_branch_is_rectified(nanshan):
    committee, rater, branches = nanshan
    services.rating_compute(actor=rater, committee=committee, year=YEAR)
    enter_all(rater, branches)

    with pytest.raises(ValidationError):
        services.rectification_save(
            actor=rater, rating=rating_of(branches[3]), problems="p", measures="m", due_on=datetime.date(2027, 1, 1)
        )
    assert Rectification.objects.count() == 0


def test_the_branch_secretary_cannot_rate_and_an_outsider_does_not_see_the_rating(cast):
    aged(cast.branch, OLD)
    services.rating_compute(actor=cast.users["committee_secretary"], committee=cast.town, year=YEAR)
    r = rating_of(cast.branch)

    with pytest.raises(PermissionDenied):
        services.rating_enter(actor=cast.users["branch_secretary"], rating=r, points={"role": "10"})
    with pytest.raises(Http404):
        services.rating_enter(actor=cast.users["outsider"], rating=r, points={"role": "10"})
    with pytest.raises(Http404):
        services.rating_compute(actor=cast.users["outsider"], committee=cast.town, year=YEAR)

    assert rating_of(cast.branch).version == r.version


def test_bands_and_the_cap_arithmetic():
    assert [sheet.band_of(Decimal(s)) for s in ("90", "89.9", "80", "79.9", "70", "69.9", "60", "59.9")] == [
        Band.FIVE,
        Band.FOUR,
        Band.FOUR,
        Band.THREE,
        Band.THREE,
        Band.TWO,
        Band.TWO,
        Band.WEAK,
    ]
    assert [sheet.top_limit(n, 30) for n in (1, 3, 5, 7, 10)] == [0, 1, 2, 2, 3]
    assert sum(s.max_points for s in sheet.default_sheet()) == 100


def test_a_countys_sheet_must_add_up_to_100():
    with pytest.raises(ValidationError) as refused:
        sheet.sheet_from(
            [{"key": "structure", "label": "组织健全", "max": 40}, {"key": "other", "label": "其他", "max": 50}]
        )

    assert refused.value.messages == ["评分表各项满分合计为 90，而不是 100。"]
