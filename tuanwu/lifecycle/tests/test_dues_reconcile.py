"""Reconciling a WeChat Pay bill and an Alipay bill against the members' open dues: certain matches confirmed in
one click, uncertain ones proposed and never guessed, the unmatched listed, a duplicate transaction refused."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from tuanwu.lifecycle.dues_bills import read_bill
from tuanwu.lifecycle.dues_matching import memo_months
from tuanwu.lifecycle.models import BillLine, DuesPayment
from tuanwu.lifecycle.selectors import dues as selectors
from tuanwu.lifecycle.services.dues import (
    bill_line_confirm,
    bill_lines_confirm_certain,
    bill_reconcile,
    dues_policy_set,
)

from .dues_bills import alipay_csv, wechat_csv, wechat_xlsx
from .dues_factories import banded

D = datetime.date


@pytest.fixture
def members(cast):
    admin = cast.users["county_admin"]
    dues_policy_set(actor=admin, county=cast.county, year=2025)
    return {
        "zhang": banded(admin, cast.branch, "张三", pay=2500),  # 5.00 a month
        "li": banded(admin, cast.branch, "李四", category="student"),  # 0.20
        "wang": banded(admin, cast.branch, "王五", pay=9999),  # 19.00
        "zhao1": banded(admin, cast.branch, "赵六", pay=2000),  # 4.00
        "zhao2": banded(admin, cast.branch, "赵六", pay=2000),
    }


def _lines(result):
    return [(line.row, line.payer, line.status, line.person.name if line.person else None) for line in result.lines]


def test_a_wechat_and_an_alipay_bill_are_reconciled(cast, members):
    secretary = cast.users["branch_secretary"]

    wechat = bill_reconcile(actor=secretary, organization=cast.branch, data=wechat_csv(), filename="微信支付账单.csv")
    alipay = bill_reconcile(actor=secretary, organization=cast.branch, data=alipay_csv(), filename="alipay_record.csv")

    assert wechat.channel == "wechat" and alipay.channel == "alipay"
    assert _lines(wechat) == [
        (18, "张三", "certain", "张三"),
        (19, "小明同学", "certain", "李四"),
        (20, "陌生人", "unmatched", None),
        (22, "赵六", "uncertain", "赵六"),
    ]
    assert wechat.skipped == 1  # the expense
    assert _lines(alipay) == [(25, "王五", "certain", "王五"), (26, "*五", "uncertain", "王五")]
    assert alipay.duplicates == [(27, "2025020122001")]
    certain = {(line.payer, line.first_month, line.months) for line in BillLine.objects.filter(status="certain")}
    assert certain == {("张三", D(2025, 1, 1), 3), ("小明同学", D(2025, 1, 1), 12), ("王五", D(2025, 1, 1), 3)}
    assert not DuesPayment.objects.exists()

    made = bill_lines_confirm_certain(actor=secretary, organization=cast.branch)

    assert sorted((p.person.name, p.amount_fen, p.channel) for p in made) == [
        ("张三", 1500, "wechat"),
        ("李四", 240, "wechat"),
        ("王五", 5700, "alipay"),
    ]
    assert selectors.months_paid([members["zhang"].pk], D(2025, 1, 1), D(2025, 12, 1))[members["zhang"].pk] == {
        D(2025, 1, 1),
        D(2025, 2, 1),
        D(2025, 3, 1),
    }
    unmatched = selectors.bill_line_list(secretary, cast.branch).filter(status="unmatched")
    assert [line.payer for line in unmatched] == ["陌生人"]
    assert BillLine.objects.filter(status="uncertain").count() == 2


def test_the_same_bill_again_is_refused_line_by_line(cast, members):
    secretary = cast.users["branch_secretary"]
    bill_reconcile(actor=secretary, organization=cast.branch, data=wechat_csv(), filename="a.csv")

    again = bill_reconcile(actor=secretary, organization=cast.branch, data=wechat_csv(), filename="a.csv")

    assert again.lines == []
    assert [n for _, n in again.duplicates] == ["W0001", "W0002", "W0003", "W0005"]
    assert BillLine.objects.count() == 4


def test_an_uncertain_line_is_confirmed_only_with_the_member_picked(cast, members):
    secretary = cast.users["branch_secretary"]
    bill_reconcile(actor=secretary, organization=cast.branch, data=wechat_csv(), filename="a.csv")
    line = BillLine.objects.get(transaction_number="W0005")

    payment = bill_line_confirm(actor=secretary, line=line, person=members["zhao2"], first_month=D(2025, 1, 1))

    assert (payment.person_id, payment.amount_fen, payment.transaction_number) == (members["zhao2"].pk, 400, "W0005")
    assert BillLine.objects.get(pk=line.pk).status == "confirmed"


def test_the_xlsx_export_reads_like_the_csv():
    rows = read_bill(wechat_xlsx(), "微信支付账单流水文件.xlsx").rows

    assert [(r.row, r.transaction_number, r.amount_fen, r.income) for r in rows] == [
        (18, "W0001", 1500, True),
        (19, "W0002", 240, True),
        (20, "W0003", 300, True),
        (21, "W0004", 2000, False),
        (22, "W0005", 400, True),
    ]


def test_outside_the_branch_nothing_is_read(cast, members):
    from django.http import Http404

    with pytest.raises(Http404):
        bill_reconcile(actor=cast.users["outsider"], organization=cast.branch, data=wechat_csv(), filename="a.csv")

    assert not BillLine.objects.exists()


@pytest.mark.parametrize(
    ("memo", "months"),
    [
        ("2025年1-3月团费", (D(2025, 1, 1), 3)),
        ("第二季度", (D(2025, 4, 1), 3)),
        ("2024全年", (D(2024, 1, 1), 12)),
        ("全年团费", (D(2025, 1, 1), 12)),
        ("3月", (D(2025, 3, 1), 1)),
        ("团费", None),
    ],
)
def test_memo_months(memo, months):
    assert memo_months(memo, 2025) == months


def _run(*args):
    out = io.StringIO()
    try:
        call_command("import", "dues-payments", *args, stdout=out)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, out.getvalue()


def test_import_command_dry_run_writes_nothing(cast, members, tmp_path):
    path = tmp_path / "alipay.csv"
    path.write_bytes(alipay_csv())

    code, out = _run(str(path), "--dry-run", "--format", "json", "--as", "branch_secretary")

    body = json.loads(out)
    assert code == 0
    assert (body["created"], body["certain"], body["uncertain"], body["unmatched"]) == (2, 1, 1, 0)
    assert [(w["row"], w["code"]) for w in body["warnings"]] == [(27, "DUES_DUPLICATE_TRANSACTION")]
    assert not BillLine.objects.exists()


def test_import_command_commits_and_exits_2_for_an_unreadable_file(cast, members, tmp_path):
    good, bad = tmp_path / "wechat.csv", tmp_path / "notes.csv"
    good.write_bytes(wechat_csv())
    bad.write_bytes("随便写的,内容\n1,2\n".encode())

    assert _run(str(good), "--as", "branch_secretary")[0] == 0
    code, out = _run(str(bad), "--as", "branch_secretary")

    assert BillLine.objects.count() == 4
    assert code == 2 and "BILL_HEADER_NOT_FOUND" in out
