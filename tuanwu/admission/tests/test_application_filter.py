"""The one filter of the application lists: a status and an organization of the user's view with its subtree,
the same on the board and in the API."""

import pytest

from tuanwu.admission import selectors
from tuanwu.admission.filters import ApplicationFilter
from tuanwu.admission.models import Application
from tuanwu.admission.workflow import Step

from .factories import applicant, apply, walk

S = Application.Status


@pytest.fixture
def apps(cast):
    """One application in each of the town's branches, the first interviewed."""
    first = walk(apply(applicant(cast.branch)), Step.INTERVIEW)
    second = apply(applicant(cast.branch2), actor="committee_secretary")
    return first, second


def names(qs):
    return sorted(a.person.name for a in qs)


def test_filters_by_status_and_by_organization_with_its_subtree(cast, apps):
    first, second = apps
    user = cast.users["county_admin"]
    everything = selectors.application_list(user)

    by_status = ApplicationFilter({"status": S.INTERVIEWED}, user=user).filter(everything)
    by_town = ApplicationFilter({"organization": cast.town.pk}, user=user).filter(everything)
    by_branch = ApplicationFilter({"organization": cast.branch2.pk}, user=user).filter(everything)

    assert names(by_status) == [first.person.name]
    assert names(by_town) == names([first, second])
    assert names(by_branch) == [second.person.name]


def test_an_organization_outside_the_view_is_not_picked_and_is_flagged(cast, apps):
    form = ApplicationFilter({"organization": cast.town.pk}, user=cast.users["outsider"])

    assert form.picked is None
    assert form.outside is True


def test_no_organization_picks_none_and_is_not_outside(cast, apps):
    form = ApplicationFilter({}, user=cast.users["county_admin"])

    assert form.picked is None
    assert form.outside is False
    assert form.filter(selectors.application_list(cast.users["county_admin"])).count() == 2


def test_the_board_and_the_api_show_the_same_organization(client_as, cast, apps):
    first, _second = apps

    board = client_as("county_admin").get(f"/admission/?organization={cast.branch.pk}")
    api = client_as("county_admin").get(f"/api/v1/admission/applications?organization={cast.branch.pk}")

    assert board.status_code == 200
    assert [c["app"].pk for col in board.context["columns"] for c in col["cards"]] == [first.pk]
    assert [row["id"] for row in api.json()["items"]] == [first.pk]


def test_the_api_answers_404_for_an_organization_outside_the_view(client_as, cast, apps):
    response = client_as("outsider").get(f"/api/v1/admission/applications?organization={cast.town.pk}")

    assert response.status_code == 404


def test_application_get_with_a_permission_refuses_the_applicant_themself(cast):
    from django.http import Http404

    from tuanwu.accounts.roles import VIEW_ADMISSION

    app = apply(applicant(cast.branch))
    cast.users["member"].person = app.person
    cast.users["member"].save()

    assert selectors.application_get(cast.users["member"], app.pk) == app
    with pytest.raises(Http404):
        selectors.application_get(cast.users["member"], app.pk, perm=VIEW_ADMISSION)


def test_the_ceremony_is_organized_by_the_lowest_organization_the_branches_share(cast):
    one = apply(applicant(cast.branch))
    other = apply(applicant(cast.branch2), actor="committee_secretary")

    assert selectors.ceremony_organization([one]) == cast.branch
    assert selectors.ceremony_organization([one, other]) == cast.town
