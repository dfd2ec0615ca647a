"""The imports and exports that apps offer; the engine, commands, pages and jobs find them here.

An app registers its kinds in AppConfig.ready(), so the sheets app needs to know no domain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .results import ImportResult
from .spec import Spec


@dataclass(frozen=True)
class ImportKind:
    name: str  # as on the command line: "members"
    label: Callable[[], str]
    spec: Callable[[], Spec]
    example: dict
    # run(*, actor, data, filename, dry_run, progress, mapping=None, confirm=()): confirm as in run_import
    run: Callable[..., ImportResult]
    permission: str


@dataclass(frozen=True)
class ExportKind:
    name: str
    label: Callable[[], str]
    run: Callable[..., tuple]  # run(*, actor, params, progress) -> (xlsx bytes, file name, rows)
    permission: str


IMPORTS: dict[str, ImportKind] = {}
EXPORTS: dict[str, ExportKind] = {}


def register_import(kind: ImportKind) -> None:
    IMPORTS[kind.name] = kind


def register_export(kind: ExportKind) -> None:
    EXPORTS[kind.name] = kind


# Kinds whose import is its own command (it needs more than a file), reached as `tuanwu import KIND FILE …`.
DELEGATED: dict[str, str] = {}


def register_delegated(kind: str, command: str) -> None:
    DELEGATED[kind] = command
