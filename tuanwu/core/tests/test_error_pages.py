"""The error pages are the product's own, in the user's language, and `make run` does not show Django's debug
pages unless asked."""

import pathlib

from django.test import RequestFactory
from django.views.defaults import server_error


def test_the_server_error_page_is_ours_and_in_chinese():
    response = server_error(RequestFactory().get("/"))

    body = response.content.decode()
    assert response.status_code == 500
    assert "出错了" in body
    assert "返回首页" in body
    assert "Traceback" not in body


def test_make_run_serves_without_debug_by_default():
    makefile = (pathlib.Path(__file__).resolve().parents[3] / "Makefile").read_text()

    assert "DEBUG ?= true" not in makefile
    assert "collectstatic" in makefile.split("\nrun:")[1].split("\n\n")[0]
