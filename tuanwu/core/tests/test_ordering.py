"""Sortable columns and the page controls shared by the lists: ?order= sorts only by what a list allows, the
header shows the direction, and every list page offers first/last page and a page jump."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.factories import org
from tuanwu.core.ordering import order_items, order_list
from tuanwu.organizations.models import Kind, Organization

SORTS = {"name": ("name",), "code": ("-code",)}


def get(query: str = ""):
    return RequestFactory().get("/list/" + query)


@pytest.mark.django_db
def test_an_allowed_key_sorts_both_ways_with_the_primary_key_last():
    qs = Organization.objects.all()

    asc, asc_order = order_list(get("?order=name"), qs, SORTS)
    desc, desc_order = order_list(get("?order=-name"), qs, SORTS)
    flipped, _o = order_list(get("?order=-code"), qs, SORTS)

    assert (asc_order, desc_order) == ("name", "-name")
    assert asc.query.order_by == ("name", "pk")
    assert desc.query.order_by == ("-name", "-pk")
    assert flipped.query.order_by == ("code", "-pk")  # a descending field read the other way


@pytest.mark.parametrize("query", ["", "?order=password", "?order=-", "?order=name__secret"])
def test_anything_else_keeps_the_lists_own_order(query):
    qs = Organization.objects.order_by("path")

    listed, order = order_list(get(query), qs, SORTS)

    assert (listed, order) == (qs, "")


def test_a_python_list_sorts_with_missing_values_last_both_ways():
    items = [{"n": 2}, {"n": None}, {"n": 1}, {"n": 3}]
    keys = {"n": lambda i: i["n"]}

    assert [i["n"] for i in order_items(get("?order=n"), items, keys)[0]] == [1, 2, 3, None]
    assert [i["n"] for i in order_items(get("?order=-n"), items, keys)[0]] == [3, 2, 1, None]
    assert order_items(get("?order=x"), items, keys) == (items, "")


def render_header(query: str, order: str) -> str:
    request = get(query)
    return Template('{% load tw %}{% sort_header "name" "姓名" %}').render(
        Context({"request": request, "order": order})
    )


def test_the_header_offers_ascending_then_descending_and_drops_the_page():
    first = render_header("?q=张&page=3", "")
    second = render_header("?q=张&order=name", "name")
    third = render_header("?q=张&order=-name", "-name")

    assert 'aria-sort="none"' in first and "order=name" in first and "page=" not in first
    assert 'aria-sort="ascending"' in second and "order=-name" in second and "▲" in second
    assert 'aria-sort="descending"' in third and "order=name" in third and "▼" in third
    assert "q=%E5%BC%A0" in first


def test_the_organization_list_sorts_by_code_and_offers_first_last_and_jump(client_as, cast, settings):
    settings.TUANWU_PAGE_SIZES = (2, 20)
    for n in range(5):
        org(cast.town, f"排序{n}团支部", Kind.BRANCH)
    client = client_as("county_admin")

    page = client.get("/organizations/?order=-code&size=2&page=2")

    codes = [o.code for o, _n in page.context["rows"]]
    assert codes == sorted(codes, reverse=True)
    text = page.content.decode()
    assert 'data-testid="page-first"' in text and 'data-testid="page-last"' in text
    assert 'data-testid="page-jump"' in text and 'name="page"' in text
    assert 'aria-sort="descending"' in text
    assert page.context["order"] == "-code"
