"""违规发展团员年度核查: the year's admissions against the rules, on a page and as .xlsx."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import VIEW_ADMISSION
from tuanwu.core.dates import requested_year
from tuanwu.core.downloads import attach, dated_name, file_name
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.organizations.models import Organization
from tuanwu.organizations.selectors import organization_picked
from tuanwu.organizations.services import organizations_set_graduation

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
        return attach(response, file_name(_("Admission audit %(year)d") % {"year": year}))
    return render(
        request,
        "admission/audit.html",
        {"year": year, "page": paginate(request, rows), **records.audit_summary(rows)},
    )


@login_required
def ratios(request):
    """团青比例: members among the young people of each school's graduating classes, against the caps; and the
    class branches still without an expected graduation date, which a committee sets here in bulk."""
    scope.require_any(request.user, VIEW_ADMISSION)
    if request.method == "POST":
        return _set_graduation(request)
    return render(
        request,
        "admission/ratios.html",
        {
            "rows": records.graduating_ratios(request.user),
            "page": paginate(request, records.graduation_proposals(request.user)),
        },
    )


def _set_graduation(request):
    try:
        ids = sorted({int(pk) for pk in request.POST.getlist("organizations")})
        date = datetime.date.fromisoformat(request.POST.get("graduates_on", ""))
    except ValueError:
        messages.error(request, _("Choose the class branches and enter a valid date."))
        return redirect("admission:ratios")
    # Resolved in the user's view: an id outside it answers like one that does not exist.
    organizations = list(
        scope.restrict(Organization.objects.filter(pk__in=ids), request.user, VIEW_ADMISSION, field="")
    )
    if not ids or len(organizations) != len(ids):
        raise Http404
    try:
        organizations_set_graduation(actor=request.user, organizations=organizations, date=date)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("Expected graduation %(date)s set for %(n)d class branches.")
            % {"date": date.isoformat(), "n": len(organizations)},
        )
    return redirect("admission:ratios")


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
        return attach(response, dated_name(_("Member file check")))
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
