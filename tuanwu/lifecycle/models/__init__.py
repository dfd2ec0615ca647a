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
from .evaluation import BADGES as EVALUATION_BADGES
from .evaluation import (  # noqa: F401
    Evaluation,
    EvaluationEntry,
    Grade,
    LifecyclePolicy,
    Registration,
)
from .transfers import Graduate, GraduatingClass, Transfer, TransferPolicy, TransferStep  # noqa: F401

# Badge colours of every lifecycle status (tuanwu.core.badges): each sub-domain adds its own.
BADGES = {**EVALUATION_BADGES}
