"""Response headers every page and API answer carries: no caching of personal data, a Content-Security-Policy.

Static files never reach these middlewares (WhiteNoise answers them first), so they stay cacheable.
"""

from __future__ import annotations


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
