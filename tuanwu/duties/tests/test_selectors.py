import datetime
from decimal import Decimal

from tuanwu.duties import selectors as sel
from tuanwu.duties.models import MandateKind
from tuanwu.plan.metrics import METRICS

from .factories import duty, mandate, term

D = datetime.date


def _setup(cast):
    t = term(cast.county)
    zhang = mandate(t, cast.people["zhang"])
    mandate(t, cast.people["zhang"], kind=MandateKind.DELEGATE)
    wang = mandate(t, cast.people["wang"], kind=MandateKind.ALTERNATE)
    zhao = mandate(t, cast.people["zhao"], kind=MandateKind.DELEGATE)
    duty(zhang, D(2025, 3, 1))
    duty(zhang, D(2025, 4, 1), kind="proposal", title="提案一", proposal_status="submitted")
    duty(zhang, D(2024, 4, 1), kind="proposal", title="去年的提案", proposal_status="submitted")
    duty(wang, D(2025, 5, 1))
    return t, zhao


def test_counts_a_persons_duties_of_the_year_by_kind_over_all_their_seats(cast):
    t, _ = _setup(cast)

    rows = {p.person.name: p for p in sel.term_summary(cast.users["county_admin"], t, 2025)}

    assert {name: dict(p.counts) for name, p in rows.items()} == {
        "张晓明": {"meeting_attended": 1, "proposal": 1},
        "王芳": {"meeting_attended": 1},
        "赵磊": {},
    }
    assert [name for name, p in rows.items() if p.nothing_recorded] == ["赵磊"]


def test_flags_the_people_with_nothing_recorded_this_year(cast):
    t, _ = _setup(cast)

    idle = sel.term_idle(cast.users["county_admin"], t, 2025)

    assert [p.person.name for p in idle] == ["赵磊"]


def test_a_committee_secretary_sees_the_seats_of_its_own_people_only(cast):
    t, _ = _setup(cast)

    rows = sel.term_summary(cast.users["committee_secretary"], t, 2025)

    assert sorted(p.person.name for p in rows) == ["张晓明", "王芳"]
    assert sel.term_summary(cast.users["outsider"], t, 2025)[0].person.name == "赵磊"


def test_a_member_reaches_only_their_own_mandates(cast):
    _setup(cast)

    assert {m.person.name for m in sel.my_mandates(cast.users["member"])} == {"张晓明"}
    assert not sel.mandate_list(cast.users["member"]).exists()


def test_summary_costs_two_queries(cast, django_assert_num_queries):
    t, _ = _setup(cast)
    user = cast.users["county_admin"]
    sel.term_summary(user, t, 2025)

    with django_assert_num_queries(2):
        sel.term_summary(user, t, 2025)


def test_plan_metrics_count_people_proposals_and_meetings(cast):
    _setup(cast)
    user = cast.users["county_admin"]

    values = {
        k: METRICS[k].compute(user, cast.county, 2025)
        for k in ("duties_active_share", "duties_proposals", "duties_meetings_attended")
    }

    assert values == {
        "duties_active_share": Decimal("66.7"),
        "duties_proposals": Decimal(1),
        "duties_meetings_attended": Decimal(2),
    }
    assert (
        METRICS["duties_active_share"].unit,
        METRICS["duties_proposals"].unit,
        METRICS["duties_meetings_attended"].unit,
    ) == ("%", "件", "人次")
