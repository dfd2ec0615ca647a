import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tuanwu.dashboards.todo import todos
from tuanwu.publicity import services
from tuanwu.publicity.models import AccountAdmin

from .factories import media_account


@pytest.fixture
def account(cast):
    return media_account(
        cast.branch,
        cast.people["zhang"],
        admin_is_student=True,
        admin_graduates_on=timezone.localdate() + datetime.timedelta(days=40),
    )


def test_student_administrator_graduating_soon_waits_on_the_todo_list(cast, account):
    keys = {t.key: t.count for t in todos(cast.users["branch_secretary"])}

    assert keys["media_handover"] == 1
    assert "media_handover" not in {t.key for t in todos(cast.users["outsider"])}


def test_handover_ends_the_old_administrator_and_adds_the_new_in_one_step(cast, account):
    old = account.admins.get()
    on = timezone.localdate()

    new = services.account_admin_handover(actor=cast.users["branch_secretary"], admin=old, to=cast.people["li"], on=on)

    old.refresh_from_db()
    assert old.until == on
    assert (new.person, new.since, new.until) == (cast.people["li"], on, None)
    assert list(account.admins.filter(until__isnull=True).values_list("person__name", flat=True)) == ["李华"]
    assert "media_handover" not in {t.key for t in todos(cast.users["branch_secretary"])}


def test_refuses_to_leave_an_account_without_an_administrator(cast, account):
    old = account.admins.get()

    with pytest.raises(ValidationError) as e:
        services.account_admin_end(actor=cast.users["branch_secretary"], admin=old, on=timezone.localdate())

    old.refresh_from_db()
    assert e.value.code == "ADMIN_LAST"
    assert old.until is None


def test_ends_one_of_two_administrators(cast, account):
    services.account_admin_add(
        actor=cast.users["branch_secretary"], account=account, person=cast.people["li"], since=account.registered_on
    )
    zhang = account.admins.get(person=cast.people["zhang"])

    services.account_admin_end(actor=cast.users["branch_secretary"], admin=zhang, on=timezone.localdate())

    assert list(account.admins.filter(until__isnull=True).values_list("person__name", flat=True)) == ["李华"]


@pytest.mark.parametrize("to", ["zhang", "li"])
def test_handover_refused_to_the_same_person_or_by_the_auditor(cast, account, to):
    old = account.admins.get()
    actor = cast.users["branch_secretary" if to == "zhang" else "auditor"]

    with pytest.raises((ValidationError, PermissionDenied)):
        services.account_admin_handover(actor=actor, admin=old, to=cast.people[to], on=timezone.localdate())

    assert AccountAdmin.objects.filter(until__isnull=True).count() == 1
    assert AccountAdmin.objects.count() == 1


def test_handover_page_moves_the_rights(cast, account, client_as):
    old = account.admins.get()
    client = client_as("committee_secretary")

    response = client.post(
        f"/publicity/accounts/{account.pk}/admins/{old.pk}/handover/",
        {"person": cast.people["li"].pk, "on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 302
    assert list(account.admins.filter(until__isnull=True).values_list("person__name", flat=True)) == ["李华"]
