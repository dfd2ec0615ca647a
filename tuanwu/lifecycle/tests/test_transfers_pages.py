"""The transfer pages: the member starts a transfer, each side answers from its inbox, lists lapse what is
overdue when shown, the county sees pending and lapsed, the letter prints and downloads, a class is sent."""

import datetime

import pytest
from django.utils import timezone

from tuanwu.lifecycle.models import GraduatingClass, Transfer
from tuanwu.lifecycle.services.transfers import graduating_class_set, transfer_approve, transfer_start

pytestmark = pytest.mark.django_db


def _started(cast, **kw):
    return transfer_start(
        actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2, **kw
    )


def test_the_member_starts_a_transfer_from_my_transfer(client_as, cast):
    client = client_as("member")

    response = client.post(
        "/lifecycle/transfers/mine/", {"destination": cast.school.pk, "external_name": "", "reason": "转学"}
    )

    assert response.status_code == 302
    t = Transfer.objects.get()
    assert (t.person, t.destination, t.initiator, t.status) == (
        cast.people["zhang"],
        cast.school,
        "member",
        "awaiting_sender",
    )
    page = client.get("/lifecycle/transfers/mine/")
    assert "青禾一中团委" in page.content.decode()


def test_the_start_form_names_a_missing_destination(client_as, cast):
    response = client_as("member").post("/lifecycle/transfers/mine/", {"destination": "", "external_name": ""})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["external_name"]
    assert Transfer.objects.count() == 0


def test_both_sides_answer_from_their_pages(client_as, cast):
    t = transfer_start(actor=cast.users["member"], person=cast.people["zhang"], destination=cast.school)
    client = client_as("committee_secretary")
    assert "transfer-actions" in client.get(f"/lifecycle/transfers/{t.pk}/").content.decode()

    client.post(f"/lifecycle/transfers/{t.pk}/approve/", {"version": t.version})
    t.refresh_from_db()
    outsider = client_as("outsider")
    inbox = outsider.get("/lifecycle/transfers/?box=incoming").content.decode()
    outsider.post(f"/lifecycle/transfers/{t.pk}/accept/", {"version": t.version, "branch": cast.school_branch.pk})

    assert "张晓明" in inbox
    t.refresh_from_db()
    assert (t.status, t.branch) == ("completed", cast.school_branch)


def test_a_stale_page_is_refused_with_a_message(client_as, cast):
    t = _started(cast)

    response = client_as("committee_secretary").post(
        f"/lifecycle/transfers/{t.pk}/approve/", {"version": t.version + 3}, follow=True
    )

    t.refresh_from_db()
    assert t.status == "awaiting_sender"
    assert [str(m) for m in response.context["messages"]] == ["您编辑期间，其他人已保存了这条记录。请刷新页面后重试。"]


def test_rejecting_without_a_reason_changes_nothing(client_as, cast):
    t = _started(cast)

    client_as("committee_secretary").post(f"/lifecycle/transfers/{t.pk}/reject/", {"version": t.version, "reason": ""})

    t.refresh_from_db()
    assert t.status == "awaiting_sender"


def test_the_list_lapses_overdue_requests_when_shown(client_as, cast):
    t = _started(cast, today=timezone.localdate() - datetime.timedelta(days=11))

    response = client_as("committee_secretary").get("/lifecycle/transfers/?box=outgoing&status=lapsed")

    t.refresh_from_db()
    assert t.status == "lapsed"
    assert "张晓明" in response.content.decode()


def test_the_county_sees_pending_and_lapsed(client_as, cast):
    _started(cast, today=timezone.localdate() - datetime.timedelta(days=11))
    transfer_start(actor=cast.users["branch_secretary"], person=cast.people["li"], destination=cast.school)

    response = client_as("county_admin").get("/lifecycle/transfers/county/")

    assert response.status_code == 200
    assert [t.member_name for t in response.context["pending"]] == ["李华"]
    assert [t.member_name for t in response.context["lapsed"]] == ["张晓明"]


def test_the_list_exports_what_it_shows(client_as, cast):
    _started(cast)

    response = client_as("branch_secretary").get("/lifecycle/transfers/?box=outgoing&format=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_letter_out_of_the_county_prints_and_downloads(client_as, cast):
    t = transfer_start(
        actor=cast.users["branch_secretary"], person=cast.people["zhang"], external_name="共青团杭州市西湖区委"
    )
    t = transfer_approve(actor=cast.users["committee_secretary"], transfer=t)
    client = client_as("committee_secretary")

    page = client.get(f"/lifecycle/transfers/{t.pk}/letter/")
    docx = client.get(f"/lifecycle/transfers/{t.pk}/letter/?format=docx")

    assert "共青团杭州市西湖区委" in page.content.decode()
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client_as("outsider").get(f"/lifecycle/transfers/{t.pk}/letter/").status_code == 404


def test_a_committee_marks_and_sends_a_class_from_the_page(client_as, cast):
    from tuanwu.lifecycle.models import TransferPolicy

    client = client_as("outsider")
    year = timezone.localdate().year
    TransferPolicy.objects.create(
        organization=cast.county, year=year, season_opens_month=1, finish_by_month=12, finish_by_day=31
    )
    client.post(f"/lifecycle/graduation/branches/{cast.school_branch.pk}/", {"expected_on": f"{year}-06-30"})
    gc = GraduatingClass.objects.get(organization=cast.school_branch)
    zhao = cast.people["zhao"]

    response = client.post(
        f"/lifecycle/graduation/{gc.pk}/", {f"d{zhao.pk}": "employed", f"o{zhao.pk}": cast.town.pk}, follow=True
    )

    assert response.status_code == 200
    assert Transfer.objects.filter(person=zhao, destination=cast.town, status="awaiting_receiver").count() == 1
    assert client.get("/lifecycle/graduation/").status_code == 200
    export = client.get(f"/lifecycle/graduation/{gc.pk}/?format=xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"


def test_another_committee_cannot_mark_a_class(client_as, cast):
    client_as("committee_secretary").post(
        f"/lifecycle/graduation/branches/{cast.school_branch.pk}/", {"expected_on": "2026-06-30"}
    )

    assert not GraduatingClass.objects.exists()
    graduating_class_set(
        actor=cast.users["outsider"], organization=cast.school_branch, expected_on=datetime.date(2026, 6, 30)
    )
    assert (
        client_as("committee_secretary").get(f"/lifecycle/graduation/{GraduatingClass.objects.get().pk}/").status_code
        == 404
    )


def test_the_sending_side_finds_its_members_to_start_a_transfer(client_as, cast):
    mine = client_as("branch_secretary").get("/lifecycle/transfers/?box=outgoing&member=张")
    theirs = client_as("outsider").get("/lifecycle/transfers/?box=outgoing&member=张")

    assert [p.name for p in mine.context["candidates"]] == ["张晓明"]
    assert theirs.context["candidates"] == []


@pytest.mark.parametrize("n", [2, 8])
def test_the_list_and_its_export_keep_a_query_budget(client_as, cast, django_assert_max_num_queries, n):
    from tests.factories import member

    for i in range(n):
        person = member(cast.branch, f"团员{i}")
        transfer_start(actor=cast.users["branch_secretary"], person=person, destination=cast.school)
    client = client_as("committee_secretary")

    with django_assert_max_num_queries(14):
        client.get("/lifecycle/transfers/?box=outgoing")
    with django_assert_max_num_queries(12):
        client.get("/lifecycle/transfers/?box=outgoing&format=xlsx")
