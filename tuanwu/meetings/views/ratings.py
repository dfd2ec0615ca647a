"""The yearly branch rating (对标定级): the committee's page of its branches, a rating's items and review, the
rectifications of weak and lax branches; a branch sees its own rating read-only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import RATE_BRANCH, VIEW_MEETING
from tuanwu.core.dates import requested_year
from tuanwu.core.downloads import attach, file_name
from tuanwu.core.forms import attach_errors
from tuanwu.core.params import YEAR_MAX, YEAR_MIN, parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS
from tuanwu.organizations.selectors import organization_picked

from ..exports.ratings import ratings_xlsx
from ..forms.ratings import RectificationForm, ReviewForm
from ..models import BranchRating
from ..selectors import ratings as selectors
from ..services import ratings as services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _back(organization_id, year) -> str:
    return f"{reverse('meetings:ratings')}?organization={organization_id}&year={year}"


@login_required
def rating_list(request):
    scope.require_any(request.user, VIEW_MEETING)
    year = requested_year(request)
    organization = (
        organization_picked(request, VIEW_MEETING)
        if request.GET.get("organization")
        else scope.root_for(request.user, VIEW_MEETING)
    )
    if organization is None:
        raise Http404
    ratings = list(selectors.ratings_under(request.user, organization, year))
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(ratings_xlsx(ratings, year), content_type=XLSX)
        return attach(response, file_name(_("Branch rating"), year))
    return render(
        request,
        "meetings/ratings_list.html",
        {
            "organization": organization,
            "year": year,
            "ratings": ratings,
            "usages": selectors.cap_usages(organization, ratings),
            "can_compute": organization.kind not in BRANCH_KINDS
            and scope.has_perm(request.user, RATE_BRANCH, organization),
        },
    )


@login_required
@require_POST
def rating_compute(request):
    organization = organization_picked(request, RATE_BRANCH)
    if organization is None:
        raise Http404
    try:
        year = min(max(int(request.POST.get("year") or request.GET.get("year") or ""), YEAR_MIN), YEAR_MAX)
    except ValueError:
        raise Http404 from None
    try:
        rows = services.rating_compute(actor=request.user, committee=organization, year=year)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(n)s branch ratings computed for %(year)s.") % {"n": len(rows), "year": year})
    return redirect(_back(organization.pk, year))


def _detail(request, rating: BranchRating, review_form=None, status=200):
    founded, basis = services.founded_on(rating.organization)
    can_rate = selectors.can_rate(request.user, rating)
    entered = [i for i in rating.items if i.get("source") == "entered"]
    return render(
        request,
        "meetings/ratings_detail.html",
        {
            "rating": rating,
            "founded": founded,
            "founded_basis": basis,
            "can_rate": can_rate,
            "can_enter": can_rate and rating.status == BranchRating.Status.DRAFT and bool(entered),
            "can_review": can_rate and rating.status != BranchRating.Status.EXCLUDED,
            "can_rectify": can_rate and services.needs_rectification(rating),
            "review_form": review_form
            or ReviewForm(initial={"final_band": rating.final_band or rating.band, "version": rating.version}),
        },
        status=status,
    )


@login_required
def rating_detail(request, pk: int):
    return _detail(request, selectors.rating_get(request.user, pk))


@login_required
@require_POST
def rating_enter(request, pk: int):
    rating = selectors.rating_get(request.user, pk)
    keys = [i["key"] for i in rating.items if i.get("source") == "entered"]
    points = {k: request.POST.get(f"points_{k}", "").strip() for k in keys if f"points_{k}" in request.POST}
    notes = {k: request.POST.get(f"note_{k}", "") for k in keys if f"note_{k}" in request.POST}
    try:
        services.rating_enter(
            actor=request.user, rating=rating, points=points, notes=notes, version=parse_id(request.POST.get("version"))
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Entered items saved."))
    return redirect("meetings:rating_detail", rating.pk)


@login_required
@require_POST
def rating_review(request, pk: int):
    rating = selectors.rating_get(request.user, pk)
    services.require_rate(request.user, rating)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.rating_review(actor=request.user, rating=rating, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Final star recorded."))
            return redirect("meetings:rating_detail", rating.pk)
    return _detail(request, selectors.rating_get(request.user, pk), review_form=form, status=422)


@login_required
@require_POST
def rating_reopen(request, pk: int):
    rating = selectors.rating_get(request.user, pk)
    try:
        services.rating_reopen(actor=request.user, rating=rating, version=parse_id(request.POST.get("version")))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Rating reopened as a draft."))
    return redirect("meetings:rating_detail", rating.pk)


@login_required
def rectification_list(request):
    scope.require_any(request.user, VIEW_MEETING)
    return render(
        request, "meetings/ratings_rectifications.html", {"ratings": list(selectors.rectification_list(request.user))}
    )


@login_required
def rectification_edit(request, pk: int):
    rating = selectors.rating_get(request.user, pk)
    services.require_rate(request.user, rating)
    current = getattr(rating, "rectification", None)
    initial = (
        {
            "problems": current.problems,
            "measures": current.measures,
            "due_on": current.due_on,
            "done_on": current.done_on,
            "result": current.result,
            "version": current.version,
        }
        if current
        else {}
    )
    form = RectificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rectification_save(actor=request.user, rating=rating, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Rectification saved."))
            return redirect("meetings:rectifications")
    return render(request, "meetings/ratings_rectification_form.html", {"rating": rating, "form": form})
