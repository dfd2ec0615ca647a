"""The rating pages, export and API: the committee above (RATE_BRANCH) computes, enters and reviews; the branch
sees its own rating read-only and may not write it; an outsider gets 404 as for a rating that does not exist."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tuanwu.meetings.models import BranchRating, Rectification
from tuanwu.meetings.services import ratings as services

from .ratings_factories import OLD, YEAR, aged, branch, points, records_only_structure  # noqa: F401

pytestmark = pytest.mark.usefixtures("records_only_structure")
Band = BranchRating.Band


@pytest.fixture
def rated(cast):
    """东湖村 (87.5, ★4) and 西湾村 (no secretary: 6 + 50 = 56, 软弱涣散) rated for the year by the town's secretary."""
    aged(cast.branch, OLD)
    aged(cast.branch2, OLD)
    secretary = cast.users["committee_secretary"]
    services.rating_compute(actor=secretary, committee=cast.town, year=YEAR)
    services.rating_enter(actor=secretary, rating=rating_of(cast.branch), points=points(22, 10, 9, 8, 8, 12, 3.5))
    services.rating_enter(actor=secretary, rating=rating_of(cast.branch2), points=points(15, 7, 6, 6, 6, 8, 2))
    return cast


def rating_of(b) -> BranchRating:
    return BranchRating.objects.get(organization=b, year=YEAR)


def list_url(cast, **extra):
    query = "&".join(f"{k}={v}" for k, v in {"organization": cast.town.pk, "year": YEAR, **extra}.items())
    return f"/meetings/ratings/?{query}"


def test_the_committee_page_lists_its_branches_with_score_band_and_cap_usage(client_as, rated):
    response = client_as("committee_secretary").get(list_url(rated))

    page = response.content.decode()
    assert response.status_code == 200
    assert "东湖村团支部" in page and "西湾村团支部" in page
    assert "87.5" in page and "56.0" in page
    # 2 branches rated × 30 % = 0.6, rounded to 1; 东湖村 is ★4.
    assert "★4+★5：1 / 上限 1（参评 2 个的 30 %）" in page
    assert 'data-testid="ratings-compute"' in page


def test_the_branch_sees_only_its_own_rating_and_no_compute_button(client_as, rated):
    response = client_as("branch_secretary").get(f"/meetings/ratings/?organization={rated.branch.pk}&year={YEAR}")

    page = response.content.decode()
    assert response.status_code == 200
    assert "东湖村团支部" in page and "西湾村团支部" not in page
    assert 'data-testid="ratings-compute"' not in page


def test_an_outsider_asking_for_the_town_gets_404(client_as, rated):
    assert client_as("outsider").get(list_url(rated)).status_code == 404


def test_the_menu_entry_is_under_organizational_life(client_as, rated):
    page = client_as("branch_secretary").get("/").content.decode()

    assert page.index("组织生活") < page.index("对标定级")
    assert 'href="/meetings/ratings/"' in page


def test_the_detail_shows_the_items_with_basis_and_the_forms_to_the_committee(client_as, rated):
    r = rating_of(rated.branch)

    page = client_as("committee_secretary").get(f"/meetings/ratings/{r.pk}/").content.decode()

    assert "书记在任：李华；团员 2 人，不足 7 人，无需设支部委员会" in page
    assert 'name="points_role"' in page and 'name="final_band"' in page
    assert "在系统中创建的日期，未记录成立日期" in page


def test_the_branch_sees_its_rating_read_only(client_as, rated):
    r = rating_of(rated.branch)

    response = client_as("branch_secretary").get(f"/meetings/ratings/{r.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "87.5 / 100" in page
    assert 'name="points_role"' not in page and 'name="final_band"' not in page


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("member", 404)])
def test_the_detail_is_404_outside_scope(client_as, rated, who, status):
    assert client_as(who).get(f"/meetings/ratings/{rating_of(rated.branch).pk}/").status_code == status


