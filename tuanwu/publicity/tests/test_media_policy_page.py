"""The county sets its media accounts' dormancy rules per year on a page of its own, with the change history and
a refusal of an edit made on a stale page; other roles do not reach it."""

import datetime

import pytest

from tuanwu.publicity.models import MediaPolicy

YEAR = datetime.date.today().year


def test_the_county_saves_its_days_to_dormant_and_to_close(client_as, cast):
    client = client_as("county_admin")

    response = client.post(f"/publicity/media-policy/?year={YEAR}", {"dormant_days": 60, "close_days": 20})
    page = client.get(f"/publicity/media-policy/?year={YEAR}").content.decode()

    assert response.status_code == 302
    policy = MediaPolicy.objects.get(organization=cast.county, year=YEAR)
    assert (policy.dormant_days, policy.close_days, policy.version) == (60, 20, 1)
    assert 'name="version" value="1"' in page


def test_an_edit_made_on_a_stale_page_is_refused(client_as, cast):
    MediaPolicy.objects.create(organization=cast.county, year=YEAR, dormant_days=60, close_days=20, version=2)

    response = client_as("county_admin").post(
        f"/publicity/media-policy/?year={YEAR}", {"dormant_days": 45, "close_days": 10, "version": 1}
    )

    assert response.status_code == 200
    assert "您编辑期间，其他人已保存了这条记录。请刷新页面后重试。" in response.content.decode()
    assert MediaPolicy.objects.get().dormant_days == 60


def test_the_page_shows_the_defaults_when_nothing_is_saved(client_as):
    page = client_as("county_admin").get(f"/publicity/media-policy/?year={YEAR}").content.decode()

    assert 'value="90"' in page and 'value="30"' in page
    assert not MediaPolicy.objects.exists()


@pytest.mark.parametrize("role", ["committee_secretary", "branch_secretary", "member", "auditor"])
def test_others_do_not_reach_the_page(client_as, role):
    response = client_as(role).post(f"/publicity/media-policy/?year={YEAR}", {"dormant_days": 1, "close_days": 1})

    assert response.status_code == 404
    assert not MediaPolicy.objects.exists()
