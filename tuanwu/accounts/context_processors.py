"""Template context every page's shell needs."""

from django.conf import settings

from tuanwu.organizations import scope

from .navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"page_sizes": settings.TUANWU_PAGE_SIZES}
    match = getattr(request, "resolver_match", None)
    current = f"{match.namespace}:{match.url_name}" if match and match.namespace else None
    return {
        "menu": menu_for(user, current),
        "user_roots": scope.visible_roots(user) if scope.grants(user) else [],
        "user_grants": scope.grants(user),
        "page_sizes": settings.TUANWU_PAGE_SIZES,
    }
