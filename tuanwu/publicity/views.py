"""The pages of role models and the media accounts register: lists with their filters, detail pages with their
records, and the forms that add to them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_PUBLICITY, VIEW_PERSON, VIEW_PUBLICITY
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.dates import requested_year
from tuanwu.core.forms import attach_errors
from tuanwu.core.pagination import paginate
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_for_write
from tuanwu.people.selectors import person_for_write, person_list

from . import selectors as sel
from . import services
from .filters import MediaAccountFilter, RoleModelFilter
from .forms import (
    AdminForm,
    CloseForm,
    FirstAdminForm,
    HandoverForm,
    HonourForm,
    MediaAccountForm,
    MediaPolicyForm,
    MonthlyFigureForm,
    PublicityForm,
    ReviewForm,
    RoleModelForm,
)
from .models import MediaPolicy


def _person(user, pk):
    return person_for_write(user, pk, VIEW_PERSON) if pk else None


def _people_of(user, organization):
    """The people a picker offers for an organization's account: its own people, in name order."""
    return list(person_list(user).filter(organization=organization).order_by("name")[:200])


# Role models


@login_required
def role_model_list(request):
    scope.require_any(request.user, VIEW_PUBLICITY)
    filters = RoleModelFilter(request.GET)
    page = paginate(request, filters.filter(sel.role_model_list(request.user)))
    return render(
        request,
        "publicity/rolemodel_list.html",
        {"filters": filters, "page": page, "can_manage": scope.has_any(request.user, MANAGE_PUBLICITY)},
    )


def _role_model_fields(form, user) -> dict:
    d = dict(form.cleaned_data)
    d.pop("version", None)
    d["organization"] = organization_for_write(user, d["organization"], MANAGE_PUBLICITY)
    d["person"] = _person(user, d["person"])
    return d


