"""Exports of the access log and of the change history, with the pages' own filters and scope."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_HISTORY, VIEW_PERSONAL_DATA
from tuanwu.core.downloads import dated_name
from tuanwu.organizations import scope
from tuanwu.sheets.writer import Writer

from .filters import AccessLogFilter, HistoryFilter
from .history import history_rows
from .selectors import access_log_list, history_list

CHUNK = 1000


def access_log_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    qs = AccessLogFilter(params).filter(access_log_list(actor))
    writer = Writer()
    headers = [
        str(h)
        for h in (
            _("At"),
            _("User"),
            _("Action"),
            _("Whose data"),
            _("Organization"),
            _("Fields"),
            _("Rows"),
            _("IP address"),
        )
    ]
    rows = (
        [
            timezone.localtime(e.at),
            str(e.actor or ""),
            e.get_action_display(),
            e.subject,
            e.organization.name,
            e.fields,
            e.rows,
            e.remote_addr or "",
        ]
        for e in qs.iterator(chunk_size=CHUNK)
    )
    count = writer.sheet(str(_("Access log")), headers, rows)
    return writer.close(), dated_name(_("Access log")), count


def history_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    filters = HistoryFilter(params)
    qs = filters.filter(history_list(actor, model=filters.values["model"]))
    writer = Writer()
    headers = [str(h) for h in (_("At"), _("User"), _("Record"), _("Action"), _("Field"), _("Before"), _("After"))]
    clear = scope.covers(actor, VIEW_PERSONAL_DATA, VIEW_HISTORY)

    def rows():
        chunk = []
        for entry in qs.iterator(chunk_size=CHUNK):
            chunk.append(entry)
            if len(chunk) == CHUNK:
                yield from _history_lines(chunk, clear)
                chunk = []
        yield from _history_lines(chunk, clear)

    count = writer.sheet(str(_("Change history")), headers, rows())
    return writer.close(), dated_name(_("Change history")), count


def _history_lines(entries, clear: bool):
    for row in history_rows(entries, clear_personal=clear):
        at, actor = timezone.localtime(row.at), str(row.actor or _("system"))
        if not row.changes:
            yield [at, actor, f"{row.subject} {row.record}", row.action, "", "", ""]
        for label, old, new in row.changes:
            yield [at, actor, f"{row.subject} {row.record}", row.action, label, old, new]
