"""The directory's pages: the list with its filters, a unit's page with its history and steps, the coverage
board by park and township, the founding dates still to enter."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import CHANGE_ORGANIZATION, MANAGE_COVERAGE, VIEW_COVERAGE
from tuanwu.core.dates import requested_year
from tuanwu.core.forms import attach_errors
from tuanwu.core.ordering import order_items
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS, Park
from tuanwu.organizations.selectors import (
    organization_for_write,
    organizations_where,
    organizations_without_founding,
)
from tuanwu.organizations.services import organization_set_founded

from . import rules as r
from . import selectors as sel
from . import services
from .filters import UnitFilter
from .forms import CheckForm, FoundForm, FoundingForm, PolicyForm, SurveyForm, UnitForm
from .models import OrgForm
from .workflow import FOUR_HAVES


def _county(request):
    county = sel.county_of(request.user)
    if county is None:
        raise Http404
    return county


def _townships(user):
    return list(organizations_where(user, MANAGE_COVERAGE).exclude(kind__in=BRANCH_KINDS))


UNIT_SORTS = {
    "priority": lambda u: u.priority_value,
    "name": lambda u: u.name,
    "township": lambda u: u.township.name,
    "planned": lambda u: u.planned_on,
}


@login_required
def unit_list(request):
    scope.require_any(request.user, VIEW_COVERAGE)
    county = _county(request)
    rules = sel.rules_for(county)
    filters = UnitFilter(request.GET)
    units, order = order_items(
        request, sel.units_ordered(filters.filter(sel.unit_list(request.user)), rules), UNIT_SORTS
    )
    page = paginate(request, units)
    return render(
        request,
        "coverage/unit_list.html",
        {
            "filters": filters,
            "page": page,
            "order": order,
            "parks": Park.objects.all(),
            "townships": list(organizations_where(request.user, VIEW_COVERAGE).filter(depth__lte=2)),
            "can_manage": scope.has_any(request.user, MANAGE_COVERAGE),
        },
    )


def _unit_fields(form, user) -> dict:
    d = dict(form.cleaned_data)
    d.pop("version", None)
    d["township"] = organization_for_write(user, d["township"], MANAGE_COVERAGE)
    return d


@login_required
def unit_create(request):
    scope.require_any(request.user, MANAGE_COVERAGE)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = _unit_fields(form, request.user)
        township = fields.pop("township")
        try:
            unit = services.unit_create(actor=request.user, township=township, **fields)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("coverage:unit_detail", pk=unit.pk)
    return render(request, "coverage/unit_form.html", {"form": form, "townships": _townships(request.user)})


@login_required
def unit_edit(request, pk):
    unit = sel.unit_get(request.user, pk, MANAGE_COVERAGE)
    form = UnitForm(
        request.POST or None, instance=unit, initial={"township": unit.township_id, "version": unit.version}
    )
    if request.method == "POST" and form.is_valid():
        fields = _unit_fields(form, request.user)
        try:
            services.unit_update(actor=request.user, unit=unit, version=form.cleaned_data.get("version"), **fields)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("coverage:unit_detail", pk=unit.pk)
    return render(
        request, "coverage/unit_form.html", {"form": form, "unit": unit, "townships": _townships(request.user)}
    )


@login_required
def unit_detail(request, pk):
    unit = sel.unit_get(request.user, pk)
    county = _county(request)
    rules = sel.rules_for(county)
    [unit] = sel.units_ordered([unit], rules)
    can_manage = scope.has_perm(request.user, MANAGE_COVERAGE, unit.township)
    initial = {"version": unit.version}
    return render(
        request,
        "coverage/unit_detail.html",
        {
            "unit": unit,
            "steps": sel.unit_steps(unit),
            "why": r.why_should_establish(rules, unit.should),
            "can_manage": can_manage,
            "can_survey": can_manage and unit.status in ("listed", "surveyed"),
            "can_found": can_manage and unit.status in ("listed", "surveyed"),
            "can_check": can_manage and unit.status == "founded",
            "survey_form": SurveyForm(
                initial={
                    **initial,
                    "employees": unit.employees,
                    "young_employees": unit.young_employees,
                    "league_members": unit.league_members,
                    "party_org": unit.party_org,
                    "operating": unit.operating,
                }
            ),
            "found_form": FoundForm(initial=initial),
            "check_form": CheckForm(initial=initial),
        },
    )


def _step_done(request, unit, call) -> None:
    try:
        call()
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Saved."))


@login_required
@require_POST
def unit_survey(request, pk):
    unit = sel.unit_get(request.user, pk, MANAGE_COVERAGE)
    form = SurveyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
        return redirect("coverage:unit_detail", pk=pk)
    d = form.cleaned_data
    _step_done(
        request,
        unit,
        lambda: services.unit_survey(
            actor=request.user,
            unit=unit,
            version=d["version"],
            note=d["note"],
            **{k: d[k] for k in ("employees", "young_employees", "league_members", "party_org", "operating")},
        ),
    )
    return redirect("coverage:unit_detail", pk=pk)


@login_required
@require_POST
def unit_found(request, pk):
    unit = sel.unit_get(request.user, pk, MANAGE_COVERAGE)
    form = FoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
        return redirect("coverage:unit_detail", pk=pk)
    d = form.cleaned_data
    organization = organization_for_write(request.user, d["organization"], MANAGE_COVERAGE)
    _step_done(
        request,
        unit,
        lambda: services.unit_found(
            actor=request.user,
            unit=unit,
            organization=organization,
            form=d["form"] or OrgForm.OWN,
            founded_on=d["founded_on"],
            partners=d["partners"],
            version=d["version"],
            note=d["note"],
        ),
    )
    return redirect("coverage:unit_detail", pk=pk)


@login_required
@require_POST
def unit_check(request, pk):
    unit = sel.unit_get(request.user, pk, MANAGE_COVERAGE)
    form = CheckForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    _step_done(
        request,
        unit,
        lambda: services.unit_check(
            actor=request.user,
            unit=unit,
            checks={k: bool(d.get(k)) for k in FOUR_HAVES},
            version=d.get("version"),
            note=d.get("note", ""),
        ),
    )
    return redirect("coverage:unit_detail", pk=pk)


BOARD_BLOCKING = 20  # the board names the first units blocking the figures; the directory lists them all


@login_required
def board(request):
    scope.require_any(request.user, VIEW_COVERAGE)
    county = _county(request)
    if not scope.has_perm(request.user, VIEW_COVERAGE, county):
        raise Http404  # county-wide figures: the county's own readers
    year = requested_year(request)
    figures = sel.figures_for(county, year)
    previous = sel.figures_for(county, year - 1)
    context = {
        "county": county,
        "year": year,
        "figures": figures,
        "definition": r.density_definition(sel.policy_for(county).density_basis),
        "snapshots": sel.snapshot_list(county),
        "can_manage": scope.has_perm(request.user, MANAGE_COVERAGE, county),
    }
    if figures is not None:
        context.update(
            total=figures.total(),
            parks_total=figures.total(parks_only=True),
            by_park=sel.board(figures, "park"),
            by_township=sel.board(figures, "township"),
            by_kind=sel.board(figures, "kind"),
            by_size=sel.board(figures, "size_band"),
            density=figures.density(),
            previous_density=previous.density() if previous is not None else None,
            growth=sel.density_growth(county, year),
            blocking=(blocking := sel.units_blocking(figures))[:BOARD_BLOCKING],
            blocking_total=len(blocking),
            trend=sel.coverage_trend(county, year) if figures.source == "live" else [],
        )
    return render(request, "coverage/board.html", context)


@login_required
@require_POST
def snapshot_take(request):
    county = _county(request)
    scope.require(request.user, MANAGE_COVERAGE, county)
    try:
        year = int(request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    _step_done(request, None, lambda: services.snapshot_take(actor=request.user, county=county, year=year))
    return redirect(f"{reverse('coverage:board')}?year={year}")


@login_required
@require_POST
def snapshot_correct(request):
    """A reasoned correction of one row of a frozen year: a new revision, the earlier ones kept."""
    county = _county(request)
    scope.require(request.user, MANAGE_COVERAGE, county)
    try:
        year = int(request.POST.get("year") or 0)
    except ValueError:
        raise Http404 from None
    field = request.POST.get("field", "")
    value = request.POST.get("value") == "yes"
    code = (request.POST.get("credit_code") or "").strip().upper()
    _step_done(
        request,
        None,
        lambda: services.snapshot_correct(
            actor=request.user,
            county=county,
            year=year,
            reason=request.POST.get("reason", ""),
            changes={code: {field: value}},
        ),
    )
    return redirect(f"{reverse('coverage:board')}?year={year}")


@login_required
@require_POST
def quality_gate(request):
    county = _county(request)
    scope.require(request.user, MANAGE_COVERAGE, county)
    dropped = services.units_quality_gate(actor=request.user, county=county)
    messages.success(request, _("%(n)d units dropped back: their organization is empty.") % {"n": len(dropped)})
    return redirect("coverage:board")


@login_required
@require_POST
def schedule(request):
    county = _county(request)
    scope.require(request.user, MANAGE_COVERAGE, county)
    try:
        deadline = datetime.date.fromisoformat(request.POST.get("deadline", ""))
    except ValueError:
        messages.error(request, _("Enter a valid date."))
        return redirect("coverage:board")
    _step_done(request, None, lambda: services.units_schedule(actor=request.user, county=county, deadline=deadline))
    return redirect("coverage:board")


@login_required
def policy(request):
    """The county's directory rules: shown to whoever sees the board, changed by the county's manager."""
    county = _county(request)
    if not scope.has_perm(request.user, VIEW_COVERAGE, county):
        raise Http404
    current = sel.policy_for(county)
    can_edit = scope.has_perm(request.user, MANAGE_COVERAGE, county)
    form = PolicyForm(request.POST or None, instance=current, initial={"version": current.version})
    if request.method == "POST":
        scope.require(request.user, MANAGE_COVERAGE, county)
        if form.is_valid():
            fields = {k: form.cleaned_data[k] for k in services.POLICY_FIELDS}
            try:
                services.policy_update(
                    actor=request.user, county=county, version=form.cleaned_data.get("version"), **fields
                )
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Saved."))
                return redirect("coverage:policy")
    return render(request, "coverage/policy.html", {"form": form, "can_edit": can_edit})


@login_required
def founding(request):
    """The organizations whose founding date is still to be entered, for those who may change them."""
    scope.require_any(request.user, CHANGE_ORGANIZATION)
    if request.method == "POST":
        form = FoundingForm(request.POST)
        if form.is_valid():
            org = organization_for_write(request.user, form.cleaned_data["organization"], CHANGE_ORGANIZATION)
            _step_done(
                request,
                None,
                lambda: organization_set_founded(
                    actor=request.user,
                    organization=org,
                    founded_on=form.cleaned_data["founded_on"],
                    version=form.cleaned_data["version"],
                ),
            )
        else:
            messages.error(request, _("Enter a valid date."))
        return redirect(request.get_full_path())
    page = paginate(request, organizations_without_founding(request.user, CHANGE_ORGANIZATION).select_related("parent"))
    return render(request, "coverage/founding.html", {"page": page})
