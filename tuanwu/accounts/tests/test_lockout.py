"""Lockout per account, a slow-down per address, and the client address behind a proxy."""

from django.conf import settings
from django.test import RequestFactory, override_settings

from tuanwu.audit.models import AccessLog


def _login(client, username, password, addr="10.0.0.1", **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=addr, **extra)


def _token(client, username, password, addr="10.0.0.1"):
    return client.post(
        "/api/v1/auth/token",
        data={"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=addr,
    )


def test_failures_on_other_usernames_from_one_address_do_not_lock_an_account(client, cast):
    for name in ("nobody1", "nobody2"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, name, "wrong")

    response = _login(client, "auditor", "pw-auditor")

    assert response.status_code == 302


def test_failures_on_one_account_lock_it_from_every_address(client, cast):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "auditor", "wrong", addr=f"10.0.1.{i}")

    response = _login(client, "auditor", "pw-auditor", addr="10.0.2.1")

    assert response.status_code == 429


@override_settings(LOGIN_THROTTLE_FAILURES=4, LOGIN_THROTTLE_SECONDS=60)
def test_many_failures_from_one_address_slow_that_address_only(client, cast):
    for i in range(4):
        _login(client, f"guess{i}", "wrong")

    slowed = _login(client, "auditor", "pw-auditor")
    elsewhere = _login(client, "auditor", "pw-auditor", addr="10.0.0.2")

    assert slowed.status_code == 429
    assert 0 < int(slowed["Retry-After"]) <= 60
    assert elsewhere.status_code == 302


@override_settings(LOGIN_THROTTLE_FAILURES=4, LOGIN_THROTTLE_SECONDS=60)
def test_token_endpoint_is_slowed_per_address_in_the_error_format(client, cast):
    for i in range(4):
        _token(client, f"guess{i}", "wrong")

    slowed = _token(client, "committee_secretary", "pw-committee_secretary")
    elsewhere = _token(client, "committee_secretary", "pw-committee_secretary", addr="10.0.0.2")

    assert slowed.status_code == 429
    assert slowed.json()["code"] == "THROTTLED"
    assert int(slowed["Retry-After"]) > 0
    assert elsewhere.status_code == 200


def test_token_endpoint_locks_the_account_in_the_error_format(client, cast):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _token(client, "committee_secretary", "wrong", addr=f"10.0.1.{i}")

    locked = _token(client, "committee_secretary", "pw-committee_secretary", addr="10.0.2.1")

    assert locked.status_code == 429
    assert locked.json()["code"] == "LOCKED_OUT"


def test_token_failures_on_other_usernames_do_not_lock_an_account(client, cast):
    for name in ("nobody1", "nobody2"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _token(client, name, "wrong")

    assert _token(client, "committee_secretary", "pw-committee_secretary").status_code == 200


def test_forwarded_for_is_ignored_unless_a_proxy_header_is_configured(client_as, cast):
    client = client_as("committee_secretary")
    zhang = cast.people["zhang"]

    client.post(f"/people/{zhang.pk}/reveal/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert AccessLog.objects.get(person=zhang).remote_addr == "10.0.0.9"


@override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For")
def test_configured_proxy_header_gives_the_address_the_proxy_saw(client_as, cast):
    client = client_as("committee_secretary")
    zhang = cast.people["zhang"]

    client.post(f"/people/{zhang.pk}/reveal/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.168.5.7")

    assert AccessLog.objects.get(person=zhang).remote_addr == "192.168.5.7"


@override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For", LOGIN_THROTTLE_FAILURES=2, LOGIN_THROTTLE_SECONDS=60)
def test_throttle_counts_the_address_from_the_configured_header(client, cast):
    for i in range(2):
        _login(client, f"guess{i}", "wrong", addr="10.0.0.9", HTTP_X_FORWARDED_FOR="192.168.5.7")

    other_user_behind_proxy = _login(
        client, "auditor", "pw-auditor", addr="10.0.0.9", HTTP_X_FORWARDED_FOR="192.168.5.8"
    )

    assert other_user_behind_proxy.status_code == 302


def test_change_history_records_the_same_address(cast):
    from tuanwu.accounts.middleware import AuditlogMiddleware

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6")
    with override_settings(TRUSTED_PROXY_HEADER=""):
        ignored = AuditlogMiddleware(lambda r: None).get_extra_data(request)["remote_addr"]
    with override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For"):
        trusted = AuditlogMiddleware(lambda r: None).get_extra_data(request)["remote_addr"]

    assert (ignored, trusted) == ("10.0.0.9", "6.6.6.6")
