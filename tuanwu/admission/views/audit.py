"""违规发展团员年度核查: the year's admissions against the rules, on a page and as .xlsx."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tuanwu.accounts.roles import VIEW_ADMISSION
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope

from .. import selectors
from ..exports import audit_xlsx


def _year(request) -> int:
    try:
        return min(max(int(request.GET.get("year") or timezone.localdate().year), 2000), 2100)
    except ValueError:
        return timezone.localdate().year


@login_required
def audit(request):
    scope.require_any(request.user, VIEW_ADMISSION)
    year = _year(request)
    rows = selectors.admission_audit(request.user, year)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            audit_xlsx(rows, year), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="admission-audit-{year}.xlsx"'
        return response
    codes = {}
    for r in rows:
        codes[r.code] = codes.get(r.code, 0) + 1
    return render(
        request,
        "admission/audit.html",
        {
            "year": year,
            "page": paginate(request, rows),
            "total": len(rows),
            "codes": sorted(codes.items(), key=lambda kv: -kv[1]),
            "people": len({(r.person, r.join_date) for r in rows}),
        },
    )
