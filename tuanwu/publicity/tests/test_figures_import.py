import io
import json

from django.core.management import call_command
from django.utils import timezone

from tuanwu.publicity.models import MonthlyFigure

from .factories import media_account


def _run(tmp_path, rows, *args):
    path = tmp_path / "figures.csv"
    path.write_text("平台,账号名称,月份,粉丝数,发文数,阅读量\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    try:
        call_command("import", "media-figures", str(path), "--format", "json", *args, stdout=out)
    except SystemExit as e:
        return e.code, json.loads(out.getvalue())
    return 0, json.loads(out.getvalue())


def test_import_enters_each_accounts_month(cast, tmp_path):
    account = media_account(cast.branch, cast.people["zhang"], name="东湖村团支部")
    month = timezone.localdate().strftime("%Y-%m")

    code, result = _run(tmp_path, [f"微信公众号,东湖村团支部,{month},1200,8,5400"], "--as", "branch_secretary")

    assert (code, result["created"], result["errors"]) == (0, 1, [])
    assert list(MonthlyFigure.objects.filter(account=account).values_list("followers", "posts", "reads")) == [
        (1200, 8, 5400)
    ]


def test_import_refuses_an_account_outside_the_scope_and_writes_nothing(cast, tmp_path):
    media_account(cast.branch, cast.people["zhang"], name="东湖村团支部")
    media_account(cast.school_branch, cast.people["zhao"], name="一中团委")
    month = timezone.localdate().strftime("%Y-%m")

    code, result = _run(
        tmp_path,
        [f"微信公众号,东湖村团支部,{month},1200,8,5400", f"微信公众号,一中团委,{month},10,1,10"],
        "--as",
        "committee_secretary",
    )

    assert code == 1
    assert [(e["row"], e["code"]) for e in result["errors"]] == [(3, "ACCOUNT_UNKNOWN")]
    assert MonthlyFigure.objects.count() == 0
