"""The evaluation and registration pages, as the roles that use them and as those that must not."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import member
from tuanwu.lifecycle.models import Evaluation, EvaluationEntry, Grade, Registration
from tuanwu.lifecycle.services.evaluation import evaluation_open

YEAR = 2025


def _open(cast, n=2):
    for i in range(n - 2):
        member(cast.branch, f"团员{i}")
    return evaluation_open(actor=cast.users["branch_secretary"], branch=cast.branch, year=YEAR)


def test_branch_secretary_starts_the_evaluation_from_the_list(client_as, cast):
    client = client_as("branch_secretary")

    page = client.get(f"/lifecycle/evaluations/?year={YEAR}")
    response = client.post("/lifecycle/evaluations/open/", {"organization": cast.branch.pk, "year": YEAR})

    assert page.status_code == 200 and "东湖村团支部" in page.content.decode()
    evaluation = Evaluation.objects.get(organization=cast.branch, year=YEAR)
    assert response.status_code == 302 and response.url == f"/lifecycle/evaluations/{evaluation.pk}/"
    assert evaluation.entries.count() == 2


def test_grades_over_the_cap_refused_on_the_page_with_the_numbers(client_as, cast):
    evaluation = _open(cast, 10)
    client = client_as("branch_secretary")
    entries = list(evaluation.entries.order_by("pk"))
    data = {f"grade_{e.pk}": Grade.EXCELLENT if i < 4 else Grade.QUALIFIED for i, e in enumerate(entries)}
    saved = client.post(f"/lifecycle/evaluations/{evaluation.pk}/grades/", data, follow=True)
    assert "参评团员10人中评为优秀4人" in saved.content.decode()  # warned while still a draft
    client.post(
        f"/lifecycle/evaluations/{evaluation.pk}/meeting/",
        {"meeting_held_on": f"{YEAR}-12-01", "meeting_expected": 10, "meeting_present": 9},
    )

    response = client.post(f"/lifecycle/evaluations/{evaluation.pk}/submit/")

    assert response.status_code == 422
    text = response.content.decode()
    assert "参评团员10人中评为优秀4人" in text
    assert "优秀不超过30%，即最多3人" in text
    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.DRAFT


def test_submit_then_committee_approves(client_as, cast):
    evaluation = _open(cast)
    client = client_as("branch_secretary")
    client.post(
        f"/lifecycle/evaluations/{evaluation.pk}/grades/",
        {f"grade_{e.pk}": Grade.QUALIFIED for e in evaluation.entries.all()},
    )
    client.post(
        f"/lifecycle/evaluations/{evaluation.pk}/meeting/",
        {"meeting_held_on": f"{YEAR}-12-01", "meeting_expected": 2, "meeting_present": 2},
    )
    assert client.post(f"/lifecycle/evaluations/{evaluation.pk}/submit/").status_code == 302
    assert client.post(f"/lifecycle/evaluations/{evaluation.pk}/approve/").status_code == 403

    committee = client_as("committee_secretary")
    approvals = committee.get("/lifecycle/evaluations/approvals/")
    response = committee.post(f"/lifecycle/evaluations/{evaluation.pk}/approve/")

    assert "东湖村团支部" in approvals.content.decode()
    assert response.status_code == 302
    assert Evaluation.objects.get(pk=evaluation.pk).status == Evaluation.Status.APPROVED


def test_unqualified_member_registration_refused_on_the_page(client_as, cast):
    evaluation = _open(cast)
    EvaluationEntry.objects.filter(evaluation=evaluation).update(grade=Grade.UNQUALIFIED)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.Status.APPROVED)
    client = client_as("branch_secretary")
    membership = cast.people["zhang"].membership

    response = client.post(
        "/lifecycle/registrations/register/", {"membership": membership.pk, "year": YEAR}, follow=True
    )

    assert "张晓明" in response.content.decode()
    assert not Registration.objects.exists()


def test_registrations_page_lists_the_unregistered(client_as, cast):
    client = client_as("committee_secretary")

    response = client.get(f"/lifecycle/registrations/?organization={cast.town.pk}&year={YEAR}&status=unregistered")

    text = response.content.decode()
    assert response.status_code == 200
    assert "张晓明" in text and "王芳" in text and "赵磊" not in text


def test_registrations_export_is_xlsx(client_as, cast):
    response = client_as("branch_secretary").get(f"/lifecycle/registrations/?year={YEAR}&format=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_evaluation_export_is_xlsx(client_as, cast):
    _open(cast)

    response = client_as("committee_secretary").get(f"/lifecycle/evaluations/?year={YEAR}&format=xlsx")

    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_member_sees_own_grade_and_stamps_and_appeals(client_as, cast):
    evaluation = _open(cast)
    EvaluationEntry.objects.filter(evaluation=evaluation).update(grade=Grade.BASIC)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.Status.APPROVED)
    Registration.objects.create(
        membership=cast.people["zhang"].membership,
        organization=cast.branch,
        year=YEAR,
        status=Registration.Status.REGISTERED,
        registered_on=datetime.date(YEAR, 9, 10),
    )
    client = client_as("member")
    entry = EvaluationEntry.objects.get(evaluation=evaluation, membership__person=cast.people["zhang"])

    page = client.get("/lifecycle/me/")
    client.post(f"/lifecycle/evaluations/entries/{entry.pk}/appeal/", {"appeal": "请复核", "next": "me"})

    text = page.content.decode()
    assert page.status_code == 200
    assert f"{YEAR}-09-10" in text
    assert "基本合格" in text or "Basically qualified" in text
    assert EvaluationEntry.objects.get(pk=entry.pk).appeal == "请复核"


def test_member_cannot_open_the_branch_evaluation(client_as, cast):
    evaluation = _open(cast)

    response = client_as("member").get(f"/lifecycle/evaluations/{evaluation.pk}/")

    assert response.status_code == 404


def test_policy_page_saves_the_cap(client_as, cast):
    client = client_as("county_admin")

    response = client.post(
        f"/lifecycle/policy/?year={YEAR}",
        {"excellent_cap": 25, "rectification_months": 4, "deferral_months": 3},
    )

    assert response.status_code == 302
    from tuanwu.lifecycle.models import LifecyclePolicy

    assert LifecyclePolicy.objects.get(organization=cast.county, year=YEAR).excellent_cap == 25


def test_policy_refuses_rectification_outside_three_to_six(client_as, cast):
    response = client_as("county_admin").post(
        f"/lifecycle/policy/?year={YEAR}", {"excellent_cap": 30, "rectification_months": 8, "deferral_months": 3}
    )

    assert response.status_code == 200
    assert "3" in response.content.decode() and "6" in response.content.decode()
    from tuanwu.lifecycle.models import LifecyclePolicy

    assert not LifecyclePolicy.objects.exists()


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx)


def test_detail_and_registrations_pages_do_not_query_per_member(client_as, cast):
    evaluation = _open(cast, 3)
    client = client_as("committee_secretary")
    detail = f"/lifecycle/evaluations/{evaluation.pk}/"
    regs = f"/lifecycle/registrations/?organization={cast.branch.pk}&year={YEAR}"
    few = (_queries(client, detail), _queries(client, regs))
    for i in range(10):
        member(cast.branch, f"新团员{i}")
    evaluation_open(actor=cast.users["branch_secretary"], branch=cast.branch, year=YEAR)

    many = (_queries(client, detail), _queries(client, regs))

    assert many == few


def test_member_record_shows_the_registration_history_to_the_committee(client_as, cast):
    for year, status in ((YEAR - 1, Registration.Status.REGISTERED), (YEAR, Registration.Status.DEFERRED)):
        Registration.objects.create(
            membership=cast.people["zhang"].membership,
            organization=cast.branch,
            year=year,
            status=status,
            registered_on=datetime.date(year, 9, 5) if status == "registered" else None,
            deferred_until=datetime.date(year + 1, 1, 5) if status == "deferred" else None,
        )

    page = client_as("committee_secretary").get(f"/lifecycle/people/{cast.people['zhang'].pk}/")
    outside = client_as("outsider").get(f"/lifecycle/people/{cast.people['zhang'].pk}/")

    text = page.content.decode()
    assert f"{YEAR - 1}-09-05" in text and f"{YEAR + 1}-01-05" in text
    assert "对该等次提出申诉" not in text and "Appeal against" not in text
    assert outside.status_code == 404


def test_registrations_page_flags_a_deferral_past_its_deadline(client_as, cast):
    Registration.objects.create(
        membership=cast.people["zhang"].membership,
        organization=cast.branch,
        year=YEAR,
        status=Registration.Status.DEFERRED,
        deferred_on=datetime.date(YEAR, 9, 1),
        deferred_until=datetime.date(YEAR, 12, 1),
        reason="外出务工",
    )
    Registration.objects.create(
        membership=cast.people["li"].membership,
        organization=cast.branch,
        year=YEAR,
        status=Registration.Status.DEFERRED,
        deferred_on=datetime.date(YEAR, 9, 1),
        deferred_until=datetime.date.today() + datetime.timedelta(days=30),
        reason="病假",
    )

    response = client_as("branch_secretary").get(f"/lifecycle/registrations/?year={YEAR}")

    assert response.content.decode().count('data-testid="deferral-overdue"') == 1
