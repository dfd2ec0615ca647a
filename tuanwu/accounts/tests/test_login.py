"""Login, lockout, language choice and the admin's door."""

from django.conf import settings

from tuanwu.accounts.models import User


def test_login_page_logs_in_with_good_password(client, cast):
    response = client.post("/accounts/login/", {"username": "auditor", "password": "pw-auditor"})

    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "auditor", "password": "wrong"})

    response = client.post("/accounts/login/", {"username": "auditor", "password": "pw-auditor"})

    assert response.status_code == 429
    assert client.get("/").status_code == 302


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_interface_is_chinese_by_default_whatever_the_browser_says(client_as, cast):
    client = client_as("auditor")

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert "数据看板" in response.content.decode()


def test_language_choice_is_remembered_for_the_user(client_as, cast):
    client = client_as("auditor")

    client.post("/accounts/language/", {"language": "en", "next": "/"})
    client.cookies.clear()
    client.force_login(cast.users["auditor"])
    response = client.get("/")

    assert User.objects.get(username="auditor").language == "en"
    assert "Dashboard" in response.content.decode()


def test_language_switch_refuses_offsite_redirects(client, cast):
    response = client.post("/accounts/language/", {"language": "en", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_admin_is_for_superusers_only(client_as, cast):
    client = client_as("county_admin")
    cast.users["county_admin"].is_staff = True
    cast.users["county_admin"].save()

    refused = client.get("/admin/")
    cast.users["county_admin"].is_superuser = True
    cast.users["county_admin"].save()
    allowed = client.get("/admin/")

    assert refused.status_code == 302
    assert allowed.status_code == 200