def test_the_committee_enters_items_on_the_page(client_as, rated):
    r = rating_of(rated.branch)

    response = client_as("committee_secretary").post(
        f"/meetings/ratings/{r.pk}/items/", {"points_role": "14", "note_role": "志愿服务突出", "version": r.version}
    )

    assert response.status_code == 302
    item = next(i for i in rating_of(rated.branch).items if i["key"] == "role")
    assert (item["points"], item["note"]) == ("14.0", "志愿服务突出")
    assert rating_of(rated.branch).score == Decimal("89.5")


@pytest.mark.parametrize(("who", "status"), [("branch_secretary", 403), ("outsider", 404)])
def test_writes_are_refused_to_the_branch_and_outsiders(client_as, rated, who, status):
    r = rating_of(rated.branch)
    client = client_as(who)

    responses = [
        client.post(f"/meetings/ratings/{r.pk}/items/", {"points_role": "1", "version": r.version}),
        client.post(f"/meetings/ratings/{r.pk}/review/", {"final_band": "4", "version": r.version}),
        client.post(f"/meetings/ratings/{r.pk}/reopen/", {"version": r.version}),
        client.get(f"/meetings/ratings/{r.pk}/rectification/"),
    ]

    assert [x.status_code for x in responses] == [status] * 4
    assert rating_of(rated.branch).version == r.version
    assert rating_of(rated.branch).status == BranchRating.Status.DRAFT


def test_compute_is_refused_to_the_branch_secretary(client_as, rated):
    before = list(BranchRating.objects.values_list("pk", "version").order_by("pk"))

    response = client_as("branch_secretary").post(
        "/meetings/ratings/compute/", {"organization": rated.town.pk, "year": YEAR}
    )

    assert response.status_code == 404
    assert list(BranchRating.objects.values_list("pk", "version").order_by("pk")) == before


def test_the_committee_computes_on_the_page(client_as, rated):
    response = client_as("committee_secretary").post(
        "/meetings/ratings/compute/", {"organization": rated.town.pk, "year": YEAR + 1}
    )

    assert response.status_code == 302
    assert sorted(BranchRating.objects.filter(year=YEAR + 1).values_list("organization__name", "status")) == [
        ("东湖村团支部", "draft"),
        ("西湾村团支部", "draft"),
    ]


def test_a_review_with_a_changed_star_needs_the_reason_on_the_page(client_as, rated):
    r = rating_of(rated.branch)
    client = client_as("committee_secretary")

    refused = client.post(f"/meetings/ratings/{r.pk}/review/", {"final_band": "3", "version": r.version})
    assert refused.status_code == 422
    assert "最终星级 ★★★（三星） 与测算等次 ★★★★（四星） 不同：请说明理由。" in refused.content.decode()
    assert rating_of(rated.branch).status == BranchRating.Status.DRAFT

    accepted = client.post(
        f"/meetings/ratings/{r.pk}/review/", {"final_band": "3", "reason": "组织生活记录不全", "version": r.version}
    )
    assert accepted.status_code == 302
    assert (rating_of(rated.branch).final_band, rating_of(rated.branch).change_reason) == ("3", "组织生活记录不全")


def test_the_rectification_of_a_weak_branch_on_the_pages(client_as, rated):
    weak = rating_of(rated.branch2)
    client = client_as("committee_secretary")
    assert "西湾村团支部" in client.get("/meetings/ratings/rectifications/").content.decode()

    response = client.post(
        f"/meetings/ratings/{weak.pk}/rectification/",
        {"problems": "书记空缺", "measures": "三个月内选配书记", "due_on": "2027-03-31"},
    )

    assert response.status_code == 302
    assert Rectification.objects.get(rating=weak).measures == "三个月内选配书记"
    page = client.get("/meetings/ratings/rectifications/").content.decode()
    assert "三个月内选配书记" in page and "2027-03-31" in page


def test_the_export_holds_the_pages_rows_and_items(client_as, rated):
    response = client_as("committee_secretary").get(list_url(rated, format="xlsx"))

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    ratings, items = book.worksheets
    rows = [[c.value for c in row] for row in ratings.iter_rows(min_row=2)]
    assert [r[:5] for r in rows] == [
        ["东湖村团支部", "东湖镇团委", "草稿", 87.5, "★★★★（四星）"],
        ["西湾村团支部", "东湖镇团委", "草稿", 56, "软弱涣散"],
    ]
    assert items.max_row == 1 + 2 * 8


