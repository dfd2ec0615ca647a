"""Login, logout, password, language and the role assignments of an organization."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuanwu.organizations import scope
from tuanwu.organizations.selectors import organization_get

from . import selectors, services
from .forms import RoleAssignForm
from .roles import MANAGE_ROLES


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().language
        if language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response


@require_POST
def set_language(request):
    """Switch the interface language; remembered per user when signed in, else in a cookie."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"grants": scope.grants(request.user), "tokens": selectors.api_token_list(request.user)},
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.api_token_get_own(request.user, pk)
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("API token revoked."))
    return redirect("accounts:profile")


@login_required
def role_list(request, org_pk: int):
    org = organization_get(request.user, org_pk, perm=MANAGE_ROLES)
    form = RoleAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_assign(
                actor=request.user,
                user=form.cleaned_data["user"],
                organization=org,
                role=form.cleaned_data["role"],
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Role granted."))
            return redirect("accounts:roles", org_pk=org.pk)
    assignments = selectors.role_assignment_list(org)
    return render(request, "accounts/role_list.html", {"org": org, "assignments": assignments, "form": form})


@login_required
@require_POST
def role_revoke(request, pk: int):
    assignment = selectors.role_assignment_get(request.user, pk, perm=MANAGE_ROLES)
    try:
        services.role_revoke(actor=request.user, assignment=assignment)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Role removed."))
    return redirect("accounts:roles", org_pk=assignment.organization_id)
