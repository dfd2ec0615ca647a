"""The applicant's own page: where the application stands and what is still missing."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors


@login_required
def mine(request):
    return render(request, "admission/mine.html", selectors.applicant_summary(request.user))