def test_the_export_of_an_outsider_is_404(client_as, rated):
    assert client_as("outsider").get(list_url(rated, format="xlsx")).status_code == 404


def test_api_lists_and_shows_the_committees_ratings(client_as, rated):
    client = client_as("committee_secretary")

    listed = client.get(f"/api/v1/meetings/ratings?organization={rated.town.pk}&year={YEAR}").json()
    detail = client.get(f"/api/v1/meetings/ratings/{rating_of(rated.branch).pk}").json()

    assert [(r["organization_name"], r["score"], r["band"]) for r in listed["items"]] == [
        ("东湖村团支部", "87.5", "4"),
        ("西湾村团支部", "56.0", "weak"),
    ]
    structure = next(i for i in detail["items"] if i["key"] == "structure")
    assert (structure["points"], structure["source"]) == ("15.0", "records")


def test_api_is_404_for_an_outsider(client_as, rated):
    client = client_as("outsider")

    assert client.get(f"/api/v1/meetings/ratings?organization={rated.town.pk}").status_code == 404
    assert client.get("/api/v1/meetings/ratings").json()["count"] == 0
    assert client.get(f"/api/v1/meetings/ratings/{rating_of(rated.branch).pk}").status_code == 404


def test_api_review_records_the_final_star(client_as, rated):
    r = rating_of(rated.branch)

    response = client_as("committee_secretary").post(
        f"/api/v1/meetings/ratings/{r.pk}/review",
        data={"final_band": "4", "version": r.version},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["final_band"]) == ("reviewed", "4")


@pytest.mark.parametrize(("who", "status"), [("branch_secretary", 403), ("outsider", 404)])
def test_api_review_is_refused_to_the_branch_and_outsiders(client_as, rated, who, status):
    r = rating_of(rated.branch)

    response = client_as(who).post(
        f"/api/v1/meetings/ratings/{r.pk}/review",
        data={"final_band": "4", "version": r.version},
        content_type="application/json",
    )

    assert response.status_code == status
    assert rating_of(rated.branch).status == BranchRating.Status.DRAFT


def test_api_review_over_the_cap_is_refused_with_the_counts(client_as, rated):
    r = rating_of(rated.branch2)
    services.rating_enter(actor=rated.users["committee_secretary"], rating=r, points=points(25, 10, 10, 10, 10, 15, 5))
    r = rating_of(rated.branch2)  # 6 + 85 = 91, ★5: with 东湖村's ★4, 2 of 2 against a cap of 1

    response = client_as("committee_secretary").post(
        f"/api/v1/meetings/ratings/{r.pk}/review",
        data={"final_band": "5", "version": r.version},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "RATING_CAP_EXCEEDED"
    assert "将为东湖镇团委下参评的 2 个团支部中的 2 个，超过上限 1 个" in response.json()["detail"]
    assert rating_of(rated.branch2).status == BranchRating.Status.DRAFT


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        lambda c: list_url(c),
        lambda c: "/meetings/ratings/rectifications/",
        lambda c: f"/api/v1/meetings/ratings?organization={c.town.pk}&year={YEAR}",
    ],
    ids=["committee page", "rectifications", "api list"],
)
def test_query_count_does_not_grow_with_branches(client_as, rated, url):
    client = client_as("committee_secretary")
    small = _count(client, url(rated))

    secretary = rated.users["committee_secretary"]
    grown = [branch(rated.town, f"新{n}村团支部", secretary=n % 2 == 0) for n in range(8)]
    services.rating_compute(actor=secretary, committee=rated.town, year=YEAR)
    for b in grown:  # weak and lax, so that the rectification list grows too
        services.rating_enter(actor=secretary, rating=rating_of(b), points=points(10, 5, 5, 5, 5, 5, 1))
    large = _count(client, url(rated))

    assert large == small
    assert large <= 16
