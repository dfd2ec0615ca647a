"""Task forces (突击队): list, found, members, deployments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING, VIEW_VOLUNTEERING
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_picked
from tuanwu.people.selectors import person_for_write

from .. import selectors
from ..filters import TaskForceFilter
from ..forms import DeployForm, MemberAddForm, MemberRemoveForm, TaskForceForm
from ..services import task_forces
from . import filtered_page


@login_required
def task_force_list(request):
    scope.require_any(request.user, VIEW_VOLUNTEERING)
    filters, page = filtered_page(request, TaskForceFilter, selectors.task_force_list(request.user))
    return render(
        request,
        "volunteering/task_force_list.html",
        {"filters": filters, "page": page, "can_add": scope.has_any(request.user, MANAGE_VOLUNTEERING)},
    )


@login_required
def task_force_create(request):
    scope.require_any(request.user, MANAGE_VOLUNTEERING)
    organization = organization_picked(request, MANAGE_VOLUNTEERING)
    form = TaskForceForm(request.POST or None, initial={"founded_on": timezone.localdate()})
    if request.method == "POST":
        if organization is None:
            form.add_error(None, _("Choose the organization the task force belongs to."))
        elif form.is_valid():
            try:
                team = task_forces.task_force_create(actor=request.user, organization=organization, **form.cleaned_data)
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("Task force founded. Add its members next."))
                return redirect("volunteering:task_force_detail", team.pk)
    return render(request, "volunteering/task_force_form.html", {"form": form, "organization": organization})


@login_required
def task_force_detail(request, pk: int):
    team = selectors.task_force_get(request.user, pk)
    can_manage = scope.has_perm(request.user, MANAGE_VOLUNTEERING, team.organization)
    q = request.GET.get("q", "").strip()
    candidates = selectors.task_force_candidates(request.user, q) if can_manage and q else []
    return render(
        request,
        "volunteering/task_force_detail.html",
        {
            "team": team,
            "members": selectors.task_force_members(team),
            "deployments": selectors.task_force_deployments(team),
            "can_manage": can_manage,
            "can_deploy": can_manage and selectors.task_force_active(team),
            "can_add_member": can_manage and selectors.task_force_active(team),
            "q": q,
            "candidates": candidates,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def task_force_member_add(request, pk: int):
    team = selectors.task_force_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        person = person_for_write(request.user, form.cleaned_data["person"], MANAGE_VOLUNTEERING)
        try:
            task_forces.task_force_member_add(
                actor=request.user, task_force=team, person=person, joined_on=form.cleaned_data["joined_on"]
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("%(name)s joined the task force.") % {"name": person.name})
    return redirect("volunteering:task_force_detail", team.pk)


@login_required
@require_POST
def task_force_member_remove(request, pk: int):
    member = selectors.task_force_member_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    form = MemberRemoveForm(request.POST)
    if form.is_valid():
        try:
            task_forces.task_force_member_remove(
                actor=request.user, member=member, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
    return redirect("volunteering:task_force_detail", member.task_force_id)


@login_required
def task_force_deploy(request, pk: int):
    team = selectors.task_force_get(request.user, pk, perm=MANAGE_VOLUNTEERING)
    form = DeployForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = task_forces.task_force_deploy(actor=request.user, task_force=team, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Deployment recorded; confirm each member's service on its page."))
            return redirect("volunteering:activity_detail", activity.pk)
    return render(request, "volunteering/task_force_deploy.html", {"team": team, "form": form})
