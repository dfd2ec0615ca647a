"""API of organizational life: meetings, courses, compliance and ratings, through the same services and selectors
as the pages."""

from ninja import Router

router = Router(tags=["meetings"])
