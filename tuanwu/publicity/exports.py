"""The accounts register as .xlsx: the same rows as the list page, with the current administrators and the year's
figures of each account."""

from __future__ import annotations

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.core.downloads import dated_name
from tuanwu.sheets.writer import Writer

from . import selectors as sel
from .filters import MediaAccountFilter
from .models import MediaAccount


def media_accounts_export(*, actor, params: dict, progress=None) -> tuple[bytes, str, int]:
    """The filtered register, one row per account (媒体账号台账)."""
    year = timezone.localdate().year
    accounts = MediaAccountFilter(params).filter(sel.media_account_list(actor))
    accounts = accounts.annotate(
        year_posts=Sum("figures__posts", filter=_in_year(year)), year_reads=Sum("figures__reads", filter=_in_year(year))
    )
    platforms, statuses = dict(MediaAccount.Platform.choices), dict(MediaAccount.Status.choices)

    def rows():
        for a in accounts:
            yield [
                str(platforms[a.platform]),
                a.name,
                a.handle,
                a.organization.name,
                a.leader.name if a.leader_id else "",
                "、".join(ad.person.name for ad in a.current_admins),
                "、".join(f"{ad.person.name} {ad.graduates_on:%Y-%m-%d}" for ad in a.current_admins if ad.is_student),
                str(statuses[a.status]),
                a.registered_on,
                a.flagged_on,
                a.closed_on,
                a.year_posts or 0,
                a.year_reads or 0,
            ]

    headers = [
        str(_("Platform")),
        str(_("Account name")),
        str(_("Account ID")),
        str(_("Owner organization")),
        str(_("Responsible leader")),
        str(_("Administrators")),
        str(_("Student administrators graduating on")),
        str(_("Status")),
        str(_("Registered on")),
        str(_("Flagged dormant on")),
        str(_("Closed on")),
        str(_("Posts this year")),
        str(_("Reads this year")),
    ]
    writer = Writer()
    count = writer.sheet(str(_("Media accounts register")), headers, rows())
    return writer.close(), dated_name(_("Media accounts register")), count


def _in_year(year: int) -> Q:
    return Q(figures__month__year=year)
