import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from tuanwu.publicity import services
from tuanwu.publicity.exports import media_accounts_export
from tuanwu.publicity.models import MediaAccount, MonthlyFigure

from .factories import media_account, role_model


def test_register_an_account_with_its_first_administrator_on_the_page(cast, client_as):
    client = client_as("branch_secretary")

    response = client.post(
        "/publicity/accounts/new/",
        {
            "organization": cast.branch.pk,
            "platform": "douyin",
            "name": "东湖青年",
            "handle": "dhqn2026",
            "registered_on": "2026-03-01",
            "leader": cast.people["li"].pk,
            "admin": cast.people["zhang"].pk,
            "admin_is_student": "on",
            "admin_graduates_on": "2027-06-30",
        },
    )

    account = MediaAccount.objects.get()
    assert response.status_code == 302
    assert (account.platform, account.leader, account.status) == ("douyin", cast.people["li"], "active")
    assert list(account.admins.values_list("person__name", "is_student")) == [("张晓明", True)]


def test_refuses_a_student_administrator_without_a_graduation_date(cast):
    try:
        media_account(cast.branch, cast.people["zhang"], admin_is_student=True)
    except Exception as e:
        code = e.error_dict["graduates_on"][0].code
    assert code == "ADMIN_GRADUATION_MISSING"
    assert MediaAccount.objects.count() == 0


def test_monthly_figures_entered_on_the_page_replace_the_month(cast, client_as):
    account = media_account(cast.branch, cast.people["zhang"])
    client = client_as("branch_secretary")
    month = timezone.localdate().strftime("%Y-%m")

    client.post(f"/publicity/accounts/{account.pk}/figures/", {"month": month, "followers": 10, "posts": 1, "reads": 9})
    response = client.post(
        f"/publicity/accounts/{account.pk}/figures/", {"month": month, "followers": 12, "posts": 2, "reads": 30}
    )

    assert response.status_code == 302
    assert list(MonthlyFigure.objects.values_list("followers", "posts", "reads")) == [(12, 2, 30)]
    page = client.get(f"/publicity/accounts/{account.pk}/").content.decode()
    assert "never a score or ranking of people" in page or "不作为对人员的评分或排名" in page


def test_account_list_filters_and_keeps_its_query_budget(cast, client_as, django_assert_max_num_queries):
    for n in range(5):
        media_account(cast.branch, cast.people["zhang"], name=f"东湖{n}", platform="weibo" if n % 2 else "wechat")
    client = client_as("county_admin")
    client.get("/publicity/accounts/")

    with django_assert_max_num_queries(12):
        response = client.get("/publicity/accounts/?platform=weibo")

    assert [a.name for a in response.context["page"]] == ["东湖1", "东湖3"]


def test_role_model_pages_show_its_records(cast, client_as):
    rm = role_model(cast.branch)
    services.honour_add(actor=None, role_model=rm, name="优秀共青团员", level="city", year=2026)
    client = client_as("auditor")

    list_page = client.get("/publicity/role-models/?q=张").content.decode()
    detail = client.get(f"/publicity/role-models/{rm.pk}/").content.decode()

    assert f"/publicity/role-models/{rm.pk}/" in list_page
    assert "优秀共青团员" in detail
    assert 'data-testid="honour-form"' not in detail


def test_the_register_export_has_the_lists_rows_and_the_years_figures(cast):
    account = media_account(cast.branch, cast.people["zhang"], name="东湖村团支部", handle="dhc")
    media_account(cast.school_branch, cast.people["zhao"], name="一中团委")
    today = timezone.localdate()
    services.monthly_figure_set(actor=None, account=account, month=today, followers=300, posts=5, reads=1200)

    with CaptureQueriesContext(connection) as queries:
        data, name, count = media_accounts_export(actor=cast.users["committee_secretary"], params={})

    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert count == 1
    assert name.startswith("新媒体账号台账-")
    assert rows[1][:6] == ("微信公众号", "东湖村团支部", "dhc", "东湖村团支部", None, "张晓明")
    assert rows[1][-2:] == (5, 1200)
    assert len(queries) <= 6
    assert isinstance(account.registered_on, datetime.date)
