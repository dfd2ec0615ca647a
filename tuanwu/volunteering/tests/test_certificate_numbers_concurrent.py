"""Certificates issued at the same moment all get a number: none is refused, none is given twice, and the
numbers of the county's year follow each other without a gap (PostgreSQL, where writers really overlap)."""

import contextlib
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tuanwu.organizations.models import Organization
from tuanwu.people.models import Person
from tuanwu.volunteering.models import Certificate
from tuanwu.volunteering.services import certificates

from .factories import at, day, issuer_ready, served

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serializes writing transactions; the race needs PostgreSQL"
)

THREADS = 8


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_certificates_issued_at_once_are_all_numbered_once_and_in_sequence(cast, monkeypatch):
    served(cast, "zhang", at(0, 9), at(0, 12))
    issuer_ready(cast.town)
    person_pk, town_pk = cast.people["zhang"].pk, cast.town.pk
    # Every thread waits, after reading the ledger and just before numbering, until all have come that far.
    barrier = threading.Barrier(THREADS, timeout=5)
    read = certificates.entries_for_certificate

    def held(*args, **kwargs):
        result = read(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return result

    monkeypatch.setattr(certificates, "entries_for_certificate", held)
    outcome: dict[int, str] = {}

    def issue(index):
        try:
            certificate = certificates.certificate_issue(
                actor=get_user_model().objects.get(username="county_admin"),
                person=Person.objects.get(pk=person_pk),
                organization=Organization.objects.get(pk=town_pk),
                period_start=day(0),
                period_end=day(20),
                handler="王老师",
            )
            outcome[index] = certificate.number
        except ValidationError as error:
            outcome[index] = f"refused: {error.messages}"
        except Exception as error:  # reported by the assertions
            outcome[index] = f"error: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    year = timezone.localdate().year
    expected = [f"QH-{year}-{n:06d}" for n in range(1, THREADS + 1)]
    assert sorted(outcome.values()) == expected
    assert sorted(Certificate.objects.values_list("number", flat=True)) == expected
