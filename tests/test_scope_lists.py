"""Lists, counts and searches never show anything outside the user's subtree."""

import pytest

from tuanwu.organizations.models import Organization, subtree_range
from tuanwu.people.models import Person

VISIBLE_ROOT = {
    "county_admin": "county",
    "committee_secretary": "town",
    "branch_secretary": "branch",
    "cadre": "school",
    "auditor": "county",
    "outsider": "school",
}


def _people_under(org):
    return set(Person.objects.filter(organization__path__range=subtree_range(org.path)).values_list("pk", flat=True))


def _orgs_under(org):
    return set(Organization.objects.filter(path__range=subtree_range(org.path)).values_list("pk", flat=True))


@pytest.mark.parametrize("role", sorted(VISIBLE_ROOT))
def test_api_people_list_holds_exactly_the_subtree(client_as, cast, role):
    root = getattr(cast, VISIBLE_ROOT[role])

    body = client_as(role).get("/api/v1/people?limit=500").json()

    assert {item["id"] for item in body["items"]} == _people_under(root)
    assert body["count"] == len(_people_under(root))


@pytest.mark.parametrize("role", sorted(VISIBLE_ROOT))
def test_api_organization_list_holds_exactly_the_subtree(client_as, cast, role):
    root = getattr(cast, VISIBLE_ROOT[role])

    body = client_as(role).get("/api/v1/organizations?limit=500").json()

    assert {item["id"] for item in body["items"]} == _orgs_under(root)


def test_member_sees_only_own_record_through_the_api(client_as, cast):
    body = client_as("member").get("/api/v1/people").json()

    assert [item["id"] for item in body["items"]] == [cast.people["zhang"].pk]


@pytest.mark.parametrize("role", sorted(VISIBLE_ROOT))
def test_people_page_lists_only_the_subtree(client_as, cast, role):
    root = getattr(cast, VISIBLE_ROOT[role])

    response = client_as(role).get("/people/?size=200")

    shown = {row["person"].pk for row in response.context["rows"]}
    assert shown == _people_under(root)


def test_search_does_not_find_people_outside_scope(client_as, cast):
    # 王芳 is registered in branch2, outside the branch secretary's branch.
    response = client_as("branch_secretary").get("/people/", {"q": "王芳"})

    assert response.context["rows"] == []


def test_dashboard_counts_only_members_in_scope(client_as, cast):
    response = client_as("committee_secretary").get("/")

    # zhang and li in branch, wang in branch2; zhao is in the school, outside the town.
    assert response.context["summary"]["members"] == 3


def test_tree_shows_only_visible_subtree(client_as, cast):
    response = client_as("outsider").get("/organizations/tree/")

    roots = response.context["roots"]
    assert [n.org.pk for n in roots] == [cast.school.pk]
    assert [c.org.pk for c in roots[0].children] == [cast.school_branch.pk]


def test_tree_sends_two_levels_and_loads_the_rest_on_demand_with_whole_totals(client_as, cast):
    client = client_as("county_admin")

    roots = client.get("/organizations/tree/").context["roots"]
    town = next(n for n in roots[0].children if n.org.pk == cast.town.pk)
    below = client.get(f"/organizations/tree/{cast.town.pk}/").context["nodes"]

    assert (roots[0].total, town.total, town.children, town.more) == (4, 3, [], True)
    assert {(n.org.name, n.direct) for n in below} == {("东湖村团支部", 2), ("西湾村团支部", 1)}


def test_tree_children_of_an_organization_outside_scope_are_404(client_as, cast):
    response = client_as("branch_secretary").get(f"/organizations/tree/{cast.town.pk}/")

    assert response.status_code == 404


def test_person_filter_organization_outside_scope_yields_nothing(client_as, cast):
    response = client_as("branch_secretary").get("/people/", {"organization": cast.school.pk})

    assert response.context["rows"] == []


def test_api_list_masks_personal_data_for_everyone(client_as, cast):
    body = client_as("county_admin").get("/api/v1/people?limit=100").json()

    for item in body["items"]:
        assert item["masked"] is True
        assert "*" in item["id_number"]


@pytest.mark.parametrize(
    ("role", "perm", "expected"),
    [
        ("branch_secretary", "people", {"东湖村团支部"}),
        ("committee_secretary", "people", {"东湖村团支部", "西湾村团支部"}),
        ("member", "people", set()),
        ("auditor", "change_person", set()),
        ("outsider", "view", set()),
    ],
)
def test_organization_picker_offers_only_the_scope(client_as, cast, role, perm, expected):
    response = client_as(role).get("/organizations/picker/", {"q": "村团支部", "perm": perm})

    assert {o["label"] for o in response.context["options"]} == expected


def test_organization_picker_names_the_parent_of_what_it_finds(client_as, cast):
    from tests.factories import org

    org(cast.school, "第一团支部")
    org(cast.town, "第一团支部")

    response = client_as("county_admin").get("/organizations/picker/", {"q": "第一团支部", "perm": "view"})

    assert sorted(o["parent"] for o in response.context["options"]) == sorted(["青禾一中团委", "东湖镇团委"])
    assert response.content.decode().count('data-testid="picker-parent"') == 2


def test_organization_picker_without_text_offers_the_levels_above_branches(client_as, cast):
    response = client_as("county_admin").get("/organizations/picker/", {"perm": "view"})

    assert [o["label"] for o in response.context["options"]] == ["青禾县委", "东湖镇团委", "青禾一中团委"]


def test_a_second_county_in_the_same_database_stays_outside_the_first_ones_scope(client_as, cast):
    from tests.factories import member, org
    from tuanwu.organizations.models import Kind, Sector

    other = org(None, "邻县团县委", Kind.COUNTY_COMMITTEE, Sector.PARTY_GOVERNMENT, code="LX")
    stranger = member(org(other, "邻县某村团支部"), "周婷")

    body = client_as("county_admin").get("/api/v1/people?limit=100").json()
    rows = client_as("county_admin").get("/people/?size=200").context["rows"]

    assert stranger.pk not in {item["id"] for item in body["items"]}
    assert stranger.pk not in {r["person"].pk for r in rows}
    assert body["count"] == 5


def test_the_only_county_admin_sees_every_person_without_a_scope_filter(client_as, cast):
    from tuanwu.organizations import scope

    sql = str(scope.restrict(Person.objects.all(), cast.users["county_admin"], "people.view_person").query)

    assert "path" not in sql


def test_the_tree_beside_the_people_list_links_each_node_to_the_filtered_list(client_as, cast):
    page = client_as("committee_secretary").get("/people/").content.decode()
    side = client_as("committee_secretary").get(f"/organizations/tree/side/?pick=people&organization={cast.town.pk}")
    children = client_as("committee_secretary").get(f"/organizations/tree/{cast.town.pk}/?pick=people")
    unknown = client_as("committee_secretary").get("/organizations/tree/side/?pick=nothing")

    text = side.content.decode()
    assert "/organizations/tree/side/?pick=people" in page
    assert f'href="/people/?organization={cast.town.pk}"' in text and 'aria-current="true"' in text
    assert "青禾一中团委" not in text  # the school is outside the town secretary's scope
    assert f'href="/people/?organization={cast.branch.pk}"' in children.content.decode()
    assert unknown.status_code == 404