@login_required
def role_model_create(request):
    scope.require_any(request.user, MANAGE_PUBLICITY)
    form = RoleModelForm(request.POST or None, initial={"found_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        fields = _role_model_fields(form, request.user)
        try:
            role_model = services.role_model_create(actor=request.user, **fields)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("publicity:role_model_detail", pk=role_model.pk)
    return render(request, "publicity/rolemodel_form.html", {"form": form})


@login_required
def role_model_edit(request, pk):
    role_model = sel.role_model_get(request.user, pk, MANAGE_PUBLICITY)
    initial = {
        "organization": role_model.organization_id,
        "person": role_model.person_id,
        "version": role_model.version,
    }
    form = RoleModelForm(request.POST or None, instance=role_model, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = _role_model_fields(form, request.user)
        try:
            services.role_model_update(
                actor=request.user, role_model=role_model, version=form.cleaned_data.get("version"), **fields
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("publicity:role_model_detail", pk=role_model.pk)
    return render(request, "publicity/rolemodel_form.html", {"form": form, "role_model": role_model})


@login_required
def role_model_detail(request, pk):
    role_model = sel.role_model_get(request.user, pk)
    return render(
        request,
        "publicity/rolemodel_detail.html",
        {
            "role_model": role_model,
            "can_manage": scope.has_perm(request.user, MANAGE_PUBLICITY, role_model.organization),
            "publicity_form": PublicityForm(initial={"date": timezone.localdate()}),
            "honour_form": HonourForm(initial={"year": timezone.localdate().year}),
        },
    )


def _add_to_role_model(request, pk, form_class, service, label):
    role_model = sel.role_model_get(request.user, pk, MANAGE_PUBLICITY)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, role_model=role_model, **form.cleaned_data)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, label)
    else:
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return redirect("publicity:role_model_detail", pk=role_model.pk)


@login_required
@require_POST
def publicity_add(request, pk):
    return _add_to_role_model(request, pk, PublicityForm, services.publicity_add, _("Publicity recorded."))


@login_required
@require_POST
def honour_add(request, pk):
    return _add_to_role_model(request, pk, HonourForm, services.honour_add, _("Honour recorded."))


# Media accounts


@login_required
def account_list(request):
    scope.require_any(request.user, VIEW_PUBLICITY)
    filters = MediaAccountFilter(request.GET)
    page = paginate(request, filters.filter(sel.media_account_list(request.user)))
    return render(
        request,
        "publicity/account_list.html",
        {"filters": filters, "page": page, "can_manage": scope.has_any(request.user, MANAGE_PUBLICITY)},
    )


@login_required
def account_create(request):
    scope.require_any(request.user, MANAGE_PUBLICITY)
    today = timezone.localdate()
    form = MediaAccountForm(request.POST or None, initial={"registered_on": today})
    admin_form = FirstAdminForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and admin_form.is_valid():
        d = dict(form.cleaned_data)
        d.pop("version", None)
        d["organization"] = organization_for_write(request.user, d["organization"], MANAGE_PUBLICITY)
        d["leader"] = _person(request.user, d["leader"])
        a = admin_form.cleaned_data
        try:
            account = services.media_account_create(
                actor=request.user,
                admin=_person(request.user, a["admin"]),
                admin_is_student=a["admin_is_student"],
                admin_graduates_on=a["admin_graduates_on"],
                **d,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Account registered."))
            return redirect("publicity:account_detail", pk=account.pk)
    return render(request, "publicity/account_form.html", {"form": form, "admin_form": admin_form})


@login_required
def account_edit(request, pk):
    account = sel.media_account_get(request.user, pk, MANAGE_PUBLICITY)
    initial = {"organization": account.organization_id, "leader": account.leader_id, "version": account.version}
    form = MediaAccountForm(request.POST or None, instance=account, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        version = d.pop("version", None)
        d["organization"] = organization_for_write(request.user, d["organization"], MANAGE_PUBLICITY)
        d["leader"] = _person(request.user, d["leader"])
        try:
            services.media_account_update(actor=request.user, account=account, version=version, **d)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Saved."))
            return redirect("publicity:account_detail", pk=account.pk)
    return render(request, "publicity/account_form.html", {"form": form, "account": account})


@login_required
def account_detail(request, pk):
    account = sel.media_account_get(request.user, pk)
    today = timezone.localdate()
    can_manage = scope.has_perm(request.user, MANAGE_PUBLICITY, account.organization)
    is_open = account.status != account.Status.CLOSED
    return render(
        request,
        "publicity/account_detail.html",
        {
            "account": account,
            "year": requested_year(request),
            "figures": sel.account_figures(account, requested_year(request)),
            "close_by": services.close_by(account),
            "can_manage": can_manage and is_open,
            "people": _people_of(request.user, account.organization) if can_manage and is_open else [],
            "admin_form": AdminForm(initial={"since": today}),
            "handover_form": HandoverForm(initial={"on": today}),
            "review_form": ReviewForm(initial={"date": today}),
            "close_form": CloseForm(initial={"on": today}),
        },
    )


def _back(account):
    return redirect("publicity:account_detail", pk=account.pk)


def _errors(request, form):
    messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))


def _account_step(request, pk, form_class, do):
    """A posted step on an account (close, add an administrator, record a review): the form checked, the service
    called with its data, and back to the account with what happened."""
    account = sel.media_account_get(request.user, pk, MANAGE_PUBLICITY)
    form = form_class(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(account)
    try:
        done = do(account, dict(form.cleaned_data))
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, done)
    return _back(account)


@login_required
@require_POST
def account_close(request, pk):
    def close(account, d):
        services.media_account_close(actor=request.user, account=account, **d)
        return _("%(name)s closed.") % {"name": account.name}

    return _account_step(request, pk, CloseForm, close)


@login_required
@require_POST
def admin_add(request, pk):
    def add(account, d):
        d["person"] = _person(request.user, d["person"])
        services.account_admin_add(actor=request.user, account=account, **d)
        return _("Administrator added.")

    return _account_step(request, pk, AdminForm, add)


@login_required
@require_POST
def admin_handover(request, pk, admin_pk):
    account = sel.media_account_get(request.user, pk, MANAGE_PUBLICITY)
    admin = sel.account_admin_get(request.user, account, admin_pk)
    form = HandoverForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(account)
    d = dict(form.cleaned_data)
    to = _person(request.user, d.pop("person"))
    try:
        new = services.account_admin_handover(actor=request.user, admin=admin, to=to, **d)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("Rights handed over from %(old)s to %(new)s.") % {"old": admin.person.name, "new": new.person.name},
        )
    return _back(account)


@login_required
@require_POST
def review_add(request, pk):
    def add(account, d):
        services.review_record_add(actor=request.user, account=account, **d)
        return _("Review recorded.")

    return _account_step(request, pk, ReviewForm, add)


@login_required
def figure_entry(request, pk):
    account = sel.media_account_get(request.user, pk, MANAGE_PUBLICITY)
    form = MonthlyFigureForm(request.POST or None, initial={"month": timezone.localdate().replace(day=1)})
    if request.method == "POST" and form.is_valid():
        try:
            services.monthly_figure_set(actor=request.user, account=account, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Figures saved."))
            return _back(account)
    return render(request, "publicity/figure_form.html", {"form": form, "account": account})


@login_required
def media_policy(request):
    """The county's dormancy rules for its media accounts per year; county administrators change them, with
    history."""
    return county_policy_page(
        request,
        model=MediaPolicy,
        perm=MANAGE_PUBLICITY,
        form_class=MediaPolicyForm,
        template="publicity/media_policy.html",
    )
