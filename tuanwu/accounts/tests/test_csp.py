"""A strict Content-Security-Policy: everything from the site itself, inline scripts only with the page's nonce."""

import re
from pathlib import Path

import pytest

import tuanwu

TEMPLATES = sorted(Path(tuanwu.__file__).parent.rglob("templates/**/*.html"))


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/organizations"])
def test_policy_allows_only_the_site_itself(client_as, cast, path):
    response = client_as("county_admin").get(path)
    policy = _policy(response)

    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_inline_scripts_carry_the_nonce_of_the_policy(client_as, cast):
    response = client_as("county_admin").get("/")
    html = response.content.decode()
    nonce = next(s for s in _policy(response)["script-src"] if s.startswith("'nonce-"))[len("'nonce-") : -1]
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", html)

    assert inline, "the dashboard has an inline chart script"
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)


def test_nonce_changes_with_every_response(client_as, cast):
    client = client_as("county_admin")

    assert client.get("/")["Content-Security-Policy"] != client.get("/")["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(Path(tuanwu.__file__).parent)))
def test_templates_have_no_inline_script_without_nonce_nor_event_handler_attributes(template):
    text = template.read_text(encoding="utf-8")
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)([^>]*)>", text)

    assert all('nonce="{{ csp_nonce }}"' in attrs for attrs in inline)
    assert not re.search(r"<[^>]+\son[a-z]+=", text)
