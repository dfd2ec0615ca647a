"""The words of the shell every page shares: a select's empty choice reads 请选择 (Please choose), never Django's
dashes; the top bar names a person or an office, not a login."""

from django import forms
from django.utils import translation


class _Form(forms.Form):
    choice = forms.ChoiceField(choices=[("", "---------"), ("a", "甲")], required=False)


def test_the_empty_choice_reads_please_choose_in_chinese_and_english():
    with translation.override("zh-hans"):
        chinese = str(_Form()["choice"])
    with translation.override("en"):
        english = str(_Form()["choice"])

    assert ">请选择</option>" in chinese and "---------" not in chinese
    assert ">Please choose</option>" in english
    assert ">甲</option>" in chinese  # the other choices as they are


def test_a_model_choice_on_a_page_shows_please_choose(client_as, cast):
    page = client_as("branch_secretary").get("/meetings/record/").content.decode()

    assert "---------" not in page
    assert "请选择" in page


def test_the_top_bar_names_the_office_not_the_login(client_as, cast):
    page = client_as("county_admin").get("/").content.decode()  # no name, no person: the role it holds

    assert 'data-testid="user-label">团县委管理员</button>' in page
