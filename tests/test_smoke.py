import pytest


@pytest.mark.parametrize(
    "name", ["county_admin", "committee_secretary", "branch_secretary", "cadre", "member", "auditor"]
)
def test_every_menu_page_renders_for_role(client_as, cast, name):
    from tuanwu.accounts.navigation import menu_for

    client = client_as(name)

    entries = [e for g in menu_for(cast.users[name], None) for e in g["entries"]]

    assert entries
    for e in entries:
        response = client.get(e["url"])
        assert response.status_code == 200, (e["url"], response.status_code)
