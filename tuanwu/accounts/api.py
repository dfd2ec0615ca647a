"""API authentication: bearer tokens issued for a username and password."""

import functools

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from ninja import Router, Schema, Status
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from . import selectors, services

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    expires_at: str


class ErrorOut(Schema):
    detail: str
    code: str


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        row = selectors.api_token_get(token)
        if row is None:
            return None
        services.token_touch(token=row)
        request.user = row.user
        request.api_token = row
        return row.user


class SessionAuth(NinjaSessionAuth):
    """The signed-in browser session; its CSRF check applies to signed-in users only, so that an anonymous
    request is answered 401 (not a CSRF 403)."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


def docs_for_signed_in(view):
    """The schema and docs views (NinjaAPI docs_decorator): for signed-in users and token holders unless
    API_DOCS_PUBLIC; anonymous users get 401 for the schema and the login page for the docs."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.API_DOCS_PUBLIC or request.user.is_authenticated or BearerAuth()(request) is not None:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse({"detail": "Authentication required.", "code": "UNAUTHENTICATED"}, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapper


@router.post("/token", auth=None, response={200: TokenOut, 401: ErrorOut}, summary="Issue an API token")
def token(request, data: TokenIn):
    """Exchange a username and password for a bearer token (the same lockout rules as the login page)."""
    user = authenticate(request, username=data.username, password=data.password)
    if user is None:
        return Status(401, {"detail": "Invalid username or password.", "code": "BAD_CREDENTIALS"})
    key, row = services.token_issue(user=user)
    return Status(200, {"token": key, "expires_at": row.expires_at.isoformat()})


@router.post("/logout", auth=BearerAuth(), response={204: None}, summary="Revoke the calling API token")
def logout(request):
    """End the bearer token this request came with (other tokens of the user stay valid)."""
    services.token_revoke(actor=request.user, token=request.api_token)
    return Status(204, None)
