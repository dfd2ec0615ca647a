"""Response headers every page and API answer carries: no caching of personal data, a Content-Security-Policy.

Static files never reach these middlewares (WhiteNoise answers them first), so they stay cacheable.
"""

from __future__ import annotations

import secrets


class NoStoreMiddleware:
    """Cache-Control: no-store on every response of a signed-in user (pages, API, files, exports).

    Anonymous responses get it too unless the view set its own Cache-Control.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class ContentSecurityPolicyMiddleware:
    """A Content-Security-Policy on every response: scripts, styles, images and requests from the site only.

    Inline <script> elements run only with the response's nonce (`nonce="{{ csp_nonce }}"`, the context
    processor below); inline event handler attributes never run (use data- attributes and tuanwu.js).
    Styles allow 'unsafe-inline': style attributes are used throughout, and plotly and htmx inject styles.
    Plotly's basic charts need no 'unsafe-eval'.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy(request.csp_nonce)
        return response


def policy(nonce: str) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' 'nonce-{nonce}'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "media-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def csp_nonce(request) -> dict[str, str]:
    """Template context: csp_nonce, for the few inline scripts."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
