"""The minutes book (会议记录本) of a term: the branch's meetings in date order in the paper layout, as a print
page and as .docx; the Party branch's only for its roll and the county; 404 for anyone outside."""

import datetime
import io

import docx
import pytest

from tuanwu.meetings.models import Kind, PartyBranch, PartyMember
from tuanwu.meetings.selectors.minutes import Term, term_parse
from tuanwu.meetings.services.meetings import Present, meeting_record
from tuanwu.meetings.tests.factories import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def term_meetings(cast):
    secretary = cast.users["branch_secretary"]
    record(
        secretary,
        cast.branch,
        Kind.LESSON,
        datetime.date(2026, 4, 2),
        topic="四月团课",
        hours=2,
        place="村委会",
        chair=cast.people["li"],
        recorder=cast.people["zhang"],
        decisions="按时完成学习",
    )
    record(
        secretary,
        cast.branch,
        Kind.THEME_DAY,
        datetime.date(2026, 2, 10),
        topic="二月主题团日",
        absent=("张晓明",),
        minutes="一、学习文件\n二、讨论",
    )
    record(secretary, cast.branch, Kind.THEME_DAY, datetime.date(2026, 7, 10), topic="七月主题团日")
    record(cast.users["committee_secretary"], cast.branch2, Kind.THEME_DAY, datetime.date(2026, 3, 1), topic="西湾")


@pytest.fixture
def party(cast):
    branch = PartyBranch.objects.create(organization=cast.county, name="团县委机关党支部")
    PartyMember.objects.create(
        branch=branch, person=cast.people["li"], post=PartyMember.Post.SECRETARY, joined_on=datetime.date(2020, 1, 1)
    )
    meeting_record(
        actor=cast.users["county_admin"],
        organization=cast.county,
        party_branch=branch,
        kind=Kind.PARTY_COMMITTEE,
        held_on=datetime.date(2026, 3, 1),
        topic="机关党支部支委会",
        attendance=[Present(cast.people["li"])],
        history=True,
    )
    return branch


def test_print_page_lists_the_terms_meetings_in_date_order_in_the_paper_layout(client_as, cast, term_meetings):
    response = client_as("branch_secretary").get(f"/meetings/minutes/?organization={cast.branch.pk}&term=2026-1")

    assert response.status_code == 200
    assert [e.meeting.topic for e, _rows in response.context["entries"]] == ["二月主题团日", "四月团课"]
    first = dict(response.context["entries"][0][1])
    assert first["时间"] == "2026年2月10日"
    assert first["应到/实到/缺席（原因）"] == "应到 2 人，实到 1 人，缺席 1 人：张晓明（出差）"
    assert first["内容"] == "一、学习文件\n二、讨论"
    second = dict(response.context["entries"][1][1])
    shown = (second["地点"], second["主持人"], second["记录人"], second["决议"])
    assert shown == ("村委会", "李华", "张晓明", "按时完成学习")
    page = response.content.decode()
    assert "@page { size: A4" in page
    assert "东湖村团支部 · 2026年上半年（1—6月）" in page


def test_docx_holds_each_meeting_as_a_table(client_as, cast, term_meetings):
    response = client_as("branch_secretary").get(f"/meetings/minutes/docx/?organization={cast.branch.pk}&term=2026-1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = docx.Document(io.BytesIO(response.content))
    tables = document.tables
    assert len(tables) == 2
    cells = {row.cells[0].text: row.cells[1].text for row in tables[0].rows}
    assert cells["议题"] == "二月主题团日"
    assert cells["应到/实到/缺席（原因）"] == "应到 2 人，实到 1 人，缺席 1 人：张晓明（出差）"
    assert {row.cells[0].text: row.cells[1].text for row in tables[1].rows}["议题"] == "四月团课"


@pytest.mark.parametrize("role", ["cadre", "outsider", "member"])
@pytest.mark.parametrize("path", ["/meetings/minutes/", "/meetings/minutes/docx/"])
def test_refused_outside_the_scope(client_as, cast, term_meetings, role, path):
    response = client_as(role).get(f"{path}?organization={cast.branch.pk}&term=2026-1")

    assert response.status_code == 404


def test_second_term_and_the_default_term(client_as, cast, term_meetings):
    client = client_as("branch_secretary")

    second = client.get(f"/meetings/minutes/?organization={cast.branch.pk}&term=2026-2")
    default = client.get("/meetings/minutes/")

    assert [e.meeting.topic for e, _rows in second.context["entries"]] == ["七月主题团日"]
    assert default.status_code == 200
    assert default.context["book"].organization == cast.branch


def test_a_malformed_term_is_refused_with_the_rule(client_as, cast):
    response = client_as("branch_secretary").get(f"/meetings/minutes/?organization={cast.branch.pk}&term=2026-3")

    assert response.status_code == 400
    assert "2026-1" in response.content.decode()


def test_terms_are_half_years():
    assert term_parse("2026-1") == Term(2026, 1)
    assert (Term(2026, 2).starts_on, Term(2026, 2).ends_on) == (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31))
    assert term_parse("2026-3") is None and term_parse("26-1") is None


@pytest.mark.parametrize("role", ["branch_secretary", "county_admin"])
def test_party_branch_book_for_its_roll_and_the_county(client_as, cast, party, role):
    response = client_as(role).get(f"/meetings/minutes/?party={party.pk}&term=2026-1")

    assert response.status_code == 200
    assert [e.meeting.topic for e, _rows in response.context["entries"]] == ["机关党支部支委会"]


@pytest.mark.parametrize("role", ["committee_secretary", "auditor", "member", "outsider"])
def test_party_branch_book_refused_to_others(client_as, cast, party, role):
    client = client_as(role)

    assert client.get(f"/meetings/minutes/?party={party.pk}&term=2026-1").status_code == 404
    assert client.get(f"/meetings/minutes/docx/?party={party.pk}&term=2026-1").status_code == 404


def test_linked_from_the_list_and_the_compliance_page(client_as, cast, party):
    client = client_as("branch_secretary")

    listing = client.get(f"/meetings/?organization={cast.branch.pk}").content.decode()
    compliance = client.get(f"/meetings/compliance/branches/{cast.branch.pk}/?year=2026").content.decode()

    assert f"/meetings/minutes/?organization={cast.branch.pk}" in listing
    assert f"/meetings/minutes/?party={party.pk}" in listing
    assert "/jobs/imports/meetings/" in listing
    assert f"/meetings/minutes/?organization={cast.branch.pk}&amp;term=2026-1" in compliance


def test_the_book_reads_in_a_fixed_number_of_queries(client_as, cast, term_meetings, django_assert_max_num_queries):
    for day in (5, 6, 7):
        record(cast.users["branch_secretary"], cast.branch, Kind.GROUP_MEETING, datetime.date(2026, 5, day))
    client = client_as("branch_secretary")

    with django_assert_max_num_queries(14):
        response = client.get(f"/meetings/minutes/?organization={cast.branch.pk}&term=2026-1")

    assert len(response.context["entries"]) == 5
