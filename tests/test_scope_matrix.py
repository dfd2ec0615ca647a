"""Every page and endpoint × every role: who gets it, who gets 404/403, and that anonymous users are sent away.

The cast: county_admin (county), committee_secretary (town), branch_secretary (branch, is 李华),
cadre (school), member (branch, is 张晓明), auditor (county, read-only), outsider (committee secretary
of the school). The objects asked for lie in the town's subtree, so cadre and outsider must get 404.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = [
    "county_admin",
    "committee_secretary",
    "branch_secretary",
    "cadre",
    "member",
    "auditor",
    "outsider",
    "anonymous",
]


def _expect(default, **per_role):
    return {role: per_role.get(role, default) for role in ROLES}


# url name -> (method, path builder, expected status per role)
MATRIX = {
    "healthz": ("get", lambda c: "/healthz", _expect(200)),
    "dashboards:home": ("get", lambda c: "/", _expect(200, anonymous=302)),
    "accounts:login": ("get", lambda c: "/accounts/login/", _expect(302, anonymous=200)),
    "accounts:logout": ("post", lambda c: "/accounts/logout/", _expect(302)),
    "accounts:profile": ("get", lambda c: "/accounts/profile/", _expect(200, anonymous=302)),
    "accounts:password_change": ("get", lambda c: "/accounts/password/", _expect(200, anonymous=302)),
    "accounts:set_language": ("post", lambda c: "/accounts/language/", _expect(302)),
    "accounts:roles": (
        "get",
        lambda c: f"/accounts/organizations/{c.town.pk}/roles/",
        _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=302),
    ),
    "accounts:role_revoke": (
        "post",
        lambda c: f"/accounts/roles/{c.users['branch_secretary'].roles.get().pk}/revoke/",
        _expect(404, county_admin=302, committee_secretary=302, anonymous=302),
    ),
    "organizations:list": ("get", lambda c: "/organizations/", _expect(200, member=404, anonymous=302)),
    "organizations:tree": ("get", lambda c: "/organizations/tree/", _expect(200, member=404, anonymous=302)),
    "organizations:tree_children": (
        "get",
        lambda c: f"/organizations/tree/{c.town.pk}/",
        _expect(404, county_admin=200, committee_secretary=200, auditor=200, anonymous=302),
    ),
    "organizations:picker": ("get", lambda c: "/organizations/picker/?q=团", _expect(200, anonymous=302)),
    "organizations:warnings": (
        "get",
        lambda c: "/organizations/warnings/",
        _expect(200, member=404, anonymous=302),
    ),
    "organizations:detail": (
        "get",
        lambda c: f"/organizations/{c.branch.pk}/",
        _expect(200, cadre=404, member=404, outsider=404, anonymous=302),
    ),
    "organizations:create": (
        "get",
        lambda c: f"/organizations/{c.town.pk}/new/",
        _expect(404, county_admin=200, committee_secretary=200, auditor=403, anonymous=302),
    ),
    **{
        f"organizations:{name}": (
            "get",
            (lambda name: lambda c: f"/organizations/{c.branch.pk}/{name}/")(name),
            _expect(
                404,
                county_admin=200,
                committee_secretary=200,
                branch_secretary=403,
                auditor=403,
                anonymous=302,
            ),
        )
        for name in ("edit", "move", "dissolve")
    },
    "people:list": ("get", lambda c: "/people/", _expect(200, member=404, anonymous=302)),
    "people:create": (
        "get",
        lambda c: "/people/new/",
        _expect(200, cadre=404, member=404, auditor=404, anonymous=302),
    ),
    "people:me": (
        "get",
        lambda c: "/people/me/",
        _expect(404, branch_secretary=200, member=200, anonymous=302),
    ),
    "people:pending_exits": (
        "get",
        lambda c: "/people/pending-exits/",
        _expect(404, county_admin=200, committee_secretary=200, outsider=200, anonymous=302),
    ),
    "people:detail": (
        "get",
        lambda c: f"/people/{c.people['zhang'].pk}/",
        _expect(200, cadre=404, outsider=404, anonymous=302),
    ),
    **{
        f"people:{name}": (
            "get",
            (lambda path: lambda c: f"/people/{c.people['zhang'].pk}/{path}/")(path),
            _expect(
                404,
                county_admin=200,
                committee_secretary=200,
                branch_secretary=200,
                auditor=403,
                anonymous=302,
            ),
        )
        for name, path in (("edit", "edit"), ("move", "move"), ("post_add", "posts/new"))
    },
    "people:reveal": (
        "post",
        lambda c: f"/people/{c.people['zhang'].pk}/reveal/",
        _expect(200, cadre=404, auditor=403, outsider=404, anonymous=302),
    ),
    "people:membership_register": (
        "post",
        lambda c: f"/people/{c.people['youth'].pk}/membership/",
        _expect(302, cadre=404, member=404, auditor=403, outsider=404),
    ),
    "people:exit_request": (
        "post",
        lambda c: f"/people/{c.people['zhang'].pk}/exit/",
        _expect(302, cadre=404, member=404, auditor=403, outsider=404),
    ),
    "people:exit_decide": (
        "post",
        lambda c: f"/people/{c.people['zhang'].pk}/exit/decide/",
        _expect(302, branch_secretary=404, cadre=404, member=404, auditor=403, outsider=404),
    ),
    "people:post_end": (
        "post",
        lambda c: f"/people/posts/{c.people['li'].posts.get().pk}/end/",
        _expect(404, county_admin=302, committee_secretary=302, branch_secretary=302, anonymous=302),
    ),
    "audit:access_log": (
        "get",
        lambda c: "/audit/access-log/",
        _expect(404, county_admin=200, auditor=200, anonymous=302),
    ),
    "audit:history": ("get", lambda c: "/audit/history/", _expect(200, cadre=404, member=404, anonymous=302)),
    "audit:batch_events": (
        "get",
        lambda c: "/audit/batch-events/",
        _expect(200, cadre=404, member=404, anonymous=302),
    ),
}


def _job(c, action="export"):
    """A finished job of the county administrator's, with an output file."""
    from django.core.files.base import ContentFile

    from tuanwu.jobs.models import Job

    job = Job.objects.create(
        user=c.users["county_admin"],
        kind="members",
        action=action,
        status=Job.Status.SUCCEEDED,
        output_name="x.xlsx",
        result={"rows": 1} if action == "export" else {"created": 0, "errors": []},
    )
    job.output_file.save("x.xlsx", ContentFile(b"PK"), save=False)
    job.input_file.save("in.csv", ContentFile("姓名,身份证号码,所在团支部\n".encode()), save=True)
    return job


