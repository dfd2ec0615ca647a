"""恢复团籍 on the person's page: the committee above restores a lapsed member with a reason; the branch cannot, and
a member in good standing has nothing to restore."""

import pytest

from tuanwu.people.models import Membership


@pytest.fixture
def lapsed(cast):
    Membership.objects.filter(person=cast.people["zhang"]).update(status="lapse")
    return cast.people["zhang"]


def test_the_committee_above_restores_a_lapsed_member_from_the_page(client_as, cast, lapsed):
    client = client_as("committee_secretary")
    page = client.get(f"/people/{lapsed.pk}/").content.decode()

    response = client.post(f"/people/{lapsed.pk}/restore/", {"reason": "本人返回组织，补交团费"})

    assert 'data-testid="restore"' in page
    assert response.status_code == 302
    membership = Membership.objects.get(person=lapsed)
    assert membership.status == "normal"
    assert membership.events.get().transition == "restore"


def test_a_restoration_needs_its_reason(client_as, cast, lapsed):
    response = client_as("committee_secretary").post(f"/people/{lapsed.pk}/restore/", {"reason": " "}, follow=True)

    assert Membership.objects.get(person=lapsed).status == "lapse"
    assert "请填写恢复团籍的理由。" in response.content.decode()


def test_the_branch_sees_no_restore_and_cannot_post_it(client_as, cast, lapsed):
    client = client_as("branch_secretary")

    assert 'data-testid="restore"' not in client.get(f"/people/{lapsed.pk}/").content.decode()
    assert client.post(f"/people/{lapsed.pk}/restore/", {"reason": "返回"}).status_code == 404
    assert Membership.objects.get(person=lapsed).status == "lapse"


def test_a_member_in_good_standing_has_no_restore(client_as, cast):
    page = client_as("committee_secretary").get(f"/people/{cast.people['li'].pk}/").content.decode()

    assert 'data-testid="restore"' not in page
