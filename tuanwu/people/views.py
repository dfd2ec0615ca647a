"""Pages of people, memberships and cadre posts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import APPROVE_EXIT, CHANGE_PERSON, VIEW_HISTORY, VIEW_PERSON, VIEW_VOLUNTEERING
from tuanwu.audit.history import history_for, history_rows
from tuanwu.core.forms import attach_errors
from tuanwu.core.masking import mask_id_number, mask_phone
from tuanwu.core.pagination import paginate
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.models import BRANCH_KINDS
from tuanwu.organizations.selectors import organization_for_write, organizations_where

from . import selectors, services
from .filters import PersonFilter
from .forms import (
    CadrePostForm,
    DecisionForm,
    ExitRequestForm,
    MembershipForm,
    MoveForm,
    PersonForm,
    PostEndForm,
    RestoreForm,
)
from .workflow import PENDING_STATES, MembershipStatus


@login_required
def person_list(request):
    scope.require_any(request.user, VIEW_PERSON)
    filters = PersonFilter(request.GET or None, actor=request.user, remote_addr=request.META.get("REMOTE_ADDR"))
    qs = filters.filter(selectors.person_list(request.user))
    page = paginate(request, qs)
    selected_org = filters.cleaned_data["organization"] if filters.is_valid() else None
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/person_list.html",
        {
            "filters": filters,
            "page": page,
            "rows": [_row(request.user, p) for p in page],
            "query": query.urlencode(),
            "sort": request.GET.get("sort", ""),
            "selected_org": organizations_where(request.user, VIEW_PERSON).filter(pk=selected_org).first()
            if selected_org
            else None,
            "can_add": scope.has_any(request.user, CHANGE_PERSON),
        },
    )


def _row(user, person):
    membership = selectors.membership_of(person)
    return {
        "person": person,
        "birth": selectors.birth_shown(user, person),
        "id_number": mask_id_number(person.id_number),
        "phone": mask_phone(person.phone),
        "membership": membership,
        "posts": getattr(person, "current_posts", []),
    }


def _detail_context(request, person, revealed=None):
    user = request.user
    org = person.organization
    membership = selectors.membership_of(person)
    posts = list(selectors.person_posts(person))
    timeline_objects = [person, *posts] + ([membership] if membership else [])
    can_history = scope.has_perm(user, VIEW_HISTORY, org)
    can_reveal = selectors.person_can_reveal(user, person)
    return {
        "person": person,
        "org": org,
        "membership": membership,
        "events": selectors.membership_events(membership),
        "posts": posts,
        "id_number": revealed["id_number"] if revealed else mask_id_number(person.id_number),
        "phone": revealed["phone"] if revealed else mask_phone(person.phone),
        "revealed": bool(revealed),
        "birth": selectors.birth_shown(user, person),
        "can_reveal": can_reveal,
        "can_edit": scope.has_perm(user, CHANGE_PERSON, org),
        "can_see_hours": scope.has_perm(user, VIEW_VOLUNTEERING, org),
        "is_me": person.pk == getattr(user, "person_id", None),
        "can_register": scope.has_perm(user, CHANGE_PERSON, org) and membership is None and org.kind in BRANCH_KINDS,
        "can_request_exit": bool(
            membership and membership.status == MembershipStatus.NORMAL and scope.has_perm(user, CHANGE_PERSON, org)
        ),
        "can_decide_exit": bool(
            membership
            and membership.status in PENDING_STATES
            and org.parent_id
            and scope.has_perm(user, APPROVE_EXIT, org.parent)
        ),
        # 恢复团籍: a lapse, or an expulsion revoked on appeal, undone by the committee above.
        "can_restore": bool(
            membership
            and membership.status in (MembershipStatus.LAPSE, MembershipStatus.EXPULSION)
            and org.parent_id
            and scope.has_perm(user, APPROVE_EXIT, org.parent)
        ),
        "restore_form": RestoreForm(),
        "history": history_rows(history_for(timeline_objects)[:100], clear_personal=can_reveal)
        if can_history
        else None,
        "exit_form": ExitRequestForm(),
        "decision_form": DecisionForm(),
        "membership_form": MembershipForm(),
    }


@login_required
def person_detail(request, pk: int):
    person = selectors.person_get(request.user, pk)
    return render(request, "people/person_detail.html", _detail_context(request, person))


@login_required
def me(request):
    if not request.user.person_id:
        raise Http404
    return person_detail(request, request.user.person_id)


@login_required
@require_POST
def person_reveal(request, pk: int):
    person = selectors.person_get(request.user, pk)
    revealed = services.person_reveal(actor=request.user, person=person, remote_addr=request.META.get("REMOTE_ADDR"))
    if request.htmx:
        return render(
            request,
            "people/_personal_data.html",
            {
                "id_number": revealed["id_number"],
                "phone": revealed["phone"],
                "revealed": True,
                "person": person,
            },
        )
    return render(request, "people/person_detail.html", _detail_context(request, person, revealed))


@login_required
def person_create(request):
    scope.require_any(request.user, CHANGE_PERSON)
    org_id = parse_id(request.GET.get("organization") or request.POST.get("organization"))
    org = organization_for_write(request.user, org_id, CHANGE_PERSON) if org_id is not None else None
    form = PersonForm(request.POST or None)
    if request.method == "POST" and org is None:
        form.add_error(None, _("Choose the organization the person belongs to."))
    if request.method == "POST" and form.is_valid() and org is not None:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            person = services.person_create(actor=request.user, organization=org, **data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            for warning in person.warnings:
                messages.warning(request, warning)
            messages.success(request, _("%(name)s registered.") % {"name": person.name})
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "org": org},
    )


@login_required
def person_edit(request, pk: int):
    person = selectors.person_get(request.user, pk)
    scope.require(request.user, CHANGE_PERSON, person.organization)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            person = services.person_update(actor=request.user, person=person, version=version, **data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            for warning in person.warnings:
                messages.warning(request, warning)
            messages.success(request, _("Changes saved."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person, "org": person.organization})


@login_required
def person_move(request, pk: int):
    person = selectors.person_get(request.user, pk)
    scope.require(request.user, CHANGE_PERSON, person.organization)
    form = MoveForm(request.POST or None, organizations=organizations_where(request.user, CHANGE_PERSON))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_move(actor=request.user, person=person, organization=form.cleaned_data["organization"])
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(
                request,
                _("%(name)s now belongs to %(org)s.")
                % {"name": person.name, "org": form.cleaned_data["organization"].name},
            )
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_move.html", {"form": form, "person": person})


def _post_action(request, pk, handler, *, perm=CHANGE_PERSON, on_parent=False):
    person = selectors.person_get(request.user, pk)
    # Refuse before looking at the form, so that access never depends on what was posted.
    target = person.organization.parent if on_parent else person.organization
    if target is None:
        raise Http404
    scope.require(request.user, perm, target)
    try:
        handler(person)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def membership_register(request, pk: int):
    def handler(person):
        form = MembershipForm(request.POST)
        if not form.is_valid():
            raise ValidationError([f"{form.fields[f].label}: {' '.join(errs)}" for f, errs in form.errors.items()])
        services.membership_register(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, _("Membership recorded."))

    return _post_action(request, pk, handler)


@login_required
@require_POST
def exit_request(request, pk: int):
    def handler(person):
        form = ExitRequestForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose the kind of exit and give a reason."))
        services.membership_exit_request(actor=request.user, membership=person.membership, **form.cleaned_data)
        messages.success(request, _("Exit requested; it now waits for the committee above."))

    return _post_action(request, pk, handler)


@login_required
@require_POST
def exit_decide(request, pk: int):
    def handler(person):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose approve or reject."))
        if form.cleaned_data["decision"] == "approve":
            services.membership_exit_approve(
                actor=request.user, membership=person.membership, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Exit approved."))
        else:
            services.membership_exit_reject(
                actor=request.user, membership=person.membership, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Exit rejected."))

    return _post_action(request, pk, handler, perm=APPROVE_EXIT, on_parent=True)


@login_required
@require_POST
def membership_restore(request, pk: int):
    def handler(person):
        form = RestoreForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        services.membership_restore(actor=request.user, membership=person.membership, reason=reason)
        messages.success(request, _("Membership restored."))

    return _post_action(request, pk, handler, perm=APPROVE_EXIT, on_parent=True)


@login_required
def post_add(request, pk: int):
    person = selectors.person_get(request.user, pk)
    scope.require(request.user, CHANGE_PERSON, person.organization)
    orgs = organizations_where(request.user, CHANGE_PERSON)
    form = CadrePostForm(request.POST or None, organizations=orgs, initial={"organization": person.organization})
    if request.method == "POST" and form.is_valid():
        try:
            services.cadre_post_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Post added."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/post_form.html", {"form": form, "person": person})


@login_required
@require_POST
def post_end(request, pk: int):
    post = selectors.cadre_post_get(request.user, pk, perm=CHANGE_PERSON)
    form = PostEndForm(request.POST)
    if form.is_valid():
        try:
            services.cadre_post_end(actor=request.user, post=post, until=form.cleaned_data["until"])
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, _("Post ended."))
    else:
        messages.error(request, _("Enter the date the post ended."))
    return redirect("people:detail", pk=post.person_id)


@login_required
def pending_exits(request):
    scope.require_any(request.user, APPROVE_EXIT)
    page = paginate(request, selectors.pending_exits(request.user))
    return render(request, "people/pending_exits.html", {"page": page, "decision_form": DecisionForm()})
