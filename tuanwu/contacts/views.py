"""The contact pages: a cadre's own contacts and the three-tap log (phone), the committee's compliance list per
quarter, the cadre list with the handover, and the county's policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.accounts.roles import MANAGE_CONTACTS, VIEW_CONTACTS, VIEW_ORGANIZATION
from tuanwu.audit.policy import county_policy_page
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_for_write

from . import selectors, services
from .forms import (
    CadreRegisterForm,
    ContactAddForm,
    FixedOrganizationForm,
    HandoverForm,
    LogForm,
    PolicyForm,
    VisitForm,
)
from .models import ContactPolicy


def _may_log(user, cadre) -> bool:
    own = getattr(user, "person_id", None) and user.person_id == cadre.person_id
    return bool(own) or scope.has_perm(user, MANAGE_CONTACTS, cadre.organization)


def _period(request) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
        quarter = int(request.GET.get("quarter") or selectors.quarter_of(today))
    except ValueError:
        year, quarter = today.year, selectors.quarter_of(today)
    return year, min(max(quarter, 1), 4)


@login_required
def my_contacts(request):
    """The signed-in cadre's contacts, fixed organizations and this quarter's standing (phone first)."""
    today = timezone.localdate()
    year, quarter = today.year, selectors.quarter_of(today)
    cadres = selectors.my_cadres(request.user)
    sections = [
        {
            "cadre": c,
            "compliance": selectors.compliance(c, year, quarter),
            "contacts": list(selectors.contact_list(request.user, cadre=c)),
            "fixed": list(selectors.fixed_list(c)),
        }
        for c in cadres
    ]
    return render(request, "contacts/my.html", {"sections": sections, "year": year, "quarter": quarter})


def _back(request, cadre):
    """Back to the cadre's own page, or to the cadre's page for whoever manages them."""
    if cadre.person_id == getattr(request.user, "person_id", None):
        return redirect("contacts:my")
    return redirect("contacts:cadre_detail", cadre.pk)


@login_required
def contact_add(request, pk):
    """Add a youth to a cadre's contacts: someone of the registry found by name or ID number, or minimal data."""
    cadre = selectors.cadre_get(request.user, pk)
    if not _may_log(request.user, cadre):
        raise PermissionDenied
    form = ContactAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ref = data.pop("registry").strip()
        try:
            person = selectors.registry_person_find(request.user, ref) if ref else None
            contact = services.contact_add(actor=request.user, cadre=cadre, person=person, **data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("%(name)s added to the contacts.") % {"name": contact.name})
            return _back(request, cadre)
    return render(request, "contacts/contact_add.html", {"form": form, "cadre": cadre})


@require_POST
@login_required
def contact_fix(request, pk):
    """Mark a contact as one of the cadre's fixed youths (or, with fixed=0, no longer)."""
    contact = selectors.contact_get(request.user, pk)
    if not _may_log(request.user, contact.cadre):
        raise PermissionDenied
    try:
        services.contact_fix(actor=request.user, contact=contact, fixed=request.POST.get("fixed", "1") != "0")
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(name)s updated.") % {"name": contact.name})
    return _back(request, contact.cadre)


@require_POST
@login_required
def contact_end(request, pk):
    """End a contact today, after the page's confirmation; the logs stay."""
    contact = selectors.contact_get(request.user, pk)
    if not _may_log(request.user, contact.cadre):
        raise PermissionDenied
    try:
        services.contact_end(actor=request.user, contact=contact)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The contact with %(name)s has ended.") % {"name": contact.name})
    return _back(request, contact.cadre)


