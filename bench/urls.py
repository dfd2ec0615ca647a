"""The project's URLs plus two bare views: a fixed HTML page of a requested size, rendered without any query,
and a bare Django list: the first page of people with plain ORM (no scope, no filter, no layout)."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import include, path

_PAGES: dict[int, bytes] = {}
MAX_BYTES = 8 * 1024 * 1024


def _page(size: int) -> bytes:
    """An HTML page of exactly `size` bytes (at least the skeleton's)."""
    if size not in _PAGES:
        head = b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>bare</title></head><body><pre>"
        tail = b"</pre></body></html>"
        filler = max(0, size - len(head) - len(tail))
        line = b"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklm\n"
        body = (line * (filler // len(line) + 1))[:filler]
        _PAGES[size] = head + body + tail
    return _PAGES[size]


def bare_view(request):
    try:
        size = min(MAX_BYTES, max(0, int(request.GET.get("bytes", "50000"))))
    except ValueError:
        size = 50000
    return HttpResponse(_page(size), content_type="text/html; charset=utf-8")


BARE_LIST = Template(
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>bare list</title></head><body>"
    "<p>{{ count }}</p><table>{% for p in page %}<tr><td>{{ p.name }}</td><td>{{ p.birth_date|date:'Y-m-d' }}</td>"
    "<td>{{ p.organization.name }}</td><td>{{ p.phone }}</td></tr>{% endfor %}</table></body></html>"
)


@login_required
def bare_list_view(request):
    """What a plain Django list of people costs: a count and 20 rows with their organization, unscoped."""
    from tuanwu.people.models import Person

    qs = Person.objects.select_related("organization").order_by("name_initials", "pk")
    return HttpResponse(BARE_LIST.render(Context({"count": qs.count(), "page": qs[:20]})))


class QueryCountMiddleware:
    """Adds X-Bench-Queries: the number of SQL statements the request ran."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Bench-Queries"] = str(count[0])
        return response


urlpatterns = [
    path("bench/bare/", bare_view),
    path("bench/bare-list/", bare_list_view),
    path("", include("config.urls")),
]
