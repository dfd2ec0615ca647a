"""The page of a county's yearly policy (volunteer hours, admissions, …): the form, the save through the app's
service with the edit-conflict check, and the policy's change history beside it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tuanwu.core.dates import requested_year
from tuanwu.core.forms import attach_errors
from tuanwu.organizations import scope
from tuanwu.organizations.policy import policy_for, policy_set

from .history import history_for, history_rows


def county_policy_page(request, *, model, perm: str, form_class, template: str, extra=None):
    """Show and save the policy of the user's county for ?year=; 404 unless the user holds perm on the county."""
    county = scope.county_for(request.user, perm)
    if county is None:
        raise Http404
    year = requested_year(request)
    current = policy_for(model, county, year)
    form = form_class(request.POST or None, instance=current, initial={"version": current.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            policy_set(
                model,
                actor=request.user,
                perm=perm,
                county=county,
                year=year,
                version=form.cleaned_data.get("version") if current.pk else None,
                **data,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, _("Policy saved."))
            return redirect(f"{request.path}?year={year}")
    context = {
        "form": form,
        "county": county,
        "year": year,
        "policy": current,
        "history": history_rows(history_for([current])[:50]) if current.pk else [],
    }
    if extra:
        context.update(extra(current, year))
    return render(request, template, context)
