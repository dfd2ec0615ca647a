"""API of organizational life: meetings, courses, compliance and ratings, through the same services and selectors
as the pages."""

from ninja import Router

router = Router(tags=["meetings"])

# Compliance (api_compliance.py): the same rules and selectors as the pages.
from .api_compliance import router as compliance_router  # noqa: E402

router.add_router("", compliance_router)
