"""违规发展团员年度核查: the year's admissions against the rules, on a page and as .xlsx."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from tuanwu.accounts.roles import VIEW_ADMISSION
from tuanwu.core.dates import requested_year
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_picked

from .. import records
from ..exports import audit_xlsx, files_xlsx


@login_required
def audit(request):
    scope.require_any(request.user, VIEW_ADMISSION)
    year = requested_year(request)
    rows = records.admission_audit(request.user, year)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            audit_xlsx(rows, year), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="admission-audit-{year}.xlsx"'
        return response
    return render(
        request,
        "admission/audit.html",
        {"year": year, "page": paginate(request, rows), **records.audit_summary(rows)},
    )


@login_required
def ratios(request):
    """团青比例: members among the young people of each school's graduating classes, against the caps."""
    scope.require_any(request.user, VIEW_ADMISSION)
    return render(request, "admission/ratios.html", {"rows": records.graduating_ratios(request.user)})


@login_required
def files(request):
    """团员档案规范化核查: completeness of members' files per member and branch, on a page or as .xlsx."""
    scope.require_any(request.user, VIEW_ADMISSION)
    organization = organization_picked(request, VIEW_ADMISSION) or records.audit_organization(request.user)
    if organization is None:
        raise Http404
    check = records.file_check(request.user, organization)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            files_xlsx(records.file_rows(check)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="member-files.xlsx"'
        return response
    page = paginate(request, check.incomplete())
    page.object_list = check.rows(page.object_list)
    return render(
        request,
        "admission/files.html",
        {
            "organization": organization,
            "branches": check.branches[:30],
            "page": page,
            "members": check.members,
            "complete": check.complete,
            "score": check.score,
        },
    )
