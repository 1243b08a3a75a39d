"""On PostgreSQL: fifty intakes at once get fifty consecutive codes; two officers on one dossier, one wins."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from chinhquyenso.dossiers.errors import TransitionNotAllowed
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.dossiers.services.transitions import dossier_act

pytestmark = pytest.mark.django_db(transaction=True)


def _run_in_threads(count: int, work) -> list:
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(i):
        try:
            barrier.wait()
            outcomes[i] = work(i)
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_fifty_intakes_at_once_get_fifty_consecutive_numbers(intake, clock):
    outcomes = _run_in_threads(50, lambda i: intake().code)
    assert all(isinstance(code, str) for code in outcomes), outcomes
    numbers = sorted(int(code[-4:]) for code in outcomes)
    assert numbers == list(range(1, 51))
    assert Dossier.objects.count() == 50


def test_two_officers_acting_at_once_one_succeeds_the_other_gets_409(intake, clock, officer, all_roles):
    dossier = intake()
    version = dossier.version
    outcomes = _run_in_threads(
        2,
        lambda i: (
            dossier_act(
                actor=all_roles if i else officer,
                code=dossier.code,
                action="refuse" if i else "withdraw",
                reason="Thử đồng thời",
                expected_version=version,
            ).state
        ),
    )
    wins = [o for o in outcomes if isinstance(o, str)]
    conflicts = [o for o in outcomes if isinstance(o, TransitionNotAllowed)]
    assert len(wins) == 1 and len(conflicts) == 1, outcomes
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.state == wins[0]
    assert stored.events.count() == 3  # submit, receive and exactly one of the two
