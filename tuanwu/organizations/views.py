"""Pages of the organization tree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import (
    CHANGE_ORGANIZATION,
    CHANGE_PERSON,
    MANAGE_COVERAGE,
    MANAGE_MEETING,
    MANAGE_ROLES,
    MANAGE_VOLUNTEERING,
    VIEW_ADMISSION,
    VIEW_HISTORY,
    VIEW_MEETING,
    VIEW_ORGANIZATION,
    VIEW_PERSON,
    VIEW_VOLUNTEERING,
)
from tuanwu.audit.history import history_for, history_rows
from tuanwu.core.forms import attach_errors
from tuanwu.core.ordering import order_list
from tuanwu.core.pagination import paginate
from tuanwu.people import selectors as people_selectors

from . import scope, selectors, services
from .filters import OrganizationFilter
from .forms import DissolveForm, MoveForm, OrganizationForm
from .models import Kind, Organization, Sector
from .rules import RULE_LABELS, structure_warnings


@login_required
def tree(request):
    scope.require_any(request.user, VIEW_ORGANIZATION)
    counts = people_selectors.member_counts()
    show_all = request.GET.get("all") == "1"
    roots = selectors.organization_tree(request.user, counts, include_dissolved=show_all, levels=TREE_LEVELS)
    return render(request, "organizations/organization_tree.html", {"roots": roots, "show_all": show_all})


# Levels of the tree sent at once; deeper levels load when a node is opened (a county has thousands).
TREE_LEVELS = 2


# The lists a tree beside them filters (部门树): ?pick= names one; its nodes then link to that list.
TREE_PICKS = {"people": "people:list"}


def _pick_url(request) -> str:
    name = TREE_PICKS.get(request.GET.get("pick", ""))
    return reverse(name) if name else ""


@login_required
def tree_children(request, pk: int):
    """The sub-organizations of one node of the tree, with their counts (fetched when the node opens); beside a
    list (?pick=), without counts, linking to the list filtered by the node."""
    org = selectors.organization_get(request.user, pk)
    show_all = request.GET.get("all") == "1"
    pick_url = _pick_url(request)
    counts = {} if pick_url else people_selectors.member_counts(within=org)
    nodes = selectors.organization_tree(request.user, counts, include_dissolved=show_all, below=org, levels=2)
    children = nodes[0].children if nodes else []
    return render(
        request,
        "organizations/_tree_children.html",
        {"nodes": children, "show_all": show_all, "pick_url": pick_url, "pick": request.GET.get("pick", "")},
    )


@login_required
def tree_side(request):
    """The tree beside a list (?pick=people): two levels at once, deeper ones when opened; no counts, so that the
    list never waits for them."""
    scope.require_any(request.user, VIEW_ORGANIZATION)
    pick_url = _pick_url(request)
    if not pick_url:
        raise Http404
    roots = selectors.organization_tree(request.user, {}, levels=TREE_LEVELS)
    picked = request.GET.get("organization", "")
    return render(
        request,
        "organizations/_tree_side.html",
        {
            "roots": roots,
            "pick_url": pick_url,
            "pick": request.GET.get("pick", ""),
            "picked": int(picked) if picked.isdigit() else None,
            "show_all": False,
        },
    )


ORGANIZATION_SORTS = {"code": ("code",), "name": ("name",), "kind": ("kind", "path"), "parent": ("parent__name",)}


@login_required
def organization_list(request):
    scope.require_any(request.user, VIEW_ORGANIZATION)
    filters = OrganizationFilter(request.GET)
    listed, order = order_list(request, filters.filter(selectors.organization_list(request.user)), ORGANIZATION_SORTS)
    page = paginate(request, listed)
    counts = people_selectors.member_counts([o.pk for o in page])
    rows = [(o, counts.get(o.pk, 0)) for o in page]
    return render(
        request,
        "organizations/organization_list.html",
        {
            "page": page,
            "rows": rows,
            "order": order,
            "filters": filters.values,
            "kinds": Kind.choices,
            "sectors": Sector.choices,
            "statuses": Organization.Status.choices,
            "can_import": scope.has_any(request.user, CHANGE_ORGANIZATION),
        },
    )


@login_required
def organization_detail(request, pk: int):
    org = selectors.organization_get(request.user, pk)
    user = request.user
    children = list(org.children.order_by("path"))
    ids = [org.pk, *(c.pk for c in children)]
    counts = people_selectors.member_counts(ids)
    members = people_selectors.member_counts([org.pk]).get(org.pk, 0)
    committee = people_selectors.committee_sizes([org.pk]).get(org.pk, 0)
    can_people = scope.has_perm(user, VIEW_PERSON, org)
    people_page = paginate(
        request, people_selectors.person_list(user).filter(organization=org).order_by("name_initials")
    )
    for person in people_page if can_people else []:
        person.birth_shown = people_selectors.birth_shown(user, person)
    context = {
        "org": org,
        "ancestors": selectors.organization_ancestors(org, user),
        "children": [(c, counts.get(c.pk, 0)) for c in children],
        "members": members,
        "members_total": people_selectors.member_total(org),
        "warnings": structure_warnings(org, members=members, committee_size=committee, today=timezone.localdate()),
        "cadres": people_selectors.cadres_of(org),
        "people_page": people_page if can_people else None,
        "history": history_rows(history_for([org])[:50]) if scope.has_perm(user, VIEW_HISTORY, org) else None,
        "can_edit": scope.has_perm(user, CHANGE_ORGANIZATION, org),
        # The county committee and dissolved organizations are neither moved nor dissolved.
        "can_move": bool(org.parent_id) and org.status == Organization.Status.ACTIVE,
        "can_manage_roles": scope.has_perm(user, MANAGE_ROLES, org),
        "can_see_volunteering": scope.has_perm(user, VIEW_VOLUNTEERING, org),
        "can_add_child": scope.has_perm(user, CHANGE_ORGANIZATION, org) and not org.is_branch,
    }
    return render(request, "organizations/organization_detail.html", context)


@login_required
def organization_create(request, parent_pk: int):
    parent = selectors.organization_get(request.user, parent_pk, perm=CHANGE_ORGANIZATION)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            org = services.organization_create(actor=request.user, parent=parent, **data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Organization %(name)s created.") % {"name": org.name})
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/organization_form.html", {"form": form, "parent": parent})


@login_required
def organization_edit(request, pk: int):
    org = selectors.organization_get(request.user, pk, perm=CHANGE_ORGANIZATION)
    form = OrganizationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.organization_update(actor=request.user, organization=org, version=version, **data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/organization_form.html", {"form": form, "org": org})


@login_required
def organization_move(request, pk: int):
    org = selectors.organization_get(request.user, pk, perm=CHANGE_ORGANIZATION)
    form = MoveForm(request.POST or None, targets=selectors.move_targets(request.user, org))
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_move(actor=request.user, organization=org, new_parent=form.cleaned_data["new_parent"])
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("%(name)s moved with its whole subtree.") % {"name": org.name})
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/organization_move.html", {"form": form, "org": org})


@login_required
def organization_dissolve(request, pk: int):
    org = selectors.organization_get(request.user, pk, perm=CHANGE_ORGANIZATION)
    form = DissolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_dissolve(actor=request.user, organization=org, reason=form.cleaned_data["reason"])
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("%(name)s dissolved.") % {"name": org.name})
            return redirect("organizations:detail", pk=org.pk)
    return render(request, "organizations/organization_dissolve.html", {"form": form, "org": org})


PICKER_PERMISSIONS = {
    "view": VIEW_ORGANIZATION,
    "people": VIEW_PERSON,
    "admission": VIEW_ADMISSION,
    "change_person": CHANGE_PERSON,
    "volunteering": VIEW_VOLUNTEERING,
    "manage_volunteering": MANAGE_VOLUNTEERING,
    "meetings": VIEW_MEETING,
    "manage_meetings": MANAGE_MEETING,
    "manage_coverage": MANAGE_COVERAGE,
}


@login_required
def picker(request):
    """Options of the organization picker: matches for what was typed, limited to the user's scope."""
    perm = PICKER_PERMISSIONS.get(request.GET.get("perm", ""), VIEW_ORGANIZATION)
    options = selectors.organization_choices(request.user, perm, q=request.GET.get("q", "").strip())
    return render(request, "organizations/_picker_options.html", {"options": options})


@login_required
def warning_list(request):
    """Every structure warning in the user's scope, county-wide."""
    scope.require_any(request.user, VIEW_ORGANIZATION)
    orgs = list(selectors.organization_list(request.user).filter(status=Organization.Status.ACTIVE))
    counts = people_selectors.member_counts()
    sizes = people_selectors.committee_sizes()
    today = timezone.localdate()
    code = request.GET.get("code", "")
    rows = []
    for org in orgs:
        for w in structure_warnings(
            org, members=counts.get(org.pk, 0), committee_size=sizes.get(org.pk, 0), today=today
        ):
            if not code or w.code == code:
                rows.append((org, w))
    page = paginate(request, rows)
    return render(
        request,
        "organizations/warning_list.html",
        {"page": page, "code": code, "rule_choices": list(RULE_LABELS.items())},
    )
