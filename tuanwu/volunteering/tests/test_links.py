"""Other pages lead to volunteering: a person's page to their hours, an organization's page to its numbers."""


def test_person_page_links_leaders_to_the_persons_hours(client_as, cast):
    pk = cast.people["zhang"].pk

    html = client_as("branch_secretary").get(f"/people/{pk}/").content.decode()

    assert f"/volunteering/people/{pk}/" in html


def test_own_record_links_to_my_volunteering_not_to_the_leaders_page(client_as, cast):
    pk = cast.people["zhang"].pk

    html = client_as("member").get(f"/people/{pk}/").content.decode()

    assert f"/volunteering/people/{pk}/" not in html
    assert 'class="btn btn-sm btn-outline-success" href="/volunteering/me/"' in html


def test_organization_page_links_to_its_numbers(client_as, cast):
    html = client_as("committee_secretary").get(f"/organizations/{cast.branch.pk}/").content.decode()

    assert f"/volunteering/stats/{cast.branch.pk}/" in html
