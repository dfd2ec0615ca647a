"""The recording pages: the list, the minutes, recording from the roster, editing, deleting, copying the last
theme day, the campaign page and the export, each as the role that uses it and as one that must not."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.sheet_files import downloaded_name
from tuanwu.meetings.exports.meetings import meeting_export
from tuanwu.meetings.models import Attendance, Campaign, Kind, Meeting, PartyBranch, PartyMember
from tuanwu.meetings.services.meetings import Present, campaign_create, meeting_record
from tuanwu.meetings.tests.factories import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme_day(cast):
    campaign = campaign_create(actor=cast.users["county_admin"], county=cast.county, name="四进四信")
    return record(
        cast.users["branch_secretary"],
        cast.branch,
        Kind.THEME_DAY,
        datetime.date(2026, 2, 10),
        topic="二月主题团日",
        place="村委会",
        minutes="一、学习文件\n大家认真学习。\n二、讨论\n发言踊跃。",
        campaigns=[campaign],
        absent=("李华",),
    )


@pytest.fixture
def party_meeting(cast):
    party = PartyBranch.objects.create(organization=cast.county, name="团县委机关党支部")
    PartyMember.objects.create(
        branch=party, person=cast.people["li"], post=PartyMember.Post.SECRETARY, joined_on=datetime.date(2020, 1, 1)
    )
    return meeting_record(
        actor=cast.users["county_admin"],
        organization=cast.county,
        party_branch=party,
        kind=Kind.PARTY_COMMITTEE,
        held_on=datetime.date(2026, 3, 1),
        topic="机关党支部支委会",
        attendance=[Present(cast.people["li"])],
    )


def _topics(response):
    return [m.topic for m in response.context["page"]]


@pytest.mark.parametrize("name", ["branch_secretary", "committee_secretary", "county_admin", "cadre", "auditor"])
def test_list_shows_the_branchs_meetings_to_who_see_it(client_as, cast, theme_day, name):
    response = client_as(name).get("/meetings/")

    expected = [] if name == "cadre" else ["二月主题团日"]
    assert response.status_code == 200
    assert _topics(response) == expected


@pytest.mark.parametrize("name", ["member", "anonymous"])
def test_list_is_not_found_for_a_member(client_as, cast, theme_day, name):
    response = client_as(name).get("/meetings/")

    assert response.status_code == (404 if name == "member" else 302)


def test_list_filters_by_kind_date_campaign_text_and_organization(client_as, cast, theme_day):
    record(
        cast.users["committee_secretary"], cast.branch2, Kind.GROUP_MEETING, datetime.date(2026, 3, 5), topic="团小组会"
    )
    client = client_as("committee_secretary")
    campaign = Campaign.objects.get()

    assert _topics(client.get("/meetings/")) == ["团小组会", "二月主题团日"]
    assert _topics(client.get("/meetings/?kind=theme_day")) == ["二月主题团日"]
    assert _topics(client.get("/meetings/?date_from=2026-03-01&date_to=2026-03-31")) == ["团小组会"]
    assert _topics(client.get(f"/meetings/?campaign={campaign.pk}")) == ["二月主题团日"]
    assert _topics(client.get("/meetings/?q=小组")) == ["团小组会"]
    assert _topics(client.get(f"/meetings/?organization={cast.branch2.pk}")) == ["团小组会"]


def test_party_meetings_are_invisible_to_the_committee_secretary(client_as, cast, party_meeting):
    client = client_as("committee_secretary")

    assert _topics(client.get("/meetings/")) == []
    assert client.get(f"/meetings/{party_meeting.pk}/").status_code == 404


def test_party_meetings_are_listed_for_the_roll_and_the_county(client_as, cast, party_meeting):
    assert _topics(client_as("branch_secretary").get("/meetings/")) == ["机关党支部支委会"]
    assert _topics(client_as("county_admin").get("/meetings/")) == ["机关党支部支委会"]


def test_detail_shows_the_minutes(client_as, cast, theme_day):
    response = client_as("branch_secretary").get(f"/meetings/{theme_day.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "张晓明" in html and "李华（出差）" in html and "四进四信" in html and "村委会" in html
    assert response.context["can_edit"] is True


@pytest.mark.parametrize(("name", "status"), [("outsider", 404), ("member", 404), ("cadre", 404)])
def test_detail_is_not_found_outside_scope(client_as, cast, theme_day, name, status):
    assert client_as(name).get(f"/meetings/{theme_day.pk}/").status_code == status


def test_record_page_shows_the_roster_everyone_present(client_as, cast):
    response = client_as("branch_secretary").get("/meetings/record/")

    assert response.status_code == 200
    assert response.context["organization"] == cast.branch
    assert [(line["person"].name, line["status"]) for line in response.context["lines"]] == [
        ("李华", "present"),
        ("张晓明", "present"),
    ]


@pytest.mark.parametrize("name", ["cadre", "auditor", "member"])
def test_record_page_is_not_found_for_who_cannot_record(client_as, cast, name):
    assert client_as(name).get("/meetings/record/").status_code == 404


def _post(cast, **extra):
    zhang, li = cast.people["zhang"], cast.people["li"]
    return {
        "organization": cast.branch.pk,
        "kind": "theme_day",
        "held_on": "2026-03-10",
        "topic": "三月主题团日",
        "place": "村委会",
        "hours": "0",
        f"att-{zhang.pk}": "present",
        f"att-{li.pk}": "absent",
        f"reason-{li.pk}": "外出务工",
        "chair": li.pk,
        **extra,
    }


def test_recording_posts_the_meeting_with_the_absences(client_as, cast):
    response = client_as("branch_secretary").post("/meetings/record/", _post(cast))

    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert (meeting.organization, meeting.topic, meeting.chair) == (cast.branch, "三月主题团日", cast.people["li"])
    rows = {a.person.name: (a.status, a.reason) for a in meeting.attendance.select_related("person")}
    assert rows == {"张晓明": ("present", ""), "李华": ("absent", "外出务工")}


def test_recording_an_absence_without_reason_keeps_what_was_typed(client_as, cast):
    data = _post(cast)
    data[f"reason-{cast.people['li'].pk}"] = ""

    response = client_as("branch_secretary").post("/meetings/record/", data)

    assert response.status_code == 200
    assert "缺席的原因" in response.content.decode()
    assert response.context["form"]["topic"].value() == "三月主题团日"
    assert not Meeting.objects.exists()


def test_recording_for_an_organization_outside_scope_records_nothing_there(client_as, cast):
    client_as("branch_secretary").post("/meetings/record/", _post(cast, organization=cast.branch2.pk))

    assert not Meeting.objects.filter(organization=cast.branch2).exists()


def test_copy_last_theme_day_prefills_topic_place_campaigns_and_skeleton(client_as, cast, theme_day):
    response = client_as("branch_secretary").get(f"/meetings/record/?organization={cast.branch.pk}&copy=1")

    form = response.context["form"]
    assert form["topic"].value() == "二月主题团日"
    assert form["place"].value() == "村委会"
    assert form["kind"].value() == "theme_day"
    assert form["minutes"].value() == "一、学习文件\n二、讨论"
    assert [int(pk) for pk in form["campaigns"].value()] == [Campaign.objects.get().pk]


def test_party_record_page_offers_party_kinds_and_the_party_roll(client_as, cast, party_meeting):
    response = client_as("branch_secretary").get(f"/meetings/record/?party={party_meeting.party_branch_id}")

    assert response.status_code == 200
    assert [v for v, _ in response.context["form"].fields["kind"].choices] == [
        "party_general",
        "party_committee",
        "party_group",
        "party_lesson",
        "party_heart_talk",
    ]
    assert [line["person"].name for line in response.context["lines"]] == ["李华"]


def test_party_record_page_is_not_found_for_the_committee_secretary(client_as, cast, party_meeting):
    assert (
        client_as("committee_secretary").get(f"/meetings/record/?party={party_meeting.party_branch_id}").status_code
        == 404
    )


def test_edit_saves_and_a_stale_version_is_refused_with_a_message(client_as, cast, theme_day):
    client = client_as("branch_secretary")
    data = _post(cast, topic="改后的主题", version=theme_day.version)

    assert client.post(f"/meetings/{theme_day.pk}/edit/", data).status_code == 302
    stale = client.post(f"/meetings/{theme_day.pk}/edit/", {**data, "topic": "再改"})

    assert stale.status_code == 200
    assert "其他人已保存了这条记录" in stale.content.decode()
    assert Meeting.objects.get().topic == "改后的主题"


def test_edit_is_not_found_for_a_cadre_and_an_outsider(client_as, cast, theme_day):
    assert client_as("cadre").get(f"/meetings/{theme_day.pk}/edit/").status_code == 404
    assert client_as("outsider").post(f"/meetings/{theme_day.pk}/edit/", _post(cast, version=1)).status_code == 404
    assert Meeting.objects.get().topic == "二月主题团日"


def test_delete_asks_for_confirmation_and_deletes(client_as, cast, theme_day):
    client = client_as("branch_secretary")
    assert "data-confirm" in client.get(f"/meetings/{theme_day.pk}/").content.decode()

    response = client.post(f"/meetings/{theme_day.pk}/delete/")

    assert response.status_code == 302
    assert not Meeting.objects.exists()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("name", ["cadre", "outsider", "auditor"])
def test_delete_is_refused_to_who_may_not_record(client_as, cast, theme_day, name):
    assert client_as(name).post(f"/meetings/{theme_day.pk}/delete/").status_code == 404
    assert Meeting.objects.count() == 1


def test_campaign_page_is_the_county_admins(client_as, cast):
    client = client_as("county_admin")

    response = client.post("/meetings/campaigns/", {"name": "学党史", "position": "1"})

    assert response.status_code == 302
    assert list(Campaign.objects.values_list("name", "active")) == [("学党史", True)]
    assert "学党史" in client.get("/meetings/campaigns/").content.decode()


@pytest.mark.parametrize("name", ["committee_secretary", "branch_secretary", "member"])
def test_campaign_page_is_not_found_for_others(client_as, cast, name):
    campaign = campaign_create(actor=cast.users["county_admin"], county=cast.county, name="五四")
    client = client_as(name)

    assert client.get("/meetings/campaigns/").status_code == 404
    assert client.post(f"/meetings/campaigns/{campaign.pk}/delete/").status_code == 404
    assert Campaign.objects.count() == 1


def test_campaign_edit_and_delete_of_a_used_tag_retires_it(client_as, cast, theme_day):
    campaign = Campaign.objects.get()
    client = client_as("county_admin")

    client.post(
        f"/meetings/campaigns/{campaign.pk}/",
        {
            f"c{campaign.pk}-name": "四进四信活动",
            f"c{campaign.pk}-position": "3",
            f"c{campaign.pk}-active": "on",
            f"c{campaign.pk}-version": str(campaign.version),
        },
    )
    client.post(f"/meetings/campaigns/{campaign.pk}/delete/")

    assert list(Campaign.objects.values_list("name", "position", "active")) == [("四进四信活动", 3, False)]


def test_export_honours_the_filter_and_the_scope(cast, theme_day):
    import io

    from openpyxl import load_workbook

    record(
        cast.users["committee_secretary"], cast.branch2, Kind.GROUP_MEETING, datetime.date(2026, 3, 5), topic="团小组会"
    )

    data, name, count = meeting_export(actor=cast.users["committee_secretary"], params={"kind": "theme_day"})
    _, _, outsider_count = meeting_export(actor=cast.users["outsider"], params={})

    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert (count, outsider_count) == (1, 0)
    assert rows[1][3:13] == (
        "主题团日",
        "二月主题团日",
        "共青团东湖村团支部",
        "村委会",
        None,
        None,
        "四进四信",
        2,
        1,
        1,
    )


def test_export_button_starts_the_registered_export(client_as, cast, theme_day):
    response = client_as("branch_secretary").post("/jobs/exports/meetings/", {"kind": "theme_day", "count": "1"})

    assert response.status_code == 200
    assert downloaded_name(response).startswith("会议记录-")


def test_list_page_runs_a_fixed_number_of_queries(client_as, cast):
    client = client_as("committee_secretary")
    campaign = campaign_create(actor=cast.users["county_admin"], county=cast.county, name="五四")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/meetings/?size=200").status_code == 200
        return len(ctx.captured_queries)

    record(cast.users["committee_secretary"], cast.branch, campaigns=[campaign])
    few = count()
    for day in range(1, 21):
        record(
            cast.users["committee_secretary"], cast.branch2, held_on=datetime.date(2026, 1, day), campaigns=[campaign]
        )

    assert count() == few
    assert few <= 16
