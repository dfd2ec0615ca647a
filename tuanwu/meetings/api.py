"""API of organizational life: meetings, courses, compliance and ratings, through the same services and selectors
as the pages."""

from ninja import Router

router = Router(tags=["meetings"])

# Each area's endpoints live in their own module, registered on this router when imported.
from . import api_compliance  # noqa: E402, F401
