"""Template context every page's shell needs."""

from django.conf import settings

from tuanwu.organizations import scope

from .navigation import menu_for
from .roles import Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"page_sizes": settings.TUANWU_PAGE_SIZES}
    match = getattr(request, "resolver_match", None)
    current = f"{match.namespace}:{match.url_name}" if match and match.namespace else None
    grants = scope.grants(user)
    return {
        "menu": menu_for(user, current),
        "user_label": user_label(user, grants),
        "user_roots": scope.visible_roots(user) if scope.grants(user) else [],
        "user_grants": scope.grants(user),
        "page_sizes": settings.TUANWU_PAGE_SIZES,
    }


def user_label(user, grants) -> str:
    """What the top bar calls the signed-in user: their name, or else the office they hold (团县委管理员), never the
    login name (from the cached grants: no query)."""
    name = user.get_full_name()
    if name:
        return name
    if grants:
        return str(Role(grants[0].role).label)
    return user.username
