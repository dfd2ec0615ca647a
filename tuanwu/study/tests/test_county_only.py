"""Only the county committee opens seasons and episodes, imports the province's export and records the county's
provincial rank; everyone else is refused and nothing is written."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from tuanwu.audit.models import BatchEvent
from tuanwu.study import services
from tuanwu.study.models import Episode, MemberBase, Participation, Season

from .factories import DAY1, by_name, export, season

OTHERS = ["committee_secretary", "branch_secretary", "cadre", "member", "auditor", "outsider", "anonymous"]


def actor_named(cast, who):
    return AnonymousUser() if who == "anonymous" else cast.users[who]


def written() -> tuple[int, ...]:
    return (
        Season.objects.count(),
        Episode.objects.count(),
        Participation.objects.count(),
        MemberBase.objects.count(),
        BatchEvent.objects.count(),
        LogEntry.objects.count(),
    )


def refused_with(call) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.code


def test_the_county_admin_opens_a_season_and_its_episodes_with_history(admin):
    s = services.season_create(actor=admin, code=" 2024-S2 ", title=" 2024年第二季 ", starts_on=DAY1)
    e = services.episode_create(actor=admin, season=s, code="2024-12", title="第12期", released_on=DAY1)

    assert (s.code, s.title, e.season, e.released_on, e.imported_at) == ("2024-S2", "2024年第二季", s, DAY1, None)
    history = LogEntry.objects.filter(content_type__app_label="study").order_by("pk")
    assert [(x.actor, x.object_repr) for x in history] == [(admin, "2024年第二季"), (admin, "第12期")]


def test_the_county_admin_records_the_provincial_rank(admin, ep):
    row = services.episode_rank_set(actor=admin, episode=ep, rank=3, total=16)

    assert (row.province_rank, row.province_total, row.version) == (3, 16, ep.version + 1)


def test_a_rank_below_the_number_ranked_is_refused(admin, ep):
    before = written()

    assert refused_with(lambda: services.episode_rank_set(actor=admin, episode=ep, rank=17, total=16)) == (
        "RANK_ABOVE_TOTAL"
    )
    assert written() == before


@pytest.mark.parametrize("who", OTHERS)
def test_only_the_county_opens_a_season(cast, who):
    before = written()

    code = refused_with(
        lambda: services.season_create(actor=actor_named(cast, who), code="S", title="季", starts_on=DAY1)
    )

    assert code == "STUDY_COUNTY_ONLY"
    assert written() == before


@pytest.mark.parametrize("who", OTHERS)
def test_only_the_county_adds_an_episode(cast, admin, who):
    s = season(admin)
    before = written()

    code = refused_with(
        lambda: services.episode_create(
            actor=actor_named(cast, who), season=s, code="E", title="期", released_on=datetime.date(2024, 5, 20)
        )
    )

    assert code == "STUDY_COUNTY_ONLY"
    assert written() == before


@pytest.mark.parametrize("who", OTHERS)
def test_only_the_county_imports_an_episode(cast, ep, who):
    data, filename = export([by_name(cast.people["zhang"])])
    before = written()

    code = refused_with(
        lambda: services.episode_import(actor=actor_named(cast, who), episode=ep, data=data, filename=filename)
    )

    assert code == "STUDY_COUNTY_ONLY"
    assert written() == before
    ep.refresh_from_db()
    assert ep.imported_at is None


@pytest.mark.parametrize("who", OTHERS)
def test_only_the_county_records_the_provincial_rank(cast, ep, who):
    before = written()

    code = refused_with(lambda: services.episode_rank_set(actor=actor_named(cast, who), episode=ep, rank=1, total=16))

    assert code == "STUDY_COUNTY_ONLY"
    ep.refresh_from_db()
    assert (ep.province_rank, ep.province_total) == (None, None)
    assert written() == before
