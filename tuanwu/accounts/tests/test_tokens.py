"""API tokens end with their logout, a password change and a role removal; users see and revoke theirs."""

from django.test import Client

from tuanwu.accounts.models import ApiToken
from tuanwu.accounts.services import role_revoke, token_issue


def _bearer(key):
    return {"Authorization": f"Bearer {key}"}


def test_api_logout_revokes_the_calling_token_only(client, cast):
    user = cast.users["committee_secretary"]
    key, _ = token_issue(user=user)
    other_key, _ = token_issue(user=user)

    response = client.post("/api/v1/auth/logout", headers=_bearer(key))

    assert response.status_code == 204
    assert client.get("/api/v1/organizations", headers=_bearer(key)).status_code == 401
    assert client.get("/api/v1/organizations", headers=_bearer(other_key)).status_code == 200


def test_password_change_ends_the_users_tokens(client_as, cast):
    user = cast.users["committee_secretary"]
    key, _ = token_issue(user=user)
    client = client_as("committee_secretary")

    response = client.post(
        "/accounts/password/",
        {
            "old_password": "pw-committee_secretary",
            "new_password1": "A-new-pass-9821",
            "new_password2": "A-new-pass-9821",
        },
    )

    assert response.status_code == 302
    assert Client().get("/api/v1/organizations", headers=_bearer(key)).status_code == 401


def test_password_set_anywhere_ends_the_users_tokens(cast):
    user = cast.users["auditor"]
    token_issue(user=user)

    user.set_password("Another-pass-5512")
    user.save()

    assert not ApiToken.objects.filter(user=user).exists()


def test_saving_a_user_without_a_new_password_keeps_the_tokens(cast):
    user = cast.users["auditor"]
    token_issue(user=user)

    user.first_name = "Wang"
    user.save()

    assert ApiToken.objects.filter(user=user).exists()


def test_role_removal_ends_the_users_tokens(client, cast):
    user = cast.users["branch_secretary"]
    key, _ = token_issue(user=user)

    role_revoke(actor=cast.users["county_admin"], assignment=user.roles.get())

    assert client.get("/api/v1/organizations", headers=_bearer(key)).status_code == 401


def test_profile_lists_the_users_tokens_with_a_revoke_button(client_as, cast):
    _, mine = token_issue(user=cast.users["auditor"])
    _, theirs = token_issue(user=cast.users["county_admin"])

    html = client_as("auditor").get("/accounts/profile/").content.decode()

    assert f"/accounts/tokens/{mine.pk}/revoke/" in html
    assert f"/accounts/tokens/{theirs.pk}/revoke/" not in html


def test_user_revokes_own_token_from_the_profile(client_as, cast):
    _, mine = token_issue(user=cast.users["auditor"])

    response = client_as("auditor").post(f"/accounts/tokens/{mine.pk}/revoke/")

    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=mine.pk).exists()


def test_user_cannot_revoke_another_users_token(client_as, cast):
    _, theirs = token_issue(user=cast.users["county_admin"])

    response = client_as("auditor").post(f"/accounts/tokens/{theirs.pk}/revoke/")

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()
