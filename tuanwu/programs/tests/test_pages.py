import datetime
from decimal import Decimal
from urllib.parse import unquote

import pytest

from tests.factories import user
from tuanwu.programs import services

from .factories import call, project


@pytest.fixture
def walked(cast):
    admin = cast.users["county_admin"]
    p = project(admin, cast.branch, members=[cast.people["zhang"]])
    c = call(admin, cast.town, quota=2, levels=(("优秀团队", Decimal("100")),))
    entry = services.entry_create(
        actor=admin, call=c, project=p, recommended_by=cast.branch, today=datetime.date(2026, 8, 10)
    )
    rnd = services.round_create(actor=admin, call=c, name="初评")
    criterion = services.criterion_add(actor=admin, round=rnd, name="创新性", weight=Decimal("1"))
    judge = user("judge", person=cast.people["zhao"])
    services.judge_assign(actor=admin, round=rnd, judge=judge, entry=entry)
    return {
        "admin": admin,
        "project": p,
        "call": c,
        "entry": entry,
        "round": rnd,
        "criterion": criterion,
        "judge": judge,
    }


def test_the_judge_scores_on_their_page_and_sees_only_their_entries(client, walked):
    client.force_login(walked["judge"])
    url = f"/programs/rounds/{walked['round'].pk}/score/"

    response = client.post(url, {"entry": walked["entry"].pk, f"c{walked['criterion'].pk}": "88"})
    page = client.get(url).content.decode()

    assert response.status_code == 302
    assert 'value="88.00"' in page and "乡村振兴实践队" in page


def test_the_judge_is_refused_on_an_entry_not_assigned(client, walked, cast):
    from tuanwu.programs.tests.factories import project as make

    other = make(walked["admin"], cast.branch2, "西湾队")
    entry = services.entry_create(
        actor=walked["admin"],
        call=walked["call"],
        project=other,
        recommended_by=cast.branch2,
        today=datetime.date(2026, 8, 10),
    )
    client.force_login(walked["judge"])

    client.post(
        f"/programs/rounds/{walked['round'].pk}/score/", {"entry": entry.pk, f"c{walked['criterion'].pk}": "90"}
    )

    assert not entry.scores.exists()


def test_results_page_and_export_after_closing(client, walked):
    services.score_save(
        actor=walked["judge"],
        round=walked["round"],
        entry=walked["entry"],
        values={walked["criterion"].pk: Decimal(80)},
    )
    services.round_close(actor=walked["admin"], round=walked["round"])
    client.force_login(walked["admin"])

    page = client.get(f"/programs/rounds/{walked['round'].pk}/").content.decode()
    export = client.get(f"/programs/rounds/{walked['round'].pk}/results.xlsx")

    assert 'data-testid="results"' in page and "80.00" in page
    assert export.status_code == 200
    assert "评审结果" in unquote(export["Content-Disposition"])


def test_an_award_prints_with_a_verification_address(client, walked):
    admin = walked["admin"]
    services.round_close(actor=admin, round=walked["round"])
    services.notice_publish(actor=admin, call=walked["call"], starts_on=datetime.date(2026, 9, 1), text="公示")
    award = services.award_grant(
        actor=admin, entry=walked["entry"], level=walked["call"].levels.get(), today=datetime.date(2026, 9, 10)
    )
    client.force_login(admin)

    printed = client.get(f"/programs/awards/{award.pk}/").content.decode()
    client.logout()
    verified = client.get(f"/programs/verify/{award.token}/").content.decode()

    assert award.number in printed and f"/programs/verify/{award.token}/" in printed and "<svg" in printed
    assert award.number in verified and "优秀团队" in verified


def test_project_list_filters_by_kind_and_year(client, walked, cast):
    project(
        walked["admin"],
        cast.branch,
        "课题一",
        kind="research",
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 6, 1),
    )
    client.force_login(cast.users["committee_secretary"])

    by_kind = client.get("/programs/", {"kind": "research"}).content.decode()
    by_year = client.get("/programs/", {"year": "2026"}).content.decode()

    assert "课题一" in by_kind and "乡村振兴实践队" not in by_kind
    assert "课题一" not in by_year and "乡村振兴实践队" in by_year
