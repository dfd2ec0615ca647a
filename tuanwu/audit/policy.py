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

from .selectors import history_for, history_rows


def county_policy_page(request, *, perm: str, policy_for, policy_set, form_class, template: str, extra=None):
    """Show and save the policy of the user's county for ?year=; 404 unless the user holds perm on the county."""
    counties = [o for o in scope.visible_roots(request.user) if o.depth == 1]
    if not counties or not scope.has_perm(request.user, perm, counties[0]):
        raise Http404
    county, year = counties[0], requested_year(request)
    current = policy_for(county, year)
    form = form_class(request.POST or None, instance=current, initial={"version": current.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            policy_set(
                actor=request.user,
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
