"""The import through the upload page and the API, as the county and as roles that may not import."""

import datetime

import pytest

from tuanwu.study import services
from tuanwu.study.models import Participation

EXPORT = (
    "青年大学习2026年第1期学习情况\n"
    "课程,系统,学校,学院,单位/班级/社区（村）,学号/卡号/工号,学习时间\n"
    "第1期,,,,东湖村团支部,2021001张晓明,2026/03/02 20:15\n"
    "第1期,,,,东湖村团支部,李华,2026/03/02 20:16\n"
    "共2条\n"
).encode("gbk")


@pytest.fixture
def episode(cast):
    zhang = cast.people["zhang"]
    zhang.staff_number = "2021001"
    zhang.save()
    admin = cast.users["county_admin"]
    season = services.season_create(actor=admin, code="S1", title="第1季", starts_on=datetime.date(2026, 1, 1))
    return services.episode_create(
        actor=admin, season=season, code="E1", title="第1期", released_on=datetime.date(2026, 3, 1)
    )


def upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("export.csv", EXPORT, content_type="text/csv")


def test_county_imports_through_the_page_and_lands_on_the_review(client_as, cast, episode):
    response = client_as("county_admin").post(f"/study/episodes/{episode.pk}/import/", {"file": upload()})

    assert response.status_code == 302
    assert response["Location"] == f"/study/episodes/{episode.pk}/review/"
    assert sorted(Participation.objects.values_list("name", "match")) == [
        ("张晓明", "number"),
        ("李华", "name_org"),
    ]


@pytest.mark.parametrize("role", ["committee_secretary", "branch_secretary", "member"])
def test_only_the_county_imports_through_the_page(client_as, cast, episode, role):
    response = client_as(role).post(f"/study/episodes/{episode.pk}/import/", {"file": upload()})

    assert response.status_code == 404
    assert not Participation.objects.exists()


def test_api_import_counts_the_learners(client_as, cast, episode):
    response = client_as("county_admin").post(f"/api/v1/study/episodes/{episode.pk}/import", {"file": upload()})

    assert response.status_code == 200, response.content
    assert response.json() == {"rows": 2, "matched": 2, "members": 2, "ambiguous": 0, "unmatched": 0, "duplicates": 0}


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("committee_secretary", 422, "STUDY_COUNTY_ONLY"),
        ("member", 404, "NOT_FOUND"),
        ("anonymous", 401, "UNAUTHENTICATED"),
    ],
)
def test_api_import_is_refused_to_others(client_as, cast, episode, role, status, code):
    response = client_as(role).post(f"/api/v1/study/episodes/{episode.pk}/import", {"file": upload()})

    assert response.status_code == status
    assert response.json()["code"] == code
    assert not Participation.objects.exists()


def test_command_import_through_tuanwu_import_study(cast, tmp_path, capsys):
    from django.core.management import call_command

    zhang = cast.people["zhang"]
    zhang.staff_number = "2021001"
    zhang.save()
    path = tmp_path / "export.csv"
    path.write_bytes(EXPORT)

    call_command(
        "import",
        "study",
        str(path),
        "--episode",
        "2026-01",
        "--title",
        "第1期",
        "--date",
        "2026-03-01",
        "--format",
        "json",
    )

    assert capsys.readouterr().out.strip() == (
        '{"rows": 2, "matched": 2, "members": 2, "ambiguous": 0, "unmatched": 0, "duplicates": 0}'
    )
    assert Participation.objects.filter(episode__code="2026-01").count() == 2


def test_episode_list_charts_the_county_rank_once_entered(client_as, cast, episode):
    assert 'data-testid="rank-trend"' not in client_as("county_admin").get("/study/").content.decode()

    services.episode_rank_set(actor=cast.users["county_admin"], episode=episode, rank=3, total=12)

    html = client_as("committee_secretary").get("/study/").content.decode()
    assert 'data-testid="rank-trend"' in html
    assert '"y": [3]' in html
    # Episode codes such as "2026-01" are labels, not months: the axis must not read them as dates.
    assert 'xaxis: {type: "category"}' in html
