"""Service certificates: issue, list, print, .docx, PDF, and the public verification page."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.accounts.roles import MANAGE_VOLUNTEERING, VIEW_VOLUNTEERING
from tuanwu.core.downloads import attach, file_name
from tuanwu.core.forms import attach_errors
from tuanwu.core.masking import mask_name
from tuanwu.core.params import parse_id
from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_get
from tuanwu.people.selectors import person_for_write

from .. import documents, selectors
from ..filters import CertificateFilter
from ..forms import CertificateForm, IssuerSettingsForm
from ..models import IssuerSettings
from ..services import certificates
from . import filtered_page

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def certificate_list(request):
    scope.require_any(request.user, VIEW_VOLUNTEERING)
    filters, page = filtered_page(request, CertificateFilter, selectors.certificate_list(request.user))
    return render(
        request,
        "volunteering/certificate_list.html",
        {"filters": filters, "page": page, "q": request.GET.get("q", "").strip()},
    )


@login_required
def certificate_create(request):
    scope.require_any(request.user, MANAGE_VOLUNTEERING)
    person_pk = parse_id(request.POST.get("person") or request.GET.get("person"))
    if person_pk is None:
        raise Http404
    person = person_for_write(request.user, person_pk, MANAGE_VOLUNTEERING)
    today = timezone.localdate()
    issuers = selectors.certificate_issuers(request.user, person)
    issuer = None
    if request.POST.get("issuer"):
        # The issuer named is one of the person's issuers for this user; any other id is refused like a missing one.
        issuer_pk = parse_id(request.POST["issuer"])
        issuer = issuers.filter(pk=issuer_pk).first() if issuer_pk is not None else None
        if issuer is None:
            raise Http404
    form = CertificateForm(
        request.POST or None,
        initial={
            "person": person.pk,
            "period_start": today.replace(month=1, day=1),
            "period_end": today,
            "handler": request.user.get_full_name() or request.user.username,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            certificate = certificates.certificate_issue(
                actor=request.user,
                person=person,
                organization=issuer or issuers.first(),
                period_start=d["period_start"],
                period_end=d["period_end"],
                handler=d["handler"],
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate.number})
            return redirect("volunteering:certificate_detail", certificate.pk)
    return render(
        request,
        "volunteering/certificate_form.html",
        {"form": form, "person": person, "issuers": issuers},
    )


@login_required
def issuer_settings(request, pk: int):
    """What an issuing organization prints on its certificates: person in charge and contact phone."""
    organization = organization_get(request.user, pk, MANAGE_VOLUNTEERING)
    current = IssuerSettings.objects.filter(organization=organization).first()
    form = IssuerSettingsForm(
        request.POST or None,
        initial={"person_in_charge": current.person_in_charge, "contact_phone": current.contact_phone}
        if current
        else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificates.issuer_settings_save(actor=request.user, organization=organization, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Certificate settings saved."))
            return redirect("volunteering:issuer_settings", organization.pk)
    return render(
        request,
        "volunteering/issuer_settings.html",
        {"form": form, "organization": organization, "current": current},
    )


def _verify_url(request, certificate) -> str:
    return request.build_absolute_uri(reverse("volunteering:verify", args=[certificate.token]))


def _certificate(view):
    @functools.wraps(view)
    @login_required
    def wrapper(request, pk: int):
        certificate = selectors.certificate_get(request.user, pk)
        return view(request, certificate)

    return wrapper


@_certificate
def certificate_detail(request, certificate):
    context = documents.certificate_context(certificate, _verify_url(request, certificate))
    context["pdf"] = documents.pdf_available()
    return render(request, "volunteering/certificate_print.html", context)


@_certificate
def certificate_docx(request, certificate):
    data = documents.certificate_docx(certificate, _verify_url(request, certificate))
    response = HttpResponse(data, content_type=DOCX)
    return attach(response, file_name(_("Volunteer service certificate"), certificate.number, ext="docx"))


@_certificate
def certificate_pdf(request, certificate):
    if not documents.pdf_available():
        raise Http404
    data = documents.certificate_pdf(certificate, _verify_url(request, certificate))
    response = HttpResponse(data, content_type="application/pdf")
    return attach(response, file_name(_("Volunteer service certificate"), certificate.number, ext="pdf"), inline=True)


def verify(request, token: str):
    """Public, no login: only the number, the masked name, the hours and the issuer."""
    certificate = selectors.certificate_verify(token)
    return render(
        request,
        "volunteering/verify.html",
        {
            "number": certificate.number,
            "name": mask_name(certificate.person.name),
            "hours": documents.hours_text(certificate.hours),
            "issuer": certificate.organization.full_name or certificate.organization.name,
        },
    )
