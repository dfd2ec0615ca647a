"""The directory export: the list's rows in the import's layout plus 应建, status, priority and overdue."""

import io

from openpyxl import load_workbook

from tuanwu.coverage.exports import directory_export
from tuanwu.coverage.tests.factories import unit


def test_the_export_has_the_lists_rows_in_the_imports_layout(cast):
    unit(cast.town, "东湖公司", league_members=3, employees=20, young_employees=5)
    unit(cast.school, "一中食堂")

    data, name, count = directory_export(actor=cast.users["committee_secretary"], params={})

    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (count, name.startswith("“两新”目录清单-")) == (1, True)
    assert rows[0][:3] == ("统一社会信用代码", "单位名称", "单位类型")
    assert rows[0][-4:] == ("应建", "状态", "优先级", "逾期未开展")
    assert (rows[1][1], rows[1][2], rows[1][-4]) == ("东湖公司", "非公企业", "单独建团")
