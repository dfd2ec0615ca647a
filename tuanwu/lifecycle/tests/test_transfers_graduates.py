"""A graduating class sent out at once with a destination per member, and its 学社衔接率."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import org
from tuanwu.lifecycle.models import Graduate, Transfer
from tuanwu.lifecycle.selectors.transfers import graduating_class_summary
from tuanwu.lifecycle.services.transfers import (
    GraduatePlan,
    graduating_class_send,
    graduating_class_set,
    transfer_accept,
    transfer_reject,
)
from tuanwu.organizations.models import Sector
from tuanwu.people.models import Membership, Person
from tuanwu.plan.metrics import METRICS

from .transfer_factories import DAY, committee, school_class

pytestmark = pytest.mark.django_db
D = GraduatePlan


@pytest.fixture
def graduating(cast):
    branch = school_class(cast.school, "2023级3班团支部", 40)
    flowing = org(cast.school, "流动团员团支部", sector=Sector.HIGH_SCHOOL)
    college = committee(cast.county, "县职教中心团委")
    gc = graduating_class_set(actor=cast.users["outsider"], organization=branch, expected_on=datetime.date(2026, 6, 30))
    people = list(Person.objects.filter(organization=branch).order_by("name"))
    return branch, flowing, college, gc, people


def test_a_class_of_40_is_sent_out_with_mixed_destinations(cast, graduating):
    branch, flowing, college, gc, people = graduating
    kinds = (
        [D(p, "further_study", college) for p in people[:10]]
        + [D(p, "further_study", external_name="安徽大学团委") for p in people[10:15]]
        + [D(p, "employed", cast.town) for p in people[15:23]]
        + [D(p, "unplaced", cast.town) for p in people[23:28]]
        + [D(p, "unplaced_kept", flowing) for p in people[28:32]]
        + [D(p, "military") for p in people[32:34]]
        + [D(p, "abroad") for p in people[34:37]]
        + [D(p, "deferred") for p in people[37:39]]
    )  # people[39] is not sent yet

    graduates = graduating_class_send(actor=cast.users["outsider"], graduating_class=gc, plans=kinds, today=DAY)
    secretary = cast.users["committee_secretary"]
    for g in graduates[15:23]:
        transfer_accept(actor=secretary, transfer=g.transfer, branch=cast.branch, today=DAY)
    transfer_reject(actor=secretary, transfer=graduates[23].transfer, reason="户籍不在本镇", today=DAY)
    summary = graduating_class_summary(gc)

    assert len(graduates) == 39 and Graduate.objects.filter(graduating_class=gc).count() == 39
    assert [g.transfer for g in graduates[34:39]] == [None] * 5
    assert {t.status for t in Transfer.objects.filter(graduate__in=graduates[10:15])} == {"completed"}
    assert Transfer.objects.get(graduate=graduates[32]).external_name == "特殊单位专属库（省级团委审批）"
    assert Membership.objects.filter(organization=flowing).count() == 4
    assert graduates[28].kept_until == datetime.date(2026, 12, 10)
    assert Membership.objects.filter(organization=cast.branch).count() == 2 + 8
    assert (summary.graduates, summary.staying, summary.to_transfer) == (40, 5, 35)
    assert (summary.transferred, summary.not_sent, len(summary.stuck)) == (5 + 8 + 4 + 2, 1, 16)
    assert summary.rate == Decimal("54.3")
    assert summary.by_status == {"completed": 19, "awaiting_receiver": 14, "rejected": 1}
    stuck = {(s.status, s.where) for s in summary.stuck}
    assert stuck == {
        ("awaiting_receiver", "县职教中心团委"),
        ("awaiting_receiver", "东湖镇团委"),
        ("rejected", "东湖镇团委"),
        ("not_sent", "2023级3班团支部"),
    }
    gc.refresh_from_db()
    assert gc.sent_on == DAY
    rate = METRICS["graduate_transfer_rate"]
    assert rate.compute(cast.users["county_admin"], cast.county, 2026) == Decimal("54.3")
    assert rate.compute(cast.users["county_admin"], cast.county, 2025) is None


def test_one_bad_row_sends_none_and_names_the_member(cast, graduating):
    branch, flowing, college, gc, people = graduating
    plans = [D(people[0], "employed", cast.town), D(people[1], "further_study")]

    with pytest.raises(ValidationError) as bad:
        graduating_class_send(actor=cast.users["outsider"], graduating_class=gc, plans=plans, today=DAY)

    assert bad.value.code == "GRADUATE_NO_DESTINATION"
    assert people[1].name in bad.value.messages[0]
    assert Transfer.objects.count() == 0 and Graduate.objects.count() == 0


@pytest.mark.parametrize("day", [datetime.date(2026, 4, 30), datetime.date(2026, 12, 1)])
def test_a_class_is_sent_only_in_the_season(cast, graduating, day):
    branch, flowing, college, gc, people = graduating

    with pytest.raises(ValidationError) as outside:
        graduating_class_send(
            actor=cast.users["outsider"], graduating_class=gc, plans=[D(people[0], "employed", cast.town)], today=day
        )

    assert outside.value.code == "GRADUATES_OUT_OF_SEASON"
    assert Transfer.objects.count() == 0


def test_a_school_keeps_an_unplaced_graduate_a_year_at_most(cast, graduating):
    branch, flowing, college, gc, people = graduating
    plans = [D(people[0], "unplaced_kept", flowing, kept_until=datetime.date(2027, 6, 11))]

    with pytest.raises(ValidationError) as too_long:
        graduating_class_send(actor=cast.users["outsider"], graduating_class=gc, plans=plans, today=DAY)

    assert too_long.value.code == "GRADUATE_KEPT_TOO_LONG"


def test_another_committee_cannot_send_the_class(cast, graduating):
    branch, flowing, college, gc, people = graduating
    from django.http import Http404

    with pytest.raises(Http404):
        graduating_class_send(
            actor=cast.users["committee_secretary"],
            graduating_class=gc,
            plans=[D(people[0], "employed", cast.town)],
            today=DAY,
        )
    assert Transfer.objects.count() == 0
