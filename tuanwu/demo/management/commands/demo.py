"""`tuanwu demo`: fill an empty database with the fictional county of tuanwu.demo.generator."""

import time
import unicodedata

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tuanwu.demo import generator


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "Build a fictional county (青禾县) with its organizations, youths, members, cadres and demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=20000, help="number of people (default 20000)")
        parser.add_argument("--seed", type=int, default=2020, help="random seed; same seed, same county")
        parser.add_argument(
            "--reset", action="store_true", help="delete the existing county (people, organizations…) first"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="build only when the database has no organization yet"
        )

    def handle(self, *args, members: int, seed: int, reset: bool, if_empty: bool, verbosity: int, **options):
        from tuanwu.organizations.models import Organization

        if if_empty and Organization.objects.exists():
            self.stdout.write("The database already holds a county; demo logins (if it is the demo county):")
            self._logins()
            return
        out = self.stdout if verbosity > 0 else None
        started = time.monotonic()
        try:
            with transaction.atomic():
                if reset:
                    generator.reset(stdout=out)
                counts = generator.build(members=members, seed=seed, stdout=out)
        except generator.DemoError as e:
            hint = " Use --reset to replace them." if isinstance(e, generator.DemoDataExists) else ""
            raise CommandError(f"{e}{hint}") from None
        elapsed = time.monotonic() - started
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo county built in {elapsed:.1f} s."))
        self.stdout.write("")
        self._logins()

    def _logins(self):
        rows = [("username", "role", "password")] + [
            (username, str(label), password) for username, label, password in generator.DEMO_LOGINS
        ]
        widths = [max(_width(row[i]) for row in rows) for i in range(3)]
        for n, row in enumerate(rows):
            self.stdout.write("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
