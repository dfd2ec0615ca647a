"""API of the member lifecycle: dues, evaluation and registration, transfers, through the same services and
selectors as the pages."""

from ninja import Router

router = Router(tags=["lifecycle"])


# Each area's endpoints live in their own module, registered on this router when imported.
from . import api_discipline, api_dues, api_evaluation, api_transfers  # noqa: E402, F401
