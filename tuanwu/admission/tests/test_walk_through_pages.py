"""One applicant from application to member through the web pages, each step by the role that takes it."""

import datetime

from django.utils import timezone

from tuanwu.admission.models import Application, ApplicationStep
from tuanwu.people.models import Membership
from tuanwu.volunteering.models import HourEntry


def certified_hours(person, day, hours):
    return HourEntry.objects.create(
        person=person,
        organization=person.organization,
        organizer=person.organization,
        source=HourEntry.Source.IMPORT,
        category="community",
        content="社区服务",
        service_date=day,
        hours=hours,
        status=HourEntry.Status.CERTIFIED,
        certified_at=timezone.now(),
    )


def ok(response):
    assert response.status_code == 302, response.content[:500]
    return response


def step(client, app, name, **data):
    ok(
        client.post(
            f"/admission/{app.pk}/steps/{name}/", {"version": Application.objects.get(pk=app.pk).version, **data}
        )
    )
    errors = [str(m) for m in response_messages(client) if m.level_tag == "error"]
    assert not errors, errors


def response_messages(client):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    request = HttpRequest()
    request.COOKIES = {k: v.value for k, v in client.cookies.items()}
    return list(CookieStorage(request))


def test_applicant_becomes_a_member_through_the_pages(client_as, cast, settings):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
    youth = cast.people["youth"]
    today = timezone.localdate()
    d = [today - datetime.timedelta(days=n) for n in (200, 190, 180, 60, 50, 40, 30, 20, 10)]
    certified_hours(youth, d[4], 20)
    branch = client_as("branch_secretary")

    ok(branch.post(f"/admission/new/?person={youth.pk}", {"person": youth.pk, "applied_on": d[0], "note": "书面申请"}))
    app = Application.objects.get(person=youth)
    step(branch, app, "interview", on=d[1])
    step(branch, app, "activist", on=d[2])
    ok(
        branch.post(
            f"/admission/{app.pk}/lesson-credits/", {"hours": "8", "earned_on": d[3], "evidence": "团课签到册第2页"}
        )
    )
    step(branch, app, "training", on=d[3], guides="李华", assessment="good")
    step(branch, app, "candidate", on=d[4])
    committee = client_as("committee_secretary")
    step(committee, app, "prereview", on=d[5], form_number="QH2026-0001")
    branch = client_as("branch_secretary")
    step(branch, app, "introducers", on=d[5], first=cast.people["zhang"].pk, second=cast.people["li"].pk)
    ok(
        branch.post(
            "/admission/meetings/new/",
            {
                "organization": cast.branch.pk,
                "held_on": d[6],
                "voting_members": 2,
                "present": 2,
                "chair": "李华",
                "recorder": "张晓明",
                f"vote_{app.pk}": "on",
                f"yes_{app.pk}": 2,
                f"no_{app.pk}": 0,
                f"abstain_{app.pk}": 0,
            },
        )
    )
    committee = client_as("committee_secretary")
    step(committee, app, "approve", on=d[7])
    branch = client_as("branch_secretary")
    step(branch, app, "archive", on=d[8])

    app.refresh_from_db()
    membership = Membership.objects.get(person=youth)
    assert app.status == Application.Status.ADMITTED
    assert membership.join_date == d[6]
    assert membership.development_number == app.development_number
    assert app.development_number.startswith(str(d[6].year)) and len(app.development_number) == 12
    assert list(ApplicationStep.objects.filter(application=app).values_list("step", flat=True)) == [
        "apply",
        "interview",
        "activist",
        "training",
        "candidate",
        "prereview",
        "introducers",
        "meeting",
        "approve",
        "archive",
    ]
    page = client_as("member").get("/admission/mine/")
    assert page.status_code == 200


def test_branch_secretary_cannot_approve(client_as, cast):
    youth = cast.people["youth"]
    app = Application.objects.create(person=youth, organization=cast.branch, applied_on=timezone.localdate())
    app.status = Application.Status.VOTED
    app.save()

    response = client_as("branch_secretary").post(
        f"/admission/{app.pk}/steps/approve/", {"on": timezone.localdate(), "version": app.version}
    )

    # The committee above lies outside the branch secretary's scope: refused like a page that does not exist.
    assert response.status_code == 404
    assert not Membership.objects.filter(person=youth).exists()
