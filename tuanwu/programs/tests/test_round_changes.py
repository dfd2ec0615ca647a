"""While a round is open its manager edits or removes a criterion or a judge's assignment, until a judge has
scored on it; a judge or a viewer cannot."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages

from tests.factories import user
from tuanwu.programs import services
from tuanwu.programs.models import Criterion, JudgeAssignment

from .factories import call, project


@pytest.fixture
def open_round(cast):
    admin = cast.users["committee_secretary"]
    c = call(admin, cast.town, quota=2)
    entry = services.entry_create(
        actor=admin,
        call=c,
        project=project(admin, cast.branch),
        recommended_by=cast.branch,
        today=datetime.date(2026, 8, 10),
    )
    rnd = services.round_create(actor=admin, call=c, name="初评")
    innovation = services.criterion_add(actor=admin, round=rnd, name="创新性", weight=Decimal("0.6"))
    feasibility = services.criterion_add(actor=admin, round=rnd, name="可行性", weight=Decimal("0.4"))
    judge = user("judge", person=cast.people["zhao"])
    other = user("judge2")
    assignment = services.judge_assign(actor=admin, round=rnd, judge=judge, entry=entry)
    return {
        "admin": admin,
        "round": rnd,
        "entry": entry,
        "criteria": (innovation, feasibility),
        "judge": judge,
        "other": other,
        "assignment": assignment,
    }


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_manager_edits_a_criterion_before_it_is_scored(client_as, open_round):
    innovation, _feasibility = open_round["criteria"]
    prefix = f"c{innovation.pk}"

    response = client_as("committee_secretary").post(
        f"/programs/criteria/{innovation.pk}/edit/",
        {f"{prefix}-name": "创新程度", f"{prefix}-weight": "0.5", f"{prefix}-max_value": "50"},
    )

    assert response.status_code == 302
    innovation.refresh_from_db()
    assert (innovation.name, innovation.weight, innovation.max_value) == ("创新程度", Decimal("0.50"), 50)
    assert LogEntry.objects.get_for_object(innovation).filter(action=LogEntry.Action.UPDATE).count() == 1


def test_the_manager_removes_an_unscored_criterion(client_as, open_round):
    innovation, feasibility = open_round["criteria"]

    client_as("committee_secretary").post(f"/programs/criteria/{feasibility.pk}/remove/")

    assert list(Criterion.objects.filter(round=open_round["round"])) == [innovation]


@pytest.mark.parametrize("action", ["edit", "remove"])
def test_a_scored_criterion_is_refused_with_a_message(client_as, open_round, action):
    innovation, feasibility = open_round["criteria"]
    services.score_save(
        actor=open_round["judge"], round=open_round["round"], entry=open_round["entry"], values={innovation.pk: 80}
    )
    prefix = f"c{innovation.pk}"
    logged = LogEntry.objects.count()

    response = client_as("committee_secretary").post(
        f"/programs/criteria/{innovation.pk}/{action}/",
        {f"{prefix}-name": "改名", f"{prefix}-weight": "0.5", f"{prefix}-max_value": "100"},
    )

    assert _messages(response) == "评委已对“创新性”打分，不能再修改或删除。"
    innovation.refresh_from_db()
    assert innovation.name == "创新性" and Criterion.objects.filter(round=open_round["round"]).count() == 2
    assert LogEntry.objects.count() == logged
    # The criterion nobody scored on stays editable.
    services.criterion_update(
        actor=open_round["admin"], criterion=feasibility, name="可行", weight=Decimal("0.4"), max_value=100
    )


def test_the_manager_gives_an_unscored_assignment_to_another_judge(client_as, open_round):
    a = open_round["assignment"]

    client_as("committee_secretary").post(
        f"/programs/assignments/{a.pk}/edit/", {f"a{a.pk}-judge": "judge2", f"a{a.pk}-entry": open_round["entry"].pk}
    )

    a.refresh_from_db()
    assert a.judge == open_round["other"]


def test_a_reassignment_to_a_judge_of_the_entrys_own_branch_is_refused(open_round, cast):
    from django.core.exceptions import ValidationError

    member = cast.users["member"]

    with pytest.raises(ValidationError) as e:
        services.judge_assignment_update(
            actor=open_round["admin"], assignment=open_round["assignment"], judge=member, entry=open_round["entry"]
        )

    assert e.value.code == "COI_ORGANIZATION"
    assert JudgeAssignment.objects.get().judge == open_round["judge"]


def test_the_manager_withdraws_an_unscored_assignment(client_as, open_round):
    client_as("committee_secretary").post(f"/programs/assignments/{open_round['assignment'].pk}/remove/")

    assert not JudgeAssignment.objects.exists()


def test_a_scored_assignment_stays(client_as, open_round):
    innovation, _ = open_round["criteria"]
    services.score_save(
        actor=open_round["judge"], round=open_round["round"], entry=open_round["entry"], values={innovation.pk: 80}
    )

    response = client_as("committee_secretary").post(f"/programs/assignments/{open_round['assignment'].pk}/remove/")

    assert _messages(response) == "赵磊 已为“乡村振兴实践队”打分，这项分配不能再修改或撤销。"
    assert JudgeAssignment.objects.count() == 1


def test_a_closed_round_is_fixed(open_round):
    from django.core.exceptions import ValidationError

    services.round_close(actor=open_round["admin"], round=open_round["round"])

    with pytest.raises(ValidationError) as e:
        services.criterion_remove(actor=open_round["admin"], criterion=open_round["criteria"][0])

    assert e.value.code == "ROUND_CLOSED"


@pytest.mark.parametrize("role", ["cadre", "member"])
def test_others_cannot_remove(client_as, open_round, role):
    response = client_as(role).post(f"/programs/criteria/{open_round['criteria'][0].pk}/remove/")

    assert response.status_code == 404
    assert Criterion.objects.count() == 2


def test_the_judge_cannot_withdraw_their_assignment(client, open_round):
    client.force_login(open_round["judge"])

    response = client.post(f"/programs/assignments/{open_round['assignment'].pk}/remove/")

    assert response.status_code == 404
    assert JudgeAssignment.objects.count() == 1


def test_the_round_page_shows_the_edit_controls_and_marks_the_scored_ones(client_as, open_round):
    innovation, feasibility = open_round["criteria"]
    services.score_save(
        actor=open_round["judge"], round=open_round["round"], entry=open_round["entry"], values={innovation.pk: 80}
    )

    page = client_as("committee_secretary").get(f"/programs/rounds/{open_round['round'].pk}/").content.decode()

    assert f"/programs/criteria/{feasibility.pk}/remove/" in page
    assert f"/programs/criteria/{innovation.pk}/remove/" not in page
    assert f"/programs/assignments/{open_round['assignment'].pk}/remove/" not in page
