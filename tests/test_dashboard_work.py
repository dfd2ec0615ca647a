"""The dashboard's first row: this year's volunteer hours, admissions and the last study episode's rate."""

import datetime
from decimal import Decimal

from django.utils import timezone

from tuanwu.dashboards.selectors import work_figures
from tuanwu.study import services as study
from tuanwu.volunteering.models import HourEntry


def test_county_sees_hours_admissions_and_study(cast):
    zhang = cast.people["zhang"]
    HourEntry.objects.create(
        person=zhang,
        organization=zhang.organization,
        organizer=cast.town,
        source=HourEntry.Source.IMPORT,
        category="community",
        content="社区服务",
        service_date=timezone.localdate(),
        hours=Decimal("3.5"),
        status=HourEntry.Status.CERTIFIED,
        certified_at=timezone.now(),
    )
    admin = cast.users["county_admin"]
    season = study.season_create(actor=admin, code="S", title="S", starts_on=datetime.date(2026, 1, 1))
    episode = study.episode_create(
        actor=admin, season=season, code="E", title="第1期", released_on=datetime.date(2026, 3, 1)
    )
    study.episode_import(
        actor=admin, episode=episode, data="姓名,单位\n张晓明,东湖村团支部\n".encode(), filename="e.csv"
    )

    figures = {f["key"]: f for f in work_figures(admin)}

    assert (figures["hours"]["value"], figures["hours"]["volunteers"]) == (Decimal("3.5"), 1)
    assert (figures["admissions"]["value"], figures["admissions"]["open"]) == (0, 0)
    assert figures["study"]["value"] == 1 / 4  # one of the county's four members (张, 李, 王, 赵) studied
    page = cast_client_page(admin)
    assert 'data-testid="kpi-hours"' in page and 'data-testid="kpi-study"' in page


def cast_client_page(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.get("/").content.decode()


def test_a_member_sees_no_work_figures(cast):
    assert work_figures(cast.users["member"]) == []
