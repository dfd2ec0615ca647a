"""The lifecycle's tables, one module per sub-domain: dues.py, evaluation.py (evaluation and registration),
transfers.py."""

from .dues import (  # noqa: F401
    BillLine,
    Category,
    DuesAllocation,
    DuesDecision,
    DuesPayment,
    DuesPolicy,
    PayBand,
)
