"""The REST API under /api/v1/: one error format, token or session authentication, scoped like the pages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from tuanwu.accounts.api import BearerAuth, SessionAuth, docs_for_signed_in
from tuanwu.accounts.api import router as auth_router
from tuanwu.admission.api import router as admission_router
from tuanwu.care.api import router as care_router
from tuanwu.contacts.api import router as contacts_router
from tuanwu.coverage.api import router as coverage_router
from tuanwu.duties.api import router as duties_router
from tuanwu.lifecycle.api import router as lifecycle_router
from tuanwu.meetings.api import router as meetings_router
from tuanwu.organizations.api import router as organizations_router
from tuanwu.people.api import router as people_router
from tuanwu.plan.api import router as plan_router
from tuanwu.programs.api import router as programs_router
from tuanwu.publicity.api import router as publicity_router
from tuanwu.study.api import router as study_router
from tuanwu.voice.api import router as voice_router
from tuanwu.volunteering.api import router as volunteering_router

api = NinjaAPI(
    title="TuanWu API",
    version="1",
    urls_namespace="api",
    auth=[BearerAuth(), SessionAuth()],
    docs_url="/docs",
    docs_decorator=docs_for_signed_in,
)


def _error(request, status: int, detail: str, code: str):
    return api.create_response(request, {"detail": detail, "code": code}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "Not found.", "NOT_FOUND")


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    # A refusal that says why carries its own message and code.
    code = getattr(exc, "code", None)
    return _error(request, 403, str(exc) if code else "You may not do this.", code or "FORBIDDEN")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _error(request, 401, "Authentication required.", "UNAUTHENTICATED")


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return _error(request, 422, " ".join(exc.messages), getattr(exc, "code", None) or "INVALID")


@api.exception_handler(NinjaValidationError)
def invalid_request(request, exc):
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(p) for p in first.get("loc", []))
    return _error(request, 422, f"{where}: {first.get('msg', 'invalid')}", "INVALID_REQUEST")


api.add_router("/auth", auth_router)
api.add_router("/organizations", organizations_router)
api.add_router("/people", people_router)
api.add_router("/volunteering", volunteering_router)
api.add_router("/admission", admission_router)
api.add_router("/study", study_router)
api.add_router("/plan", plan_router)
api.add_router("/meetings", meetings_router)
api.add_router("/coverage", coverage_router)
api.add_router("/duties", duties_router)
api.add_router("/lifecycle", lifecycle_router)
api.add_router("/voice", voice_router)
api.add_router("/care", care_router)
api.add_router("/contacts", contacts_router)
api.add_router("/programs", programs_router)
api.add_router("/publicity", publicity_router)
