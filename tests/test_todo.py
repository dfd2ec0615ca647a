"""The to-do list (待办): each kind of waiting work counted for the user who acts on it, in their scope only, on the
home page, the to-do page and the menu's badges; and a member's own next steps."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tuanwu.dashboards.todo import menu_counts, my_next_steps, todos


def _by_key(user) -> dict[str, int]:
    return {t.key: t.count for t in todos(user)}


@pytest.fixture
def voted(cast):
    """An application of the town's branch that passed its general meeting: the town's committee approves it."""
    from tuanwu.admission.tests.factories import applicant, apply, walk
    from tuanwu.admission.workflow import Step

    return walk(apply(applicant(cast.branch)), Step.MEETING)


def test_an_approval_waits_for_the_committee_above_and_nobody_else(cast, voted):
    assert _by_key(cast.users["committee_secretary"])["admission_approvals"] == 1
    assert "admission_approvals" not in _by_key(cast.users["outsider"])  # the school's committee: not its branch
    assert "admission_approvals" not in _by_key(cast.users["branch_secretary"])  # does not approve
    assert menu_counts(cast.users["committee_secretary"])["admission:approvals"] == 1


def test_an_interview_not_held_in_the_policy_days_is_overdue(cast):
    from tuanwu.admission.tests.factories import applicant, apply

    today = timezone.localdate()
    apply(applicant(cast.branch), on=today - datetime.timedelta(days=60))  # 30 days to interview by default
    apply(applicant(cast.branch), on=today - datetime.timedelta(days=3))  # not yet due

    found = {t.key: t for t in todos(cast.users["branch_secretary"])}

    assert found["admission_overdue"].count == 1
    assert found["admission_overdue"].overdue
    assert list(todos(cast.users["branch_secretary"]))[0].overdue  # the overdue first
    assert "admission_overdue" not in _by_key(cast.users["outsider"])


def test_an_exit_waits_for_the_committee_above(cast):
    from tuanwu.people.models import Membership
    from tuanwu.people.services import membership_exit_request
    from tuanwu.people.workflow import ExitKind

    membership = Membership.objects.get(person=cast.people["zhang"])
    membership_exit_request(
        actor=cast.users["branch_secretary"], membership=membership, exit_kind=ExitKind.EXPULSION, reason="违纪"
    )

    assert _by_key(cast.users["committee_secretary"])["exits"] == 1
    assert "exits" not in _by_key(cast.users["outsider"])


def test_a_learner_to_confirm_links_to_the_review_of_its_episode(cast):
    from tests.test_scope_matrix import _study
    from tuanwu.study.models import Participation

    episode = _study(cast)["episode"]
    town_before = _by_key(cast.users["committee_secretary"]).get("study_review", 0)
    school_before = _by_key(cast.users["outsider"]).get("study_review", 0)
    Participation.objects.create(episode=episode, row=97, name="孙悦", organization=cast.branch, match="unmatched")

    found = {t.key: t for t in todos(cast.users["committee_secretary"])}

    assert found["study_review"].count == town_before + 1
    assert found["study_review"].url == f"/study/episodes/{episode.pk}/review/"
    assert _by_key(cast.users["outsider"]).get("study_review", 0) == school_before


def test_this_months_theme_day_is_due_for_the_branch_until_it_is_recorded(cast):
    from tuanwu.meetings.models import Kind
    from tuanwu.meetings.tests.factories import record

    secretary = cast.users["branch_secretary"]
    before = _by_key(secretary)["meetings_due"]

    record(secretary, cast.branch, Kind.THEME_DAY, timezone.localdate())

    assert _by_key(secretary).get("meetings_due", 0) == before - 1
    assert "meetings_due" not in _by_key(cast.users["county_admin"])  # the county has no single branch of its own


def test_a_draft_rating_waits_for_the_committee_above(cast):
    from tuanwu.meetings.models import BranchRating

    BranchRating.objects.create(organization=cast.branch, year=timezone.localdate().year)

    assert _by_key(cast.users["committee_secretary"])["ratings"] == 1
    assert "ratings" not in _by_key(cast.users["outsider"])
    assert "ratings" not in _by_key(cast.users["branch_secretary"])


def test_the_home_page_and_the_todo_page_list_what_waits_in_chinese(client_as, cast, voted):
    home = client_as("committee_secretary").get("/").content.decode()
    assert 'data-testid="todo-slot"' in home and "/todo/?partial=1" in home  # loaded after the figures
    for url in ("/todo/?partial=1", "/todo/"):
        page = client_as("committee_secretary").get(url).content.decode()
        assert 'data-testid="todo-admission_approvals"' in page
        assert "待审批的发展对象" in page

    outsider = client_as("outsider").get("/todo/").content.decode()
    assert "todo-admission_approvals" not in outsider


def test_the_menu_badges_come_from_the_counts_endpoint(client_as, cast, voted):
    page = client_as("committee_secretary").get("/").content.decode()
    assert 'data-todo="admission:approvals"' in page

    counts = client_as("committee_secretary").get("/todo/counts/").json()
    assert counts["admission:approvals"] == 1
    assert "admission:approvals" not in client_as("outsider").get("/todo/counts/").json()
    assert client_as("anonymous").get("/todo/counts/").status_code == 302


def test_a_members_next_steps_are_their_own(client_as, cast):
    from tuanwu.admission.tests.factories import apply

    youth = cast.people["youth"]
    user = cast.users["member"]
    user.person = youth
    user.save()
    apply(youth)

    steps = [str(s.label) for s in my_next_steps(user)]

    assert steps[0].startswith("我的入团申请")
    assert "我今年的志愿服务时长" in steps
    page = client_as("member").get("/todo/?partial=1").content.decode()
    assert 'data-testid="next-steps"' in page
    assert 'data-testid="todo"' not in page  # nothing waits for a member: only their own steps
    assert my_next_steps(cast.users["county_admin"]) == []  # no person linked


def test_a_secretarys_home_is_the_to_do_list_not_their_own_hours(cast):
    labels = [str(s.label) for s in my_next_steps(cast.users["branch_secretary"])]  # li, linked, manages a branch

    assert "我今年的志愿服务时长" not in labels


def test_a_committee_with_many_organizations_shows_ten_and_folds_the_rest(client_as, cast):
    from tests.factories import org

    for i in range(11):
        org(cast.county, f"测试团委{i:02d}")

    page = client_as("county_admin").get("/").content.decode()

    assert 'data-testid="committee-more"' in page
    assert "全部" in page


def test_a_transfer_waits_for_the_committee_that_approves_it(cast):
    from tuanwu.lifecycle.services.transfers import transfer_start

    transfer_start(actor=cast.users["branch_secretary"], person=cast.people["zhang"], destination=cast.branch2)

    assert _by_key(cast.users["committee_secretary"])["transfers_to_approve"] == 1
    assert "transfers_to_approve" not in _by_key(cast.users["outsider"])


def test_a_discipline_decision_waits_for_the_committee_above(cast):
    from tuanwu.lifecycle.tests.factories import case

    case(cast)

    assert _by_key(cast.users["committee_secretary"])["discipline_to_approve"] == 1
    assert "discipline_to_approve" not in _by_key(cast.users["outsider"])
    assert "discipline_to_approve" not in _by_key(cast.users["branch_secretary"])


def test_overdue_steps_read_the_policy_once_per_county_and_year(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tuanwu.admission.selectors import overdue_steps
    from tuanwu.admission.tests.factories import applicant, apply

    long_ago = timezone.localdate() - datetime.timedelta(days=60)
    apply(applicant(cast.branch), on=long_ago)
    overdue_steps(cast.users["branch_secretary"])  # the user's grants, cached on the user object
    with CaptureQueriesContext(connection) as one:
        assert overdue_steps(cast.users["branch_secretary"]) == 1
    for _ in range(5):
        apply(applicant(cast.branch), on=long_ago)
    with CaptureQueriesContext(connection) as six:
        assert overdue_steps(cast.users["branch_secretary"]) == 6

    assert len(six.captured_queries) == len(one.captured_queries)


def test_last_years_directory_not_frozen_waits_for_the_county_until_it_is(cast):
    from tuanwu.coverage.models import Unit
    from tuanwu.coverage.services import snapshot_take
    from tuanwu.coverage.tests.factories import unit

    year = timezone.localdate().year - 1
    row = unit(cast.town, "青禾电子")
    assert "coverage_snapshot" not in _by_key(cast.users["county_admin"])  # entered this year: nothing to freeze
    Unit.objects.filter(pk=row.pk).update(created_at=timezone.make_aware(datetime.datetime(year, 6, 1)))

    assert _by_key(cast.users["county_admin"])["coverage_snapshot"] == 1
    assert "coverage_snapshot" not in _by_key(cast.users["committee_secretary"])  # may not freeze the county
    assert menu_counts(cast.users["county_admin"])["coverage:board"] == 1
    snapshot_take(actor=cast.users["county_admin"], county=cast.county, year=year)
    assert "coverage_snapshot" not in _by_key(cast.users["county_admin"])
