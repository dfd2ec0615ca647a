"""Directory units for tests: valid credit codes made up on the spot, units entered through the service."""

from __future__ import annotations

import itertools

from stdnum.cn import uscc

from tuanwu.coverage.models import Unit

_seq = itertools.count(1)


def credit_code(n: int | None = None) -> str:
    """A valid unified social credit code not used before in this test run (check characters computed)."""
    while True:
        n = next(_seq) if n is None else n
        body = f"91341100{n:08d}"
        for org_check in "0123456789X":
            base = body + org_check
            code = base + uscc.calc_check_digit(base)
            if uscc.is_valid(code):
                return code
        n = None


def bad_credit_code() -> str:
    """A credit code whose check character is wrong."""
    code = credit_code()
    last = "0" if code[-1] != "0" else "1"
    return code[:-1] + last


def unit(township, name: str, **fields) -> Unit:
    """A unit written directly (tests of the figures set its status by hand)."""
    fields.setdefault("credit_code", credit_code())
    fields.setdefault("kind", "enterprise")
    return Unit.objects.create(township=township, name=name, **fields)
