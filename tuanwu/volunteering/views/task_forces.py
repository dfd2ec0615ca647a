"""Task forces (突击队): list, found, members, deployments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING, VIEW_VOLUNTEERING
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_picked
from tuanwu.people.selectors import person_get, person_list

from .. import selectors, services
from ..forms import DeployForm, MemberAddForm, MemberRemoveForm, TaskForceForm
from ..models import TaskForceMember


@login_required
def task_force_list(request):
    scope.require_any(request.user, VIEW_VOLUNTEERING)
    return render(
        request,
        "volunteering/task_force_list.html",
        {
            "page": paginate(request, selectors.task_force_list(request.user).order_by("-founded_on", "pk")),
            "can_add": scope.has_any(request.user, MANAGE_VOLUNTEERING),
        },
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
                team = services.task_force_create(actor=request.user, organization=organization, **form.cleaned_data)
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
    candidates = []
    if can_manage and q:
        candidates = list(
            person_list(request.user).filter(name__icontains=q).select_related("organization").order_by("name")[:20]
        )
    members = team.members.select_related("person", "person__organization").order_by("left_on", "joined_on", "pk")
    return render(
        request,
        "volunteering/task_force_detail.html",
        {
            "team": team,
            "members": members,
            "deployments": team.deployments.order_by("-starts_at")[:50],
            "can_manage": can_manage,
            "q": q,
            "candidates": candidates,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def task_force_member_add(request, pk: int):
    team = selectors.task_force_get(request.user, pk)
    scope.require(request.user, MANAGE_VOLUNTEERING, team.organization)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        person = person_get(request.user, form.cleaned_data["person"])
        try:
            services.task_force_member_add(
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
    member = TaskForceMember.objects.select_related("task_force", "person").filter(pk=pk).first()
    if member is None:
        raise Http404
    team = selectors.task_force_get(request.user, member.task_force_id)
    scope.require(request.user, MANAGE_VOLUNTEERING, team.organization)
    form = MemberRemoveForm(request.POST)
    if form.is_valid():
        try:
            services.task_force_member_remove(actor=request.user, member=member, left_on=form.cleaned_data["left_on"])
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
    return redirect("volunteering:task_force_detail", member.task_force_id)


@login_required
def task_force_deploy(request, pk: int):
    team = selectors.task_force_get(request.user, pk)
    scope.require(request.user, MANAGE_VOLUNTEERING, team.organization)
    form = DeployForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.task_force_deploy(actor=request.user, task_force=team, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Deployment recorded; confirm each member's service on its page."))
            return redirect("volunteering:activity_detail", activity.pk)
    return render(request, "volunteering/task_force_deploy.html", {"team": team, "form": form})
