"""Every API operation, fed generated valid and invalid input as a signed-in county admin, never answers a
server error, and its successful answers match the schema. Bounded and deterministic: a few examples per
operation, a fixed seed, no shrinking."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.api import api
from tuanwu.accounts import services as account_services


def _as_int64(node):
    """Mark every integer as 64-bit (what the database holds), so generation tries the boundaries a column or
    an OFFSET overflows at, and past them."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            node.setdefault("format", "int64")
        for value in node.values():
            _as_int64(value)
    elif isinstance(node, list):
        for value in node:
            _as_int64(value)
    return node


schema = schemathesis.openapi.from_dict(_as_int64(api.get_openapi_schema(path_prefix="/api/v1/")))


@pytest.fixture
def app(cast):
    """Django's WSGI handler, sharing the test's transaction (as the test client does, requests must not
    close the connection)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(cast) -> dict:
    key, _ = account_services.token_issue(user=cast.users["county_admin"])
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_a_server_error(case, app, bearer):
    response = case.call(app=app, base_url="http://localhost", headers=bearer)

    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
