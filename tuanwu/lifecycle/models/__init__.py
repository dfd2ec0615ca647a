"""The lifecycle's tables, one module per sub-domain: dues.py, evaluation.py (evaluation and registration),
transfers.py, discipline.py, exits.py."""

from .discipline import DISCIPLINE_BADGES, DisciplineCase, DisciplineStep, Sanction  # noqa: F401
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
from .exits import EXIT_BADGES, LapseProposal  # noqa: F401
from .transfers import Graduate, GraduatingClass, Transfer, TransferPolicy, TransferStep  # noqa: F401

# Badge colours of every lifecycle status (tuanwu.core.badges): each sub-domain adds its own.
BADGES = {**EVALUATION_BADGES, **DISCIPLINE_BADGES, **EXIT_BADGES}
