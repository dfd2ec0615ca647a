"""API authentication: bearer tokens issued for a username and password."""

from django.contrib.auth import authenticate
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

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
