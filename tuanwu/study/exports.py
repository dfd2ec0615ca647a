"""Rankings as spreadsheets formatted to post as they are (title, header, percentages, bands in colour)."""

import io

import xlsxwriter
from django.utils.translation import gettext as _


def ranking_xlsx(episode, parent, rows) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(_("Ranking")[:31])
    title = book.add_format({"bold": True, "font_size": 14, "align": "center", "font_name": "宋体"})
    head = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "font_name": "宋体"})
    cell = book.add_format({"border": 1, "font_name": "宋体"})
    percent = book.add_format({"border": 1, "num_format": "0.0%", "font_name": "宋体"})
    low = book.add_format({"border": 1, "num_format": "0.0%", "font_color": "#C00000", "font_name": "宋体"})
    sheet.merge_range(
        0,
        0,
        0,
        5,
        _("%(parent)s · %(episode)s participation") % {"parent": parent.name, "episode": episode.title},
        title,
    )
    headers = [_("Rank"), _("Organization"), _("Members"), _("Participants"), _("Participation rate"), _("Change")]
    for c, h in enumerate(headers):
        sheet.write(1, c, h, head)
    for r, row in enumerate(rows, start=2):
        sheet.write_number(r, 0, row.rank, cell)
        sheet.write_string(r, 1, row.organization.name, cell)
        sheet.write_number(r, 2, row.members, cell)
        sheet.write_number(r, 3, row.participants, cell)
        if row.rate is None:
            sheet.write_string(r, 4, "—", cell)
        else:
            sheet.write_number(r, 4, row.rate, low if row.rate < 0.8 else percent)
        sheet.write(r, 5, "" if row.change is None else f"{row.change:+d}", cell)
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 5, 12)
    book.close()
    return out.getvalue()