@login_required
def contact_log(request, pk):
    """Log a contact with one youth: pick the channel and save; the date is today unless changed."""
    contact = selectors.contact_get(request.user, pk)
    if not _may_log(request.user, contact.cadre):
        raise PermissionDenied
    form = LogForm(request.POST or None, activities=selectors.activities_for_log(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        number = data.pop("voice_case").strip()
        try:
            case = selectors.voice_case_find(request.user, number) if number else None
            services.contact_log(actor=request.user, cadre=contact.cadre, contact=contact, voice_case=case, **data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Contact with %(name)s logged.") % {"name": contact.name})
            return _back(request, contact.cadre)
    return render(request, "contacts/log_form.html", {"form": form, "contact": contact})


@login_required
def visit_log(request, pk):
    """Log a visit to one of the cadre's fixed organizations: what was found, guidance, support."""
    fixed = selectors.fixed_get(request.user, pk)
    cadre = fixed.cadre
    if not _may_log(request.user, cadre):
        raise PermissionDenied
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_log(
                actor=request.user, cadre=cadre, fixed_organization=fixed, channel="org_visit", **form.cleaned_data
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Visit to %(org)s logged.") % {"org": fixed.organization.name})
            return _back(request, cadre)
    return render(request, "contacts/visit_form.html", {"form": form, "fixed": fixed})


@login_required
def compliance_list(request):
    """Each cadre's standing for a quarter, with what is overdue; in tree order, never ranked."""
    scope.require_any(request.user, VIEW_CONTACTS)
    year, quarter = _period(request)
    rows = selectors.compliance_list(request.user, year, quarter)
    return render(
        request,
        "contacts/compliance_list.html",
        {"rows": rows, "year": year, "quarter": quarter, "quarters": [1, 2, 3, 4]},
    )


@login_required
def cadre_list(request):
    """The cadres doing contact work, with their open contacts and fixed organizations."""
    scope.require_any(request.user, VIEW_CONTACTS)
    cadres = list(selectors.cadre_list(request.user))
    for c in cadres:
        c.can_manage = scope.has_perm(request.user, MANAGE_CONTACTS, c.organization)
    can_register = scope.has_any(request.user, MANAGE_CONTACTS)
    return render(request, "contacts/cadre_list.html", {"cadres": cadres, "can_register": can_register})


def _organization(request, form, perm):
    """The organization the picker named, when the user holds perm on it; else an error beside the field."""
    try:
        return organization_for_write(request.user, form.cleaned_data["organization"], perm)
    except Http404:
        form.add_error("organization", _("Pick an organization in your scope."))
        return None


@login_required
def cadre_register(request):
    """Register a cadre for direct-contact work: the person, their kind, the organization and the first day."""
    scope.require_any(request.user, MANAGE_CONTACTS)
    form = CadreRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = _organization(request, form, MANAGE_CONTACTS)
        try:
            person = selectors.registry_person_find(request.user, form.cleaned_data["person"])
        except ValidationError as e:
            form.add_error("person", e)
            person = None
        if organization is not None and person is not None:
            try:
                cadre = services.cadre_register(
                    actor=request.user,
                    person=person,
                    kind=form.cleaned_data["kind"],
                    organization=organization,
                    started_on=form.cleaned_data["started_on"],
                )
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, _("%(name)s registered for direct-contact work.") % {"name": person.name})
                return redirect("contacts:cadre_detail", cadre.pk)
    return render(request, "contacts/cadre_register.html", {"form": form})


@login_required
def cadre_detail(request, pk):
    """One cadre: this quarter's standing, their contacts and fixed organizations; whoever manages the cadre
    fixes and releases organizations here."""
    cadre = selectors.cadre_get(request.user, pk)
    year, quarter = _period(request)
    can_manage = scope.has_perm(request.user, MANAGE_CONTACTS, cadre.organization)
    return render(
        request,
        "contacts/cadre_detail.html",
        {
            "cadre": cadre,
            "year": year,
            "quarter": quarter,
            "compliance": selectors.compliance(cadre, year, quarter),
            "contacts": list(selectors.contact_list(request.user, cadre=cadre)),
            "fixed": list(selectors.fixed_list(cadre)),
            "can_manage": can_manage,
            "can_log": _may_log(request.user, cadre),
            "fix_form": FixedOrganizationForm() if can_manage else None,
        },
    )


@require_POST
@login_required
def fixed_add(request, pk):
    """Fix a grassroots organization to the cadre as a contact point."""
    cadre = selectors.cadre_get(request.user, pk)
    scope.require(request.user, MANAGE_CONTACTS, cadre.organization)
    form = FixedOrganizationForm(request.POST)
    if form.is_valid() and (organization := _organization(request, form, VIEW_ORGANIZATION)) is not None:
        try:
            services.fixed_organization_add(
                actor=request.user, cadre=cadre, organization=organization, since=form.cleaned_data["since"]
            )
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            names = {"org": organization.name, "name": cadre.person.name}
            messages.success(request, _("%(org)s fixed to %(name)s.") % names)
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("contacts:cadre_detail", cadre.pk)


@require_POST
@login_required
def fixed_end(request, pk):
    """Release a fixed contact organization from its cadre, after the page's confirmation."""
    fixed = selectors.fixed_get(request.user, pk)
    scope.require(request.user, MANAGE_CONTACTS, fixed.cadre.organization)
    try:
        services.fixed_organization_end(actor=request.user, fixed=fixed)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("%(org)s is no longer fixed to the cadre.") % {"org": fixed.organization.name})
    return redirect("contacts:cadre_detail", fixed.cadre_id)


@login_required
def cadre_handover(request, pk):
    """Hand every contact of a departing cadre to a successor, after a confirmation naming both."""
    cadre = selectors.cadre_get(request.user, pk)
    scope.require(request.user, MANAGE_CONTACTS, cadre.organization)
    form = HandoverForm(request.POST or None, successors=selectors.successor_choices(request.user, cadre))
    if request.method == "POST" and form.is_valid():
        try:
            successor, on = form.cleaned_data["successor"], form.cleaned_data["on"]
            moved = services.handover(actor=request.user, from_cadre=cadre, to_cadre=successor, on=on)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(
                request,
                _("%(n)d contacts and %(m)d fixed organizations of %(from)s handed to %(to)s.")
                % {
                    "n": moved["contacts"] + moved["kept"],
                    "m": moved["organizations"],
                    "from": cadre.person.name,
                    "to": successor.person.name,
                },
            )
            return redirect("contacts:cadres")
    open_contacts = selectors.contact_list(request.user, cadre=cadre).count()
    return render(
        request,
        "contacts/handover.html",
        {"cadre": cadre, "form": form, "open_contacts": open_contacts, "fixed": list(selectors.fixed_list(cadre))},
    )


@login_required
def policy(request):
    """The county's "1+100" numbers and rhythm per year; county administrators change them, with history."""
    return county_policy_page(
        request, model=ContactPolicy, perm=MANAGE_CONTACTS, form_class=PolicyForm, template="contacts/policy.html"
    )
