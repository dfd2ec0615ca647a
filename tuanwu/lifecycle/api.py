"""API of the member lifecycle: dues, evaluation and registration, transfers, through the same services and
selectors as the pages."""

from ninja import Router

router = Router(tags=["lifecycle"])
from . import api_discipline  # noqa: E402, F401
