"""The minutes book (会议记录本) of a branch or of the Party branch for a term: a print page and a .docx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tuanwu.core.downloads import attach, file_name
from tuanwu.core.params import parse_id

from ..documents import entry_rows, minutes_docx
from ..selectors.minutes import MinutesBook, minutes_book, minutes_organizer, term_of, term_parse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _book(request) -> MinutesBook | HttpResponse:
    organization, party = minutes_organizer(
        request.user,
        organization_id=parse_id(request.GET.get("organization")),
        party_id=parse_id(request.GET.get("party")),
    )
    raw = request.GET.get("term", "")
    term = term_parse(raw) if raw else term_of(timezone.localdate())
    if term is None:
        return HttpResponseBadRequest(
            _("“%(term)s” is not a term: write the year and the half, e.g. 2026-1 (January–June) or 2026-2.")
            % {"term": raw}
        )
    return minutes_book(request.user, organization, party, term)


def _query(book: MinutesBook, term) -> str:
    who = f"party={book.party_branch.pk}" if book.party_branch else f"organization={book.organization.pk}"
    return f"?{who}&term={term.code}"


@login_required
def minutes(request):
    book = _book(request)
    if isinstance(book, HttpResponse):
        return book
    return render(
        request,
        "meetings/minutes_book.html",
        {
            "book": book,
            "entries": [(entry, entry_rows(entry)) for entry in book.entries],
            "query": _query(book, book.term),
            "previous_query": _query(book, book.term.previous()),
            "next_query": _query(book, book.term.next()),
        },
    )


@login_required
def minutes_download(request):
    book = _book(request)
    if isinstance(book, HttpResponse):
        return book
    response = HttpResponse(minutes_docx(book), content_type=DOCX)
    return attach(response, file_name(book.organizer, book.term.code, _("Minutes book"), ext="docx"))
