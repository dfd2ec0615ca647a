"""The lifecycle's tables, one module per sub-domain: dues.py, evaluation.py (evaluation and registration),
transfers.py."""

from .evaluation import (  # noqa: F401
    Evaluation,
    EvaluationEntry,
    Grade,
    LifecyclePolicy,
    Registration,
)
