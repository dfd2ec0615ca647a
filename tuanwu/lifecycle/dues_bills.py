"""Read the bills members' payments arrive on: WeChat Pay (微信支付账单明细, CSV or xlsx) and Alipay
(支付宝交易明细, CSV in GBK, or xlsx). Both start with a title block of varying length; the header row is found by
its labels, and the lines end at the first row that is not a transaction (Alipay's "------" line, a footer)."""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from tuanwu.sheets.reader import SheetError, decode_csv, sniff_kind

from .dues_rules import yuan_to_fen

# Title blocks: WeChat's is some 16 rows, Alipay's some 24.
HEADER_SEARCH_ROWS = 60

# Each field and the labels it goes by, normalized (ASCII parentheses, no spaces).
COLUMNS = {
    "time": ("交易时间", "交易创建时间", "付款时间", "创建时间"),
    "payer": ("交易对方", "对方", "付款方"),
    "goods": ("商品", "商品说明", "商品名称"),
    "direction": ("收/支", "收支"),
    "amount": ("金额(元)", "金额"),
    "status": ("当前状态", "交易状态"),
    "number": ("交易单号", "交易订单号", "交易号"),
    "memo": ("备注",),
}
INCOME = "收入"
FAILED = ("退款", "关闭", "失败", "撤销")
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d", "%Y/%m/%d")


@dataclass(frozen=True)
class BillRow:
    row: int  # as the user sees it in Excel
    transaction_number: str
    paid_at: datetime.datetime
    payer: str
    memo: str
    amount_fen: int
    income: bool


@dataclass(frozen=True)
class Bill:
    channel: str  # "wechat" or "alipay"
    rows: list[BillRow]


def _norm(text: Any) -> str:
    value = "" if text is None else str(text)
    return re.sub(r"\s+", "", value.replace("（", "(").replace("）", ")"))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip().strip("\t").strip()


def _rows(data: bytes, filename: str) -> list[list[Any]]:
    limit = getattr(settings, "TUANWU_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
    if not data:
        raise SheetError("FILE_EMPTY", _("The file is empty."))
    if len(data) > limit:
        raise SheetError("FILE_TOO_LARGE", _("The file is too large to import at once."))
    kind = sniff_kind(data, filename)
    if kind == "csv":
        return list(csv.reader(io.StringIO(decode_csv(data))))
    try:
        ws = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        return [list(r) for r in ws.iter_rows()]
    except Exception as exc:  # calamine raises several error types for broken files
        raise SheetError(
            "FILE_DAMAGED", _("The file is damaged and cannot be read (%(why)s).") % {"why": exc}
        ) from None


def _header(cells: list[Any]) -> dict[str, int] | None:
    labels = [_norm(c) for c in cells]
    found: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for name in names:
            if name in labels:
                found[key] = labels.index(name)
                break
    needed = {"time", "payer", "direction", "amount", "number"}
    return found if needed <= found.keys() else None


def _time(value: Any, row: int) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        text = _cell(value)
        for fmt in _TIME_FORMATS:
            try:
                moment = datetime.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                _("Row %(row)d: “%(value)s” is not a date and time.") % {"row": row, "value": text}, code="BILL_TIME"
            )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def read_bill(data: bytes, filename: str) -> Bill:
    """The transactions of a WeChat Pay or Alipay bill; ValidationError naming the row for a line that cannot be
    read, SheetError for a file that cannot be read at all."""
    raw = _rows(data, filename)
    columns = None
    header_index = 0
    for i, cells in enumerate(raw[:HEADER_SEARCH_ROWS]):
        columns = _header(cells)
        if columns:
            header_index = i
            break
    if columns is None:
        raise SheetError(
            "BILL_HEADER_NOT_FOUND",
            _("No WeChat Pay or Alipay bill header (交易时间, 交易对方, 收/支, 金额, 交易单号) was found."),
        )
    title = " ".join(_cell(c) for cells in raw[:header_index] for c in cells)
    labels = [_norm(c) for c in raw[header_index]]
    channel = "wechat" if "微信" in title or "交易单号" in labels else "alipay"
    rows: list[BillRow] = []
    for i, cells in enumerate(raw[header_index + 1 :], start=header_index + 2):
        first = _cell(cells[0]) if cells else ""
        if first.startswith("---") or first.startswith("共") or first.startswith("导出"):
            break
        if not any(_cell(c) for c in cells):
            continue

        def get(key: str, cells: list[Any] = cells) -> Any:
            index = columns.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        number = _cell(get("number"))
        if not number:
            raise ValidationError(_("Row %(row)d: no transaction number.") % {"row": i}, code="BILL_NUMBER")
        try:
            amount = yuan_to_fen(_cell(get("amount")))
        except ValueError:
            raise ValidationError(
                _("Row %(row)d: “%(value)s” is not an amount.") % {"row": i, "value": _cell(get("amount"))},
                code="BILL_AMOUNT",
            ) from None
        status = _cell(get("status"))
        memo = " ".join(x for x in (_cell(get("memo")), _cell(get("goods"))) if x and x != "/")
        rows.append(
            BillRow(
                row=i,
                transaction_number=number,
                paid_at=_time(get("time"), i),
                payer=_cell(get("payer")),
                memo=memo,
                amount_fen=amount,
                income=_cell(get("direction")) == INCOME and not any(word in status for word in FAILED),
            )
        )
    return Bill(channel, rows)
