"""No input answers a server error: out-of-range years, offsets and limits, page numbers and export counts
are refused (API: 422 in the error format) or handled (pages), never a 500."""

import pytest
from django.test import Client

from tuanwu.jobs.models import Job

HUGE = str(2**63)  # one past the largest 64-bit integer a database column or OFFSET takes

API_LISTS = [
    "/api/v1/organizations",
    "/api/v1/people",
    "/api/v1/volunteering/activities",
    "/api/v1/volunteering/signups",
    "/api/v1/volunteering/entries",
    "/api/v1/admission/applications",
    "/api/v1/admission/audit",
    "/api/v1/study/episodes",
]

HTML_LISTS = [
    "/organizations/",
    "/people/",
    "/volunteering/",
    "/volunteering/ledger/",
    "/volunteering/certificates/",
    "/volunteering/task-forces/",
    "/audit/access-log/",
    "/audit/history/",
    "/audit/batch-events/",
    "/jobs/",
    "/study/",
    "/admission/",
    "/admission/audit/",
    "/plan/",
]


@pytest.fixture
def admin(client_as, cast) -> Client:
    return client_as("county_admin")


def _assert_refused(response):
    assert response.status_code == 422, response.content[:300]
    body = response.json()
    assert set(body) == {"detail", "code"}
    assert body["code"] == "INVALID_REQUEST"


@pytest.mark.parametrize("param", ["offset", "limit"])
@pytest.mark.parametrize("url", API_LISTS)
def test_api_list_refuses_an_offset_or_limit_past_64_bits(admin, url, param):
    _assert_refused(admin.get(url, {param: HUGE}))


@pytest.mark.parametrize("url", API_LISTS)
def test_api_list_refuses_a_negative_offset(admin, url):
    _assert_refused(admin.get(url, {"offset": "-1"}))


def test_api_page_size_is_capped(admin):
    _assert_refused(admin.get("/api/v1/organizations", {"limit": "501"}))
    assert admin.get("/api/v1/organizations", {"limit": "500"}).status_code == 200


@pytest.mark.parametrize("year", ["10000", "0", "-5", HUGE])
def test_api_refuses_a_year_out_of_range(admin, cast, year):
    zhang = cast.people["zhang"]

    _assert_refused(admin.get("/api/v1/admission/audit", {"year": year}))
    _assert_refused(admin.get(f"/api/v1/volunteering/people/{zhang.pk}/hours", {"year": year}))
    _assert_refused(admin.get("/api/v1/volunteering/activities", {"year": year}))
    _assert_refused(admin.get("/api/v1/volunteering/entries", {"year": year}))


def test_api_accepts_a_year_in_range(admin, cast):
    zhang = cast.people["zhang"]

    hours = admin.get(f"/api/v1/volunteering/people/{zhang.pk}/hours", {"year": "2024"})

    assert hours.status_code == 200 and hours.json()["year"] == 2024
    assert admin.get("/api/v1/admission/audit", {"year": "2024"}).status_code == 200


@pytest.mark.parametrize("param", ["organization"])
@pytest.mark.parametrize("url", ["/api/v1/people", "/api/v1/volunteering/activities", "/api/v1/admission/applications"])
def test_api_refuses_an_id_past_64_bits(admin, url, param):
    _assert_refused(admin.get(url, {param: HUGE}))


@pytest.mark.parametrize("page", [HUGE, "99999999999999999999999999", "-1", "abc", "1e9"])
@pytest.mark.parametrize("url", HTML_LISTS)
def test_list_pages_handle_any_page_number(admin, url, page):
    assert admin.get(url, {"page": page, "size": page}).status_code == 200


@pytest.mark.parametrize("count", ["abc", "-1", HUGE, "1.5"])
def test_export_refuses_a_bad_count_with_a_400(admin, count):
    response = admin.post("/jobs/exports/members/", {"count": count})

    assert response.status_code == 400
    assert "行数" in response.content.decode()  # the form's error names the field
    assert not Job.objects.exists()


def test_export_still_runs_with_a_good_or_missing_count(admin):
    assert admin.post("/jobs/exports/members/", {"count": "5"}).status_code == 200
    assert admin.post("/jobs/exports/members/", {}).status_code == 200


PLAN = "一、组织建设\n1. 新建团支部10个。\n"


@pytest.mark.parametrize(
    "fields",
    [
        {"year": "abc"},
        {"year": "10000"},
        {"year": HUGE},
        {"year": "2020", "drop_x_y": "1"},
        {"year": "2020", f"drop_{HUGE}_1": "1"},
    ],
)
def test_plan_import_confirm_refuses_bad_fields_without_a_server_error(admin, fields):
    from tuanwu.plan.models import WorkPlan

    response = admin.post("/plan/import/", {"confirm": "1", "text": PLAN, **fields})

    assert response.status_code == 200
    assert not WorkPlan.objects.exists()


@pytest.mark.parametrize("value", ["²", "abc", HUGE, "-1"])  # "²" passes str.isdigit() but not int()
@pytest.mark.parametrize(
    "how,url,field",
    [
        ("get", "/volunteering/certificates/new/", "person"),
        ("post", "/volunteering/certificates/new/?person={zhang}", "issuer"),
        ("get", "/people/new/", "organization"),
        ("get", "/admission/new/", "person"),
        ("post", "/admission/new/", "person"),
        ("get", "/organizations/picker/", "organization"),
    ],
)
def test_an_id_in_a_page_field_is_read_without_a_server_error(admin, cast, how, url, field, value):
    response = getattr(admin, how)(url.format(zhang=cast.people["zhang"].pk), {field: value})

    assert response.status_code in (200, 404)
