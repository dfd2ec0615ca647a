"""Dates as pages receive them."""

from django.utils import timezone


def requested_year(request, key: str = "year") -> int:
    """The year a page is asked for (?year=), kept within 2000–2100; this year when absent or unreadable."""
    this_year = timezone.localdate().year
    try:
        return min(max(int(request.GET.get(key) or this_year), 2000), 2100)
    except ValueError:
        return this_year
