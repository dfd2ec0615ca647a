"""Template helpers for display only: icons, status colours, query strings."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from tuanwu.core.badges import badge_for

register = template.Library()

# Simple line icons drawn for TuanWu on a 16×16 grid (stroke = currentColor).
ICONS = {
    "speedometer": '<path d="M2 11a6 6 0 1 1 12 0"/><path d="M8 11l3-4"/>',
    "diagram-3": '<rect x="6" y="1.5" width="4" height="3"/><rect x="1" y="11.5" width="4" height="3"/>'
    '<rect x="11" y="11.5" width="4" height="3"/><path d="M8 4.5v3M3 11.5V7.5h10v4"/>',
    "building": '<rect x="3" y="1.5" width="10" height="13"/>'
    '<path d="M6 4.5h1M9 4.5h1M6 7.5h1M9 7.5h1M7 14.5v-3h2v3"/>',
    "exclamation-triangle": '<path d="M8 1.5l7 13H1z"/><path d="M8 6v4M8 12v.5"/>',
    "people": '<circle cx="5.5" cy="5" r="2.5"/><circle cx="11.5" cy="6" r="2"/>'
    '<path d="M1 14c0-3 2-4.5 4.5-4.5S10 11 10 14M10.5 10c2.5 0 4.5 1 4.5 4"/>',
    "hourglass": '<path d="M3.5 1.5h9M3.5 14.5h9"/>'
    '<path d="M4.5 1.5c0 4 7 4 7 6.5s-7 2.5-7 6.5M11.5 1.5c0 4-7 4-7 6.5"/>',
    "person": '<circle cx="8" cy="5" r="3"/><path d="M2 15c0-3.5 2.5-5.5 6-5.5s6 2 6 5.5"/>',
    "eye": '<path d="M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5z"/><circle cx="8" cy="8" r="2"/>',
    "journal": '<rect x="3" y="1.5" width="10" height="13"/><path d="M6 5h5M6 8h5M6 11h3"/>',
    "list": '<path d="M2 3.5h12M2 8h12M2 12.5h12"/>',
    "heart": '<path d="M8 14S1.5 10 1.5 5.5A3.2 3.2 0 0 1 8 4a3.2 3.2 0 0 1 6.5 1.5C14.5 10 8 14 8 14z"/>',
    "pencil": '<path d="M11 1.5l3.5 3.5L5 14.5H1.5V11z"/><path d="M9 3.5l3.5 3.5"/>',
    "award": '<circle cx="8" cy="6" r="4.5"/><path d="M5 10l-1 5 4-2 4 2-1-5"/>',
    "shield": '<path d="M8 1.5l6 2v4c0 3.5-2.5 6-6 7-3.5-1-6-3.5-6-7v-4z"/>',
    "bar-chart": '<path d="M1.5 14.5h13"/><rect x="3" y="8" width="2.5" height="6"/>'
    '<rect x="7" y="4" width="2.5" height="10"/><rect x="11" y="10" width="2.5" height="4"/>',
    "calendar": '<rect x="1.5" y="3" width="13" height="11.5"/><path d="M1.5 6.5h13M5 1.5v3M11 1.5v3"/>',
    "qr": '<rect x="1.5" y="1.5" width="5" height="5"/><rect x="9.5" y="1.5" width="5" height="5"/>'
    '<rect x="1.5" y="9.5" width="5" height="5"/><path d="M9.5 9.5h2v2h-2zM12.5 12.5h2v2h-2zM9.5 13.5h1M13.5 9.5h1"/>',
}


@register.simple_tag
def icon(name: str, size: int = 16):
    body = ICONS.get(name, "")
    return format_html(
        '<svg class="tw-icon" width="{}" height="{}" viewBox="0 0 16 16" fill="none" stroke="currentColor" '
        'stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">{}</svg>',
        size,
        size,
        mark_safe(body),
    )


@register.filter
def status_class(value: str) -> str:
    """Bootstrap colour for a status, as the status's app declares it (tuanwu.core.badges)."""
    return badge_for(value)


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters changed (None removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label, css: str = "", param: str = "order"):
    """A column header that sorts the list by key: ascending first, then descending; the current direction shown
    with an arrow and aria-sort. The view passes the current order under the parameter's name (`order`, from
    tuanwu.core.ordering.order_list)."""
    current = context.get(param) or ""
    asc, desc = current == key, current == "-" + key
    target = "-" + key if asc else key
    arrow = " ▲" if asc else " ▼" if desc else ""
    sort = "ascending" if asc else "descending" if desc else "none"
    href = query(context, **{param: target, "page": None})
    return format_html(
        '<th scope="col" class="{}" aria-sort="{}"><a class="tw-sort link-body-emphasis text-decoration-none" '
        'href="{}" data-sort="{}">{}{}</a></th>',
        css,
        sort,
        href,
        key,
        label,
        arrow,
    )


@register.filter
def percent(value) -> str:
    """0.6667 → 66.7%: a share with one decimal (UI.md); "—" when there is none."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.1f}%"


@register.filter
def dict_get(mapping, key):
    """A mapping's value for a key that is itself a variable (rows keyed by id)."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


CN_NUMERALS = "零一二三四五六七八九十"


@register.filter
def cn_numeral(value) -> str:
    """3 → 三, 12 → 十二: the numbering of Chinese official documents (一、二、…)."""
    n = int(value)
    if n <= 10:
        return CN_NUMERALS[n]
    if n < 20:
        return "十" + CN_NUMERALS[n - 10]
    if n < 100:
        return CN_NUMERALS[n // 10] + "十" + (CN_NUMERALS[n % 10] if n % 10 else "")
    return str(n)


@register.simple_tag
def sparkline(values, width: int = 80, height: int = 18):
    """A small inline SVG line of the values (no script, prints as it shows)."""
    points = [float(v) for v in (values or []) if v is not None]
    if len(points) < 2:
        return ""
    low, high = min(points), max(points)
    span = (high - low) or 1.0
    step = width / (len(points) - 1)
    coords = " ".join(
        f"{i * step:.1f},{height - 1 - (p - low) / span * (height - 2):.1f}" for i, p in enumerate(points)
    )
    return format_html(
        '<svg class="tw-spark" width="{}" height="{}" viewBox="0 0 {} {}" aria-hidden="true">'
        '<polyline fill="none" stroke="currentColor" stroke-width="1.3" points="{}"/></svg>',
        width,
        height,
        width,
        height,
        coords,
    )