CHANGE_PERSON_ROLES = _expect(
    404, county_admin=200, committee_secretary=200, branch_secretary=200, outsider=200, anonymous=302
)
MATRIX.update(
    {
        "jobs:list": ("get", lambda c: "/jobs/", _expect(200, anonymous=302)),
        "jobs:detail": ("get", lambda c: f"/jobs/{_job(c).pk}/", _expect(404, county_admin=200, anonymous=302)),
        "jobs:download": (
            "get",
            lambda c: f"/jobs/{_job(c).pk}/download/",
            _expect(404, county_admin=200, anonymous=302),
        ),
        "jobs:confirm": (
            "post",
            lambda c: f"/jobs/{_job(c, 'check').pk}/confirm/",
            _expect(404, county_admin=302, anonymous=302),
        ),
        "jobs:import": ("get", lambda c: "/jobs/imports/members/", CHANGE_PERSON_ROLES),
        "jobs:template": ("get", lambda c: "/jobs/imports/members/template/", CHANGE_PERSON_ROLES),
        "jobs:export": ("post", lambda c: "/jobs/exports/members/", _expect(200, member=404, anonymous=302)),
    }
)

# API routes: path -> expected status per role (anonymous gets 401).
API_MATRIX = {
    "/api/v1/organizations": _expect(200, anonymous=401),
    "/api/v1/organizations/{branch}": _expect(200, cadre=404, member=404, outsider=404, anonymous=401),
    "/api/v1/people": _expect(200, anonymous=401),
    "/api/v1/people/{zhang}": _expect(200, cadre=404, outsider=404, anonymous=401),
    "/api/v1/people/{zhang}?reveal=true": _expect(200, cadre=404, auditor=403, outsider=404, anonymous=401),
}


def _our_url_names():
    names = set()

    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in ("admin", "api"):
                    continue
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns)
    return names


def test_matrix_covers_every_url_pattern():
    missing = _our_url_names() - set(MATRIX)

    assert not missing, f"add these pages to the scope matrix: {sorted(missing)}"


def test_api_matrix_covers_every_api_route():
    from config.api import api

    routes = {
        f"/api/v1{prefix}{path}".rstrip("/") for prefix, router in api._routers for path in router.path_operations
    }
    routes = {r.replace("{int:org_id}", "{branch}").replace("{int:person_id}", "{zhang}") for r in routes}
    covered = {p.split("?")[0] for p in API_MATRIX} | {"/api/v1/auth/token", "/api/v1"}

    assert routes - covered == set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_page_access(client_as, cast, name, role):
    method, build, expected = MATRIX[name]
    client = client_as(role)

    response = getattr(client, method)(build(cast))

    assert response.status_code == expected[role], f"{name} as {role}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(API_MATRIX))
def test_api_access(client_as, cast, path, role):
    client = client_as(role)
    url = path.format(branch=cast.branch.pk, zhang=cast.people["zhang"].pk)

    response = client.get(url)

    assert response.status_code == API_MATRIX[path][role], f"{path} as {role}: {response.content[:200]}"
    if response.status_code >= 400:
        assert set(response.json()) == {"detail", "code"}
