"""The lifecycle's tables, one module per sub-domain: dues.py, evaluation.py (evaluation and registration),
transfers.py."""

from .transfers import Graduate, GraduatingClass, Transfer, TransferPolicy, TransferStep  # noqa: F401
