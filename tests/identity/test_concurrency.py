"""Races that matter: two confirmations for one phone number, and a burst of guesses at one code."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from chinhquyenso.core.errors import ApplicationError
from chinhquyenso.identity.contacts import contact_parse
from chinhquyenso.identity.models import OneTimeCode, OtpPurpose
from chinhquyenso.identity.services import accounts
from chinhquyenso.identity.services.otp import otp_check, otp_issue
from tests.identity.conftest import code_sent_for

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except ApplicationError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def signup_challenge(name):
    with transaction.atomic():
        return otp_issue(
            purpose=OtpPurpose.SIGNUP,
            contact=contact_parse("0912345678"),
            pending={"full_name": name, "password_hash": "!"},
        )


def test_two_sign_ups_of_one_phone_confirmed_at_once_make_one_account():
    first, second = signup_challenge("Người thứ nhất"), signup_challenge("Người thứ hai")
    jobs = [
        lambda c=challenge: otp_check(
            token=c.token, code=code_sent_for(c), purpose=OtpPurpose.SIGNUP, on_success=accounts._citizen_create
        )
        for challenge in (first, second)
    ]
    outcomes = run_together(jobs)
    assert sum(isinstance(outcome, ApplicationError) for outcome in outcomes) == 1
    refused = next(outcome for outcome in outcomes if isinstance(outcome, ApplicationError))
    assert refused.code == "already_registered"
    assert get_user_model().objects.filter(citizen_profile__verified_phone="0912345678").count() == 1


def test_a_burst_of_wrong_guesses_counts_every_one_and_stops_at_the_limit():
    challenge = signup_challenge("Nguyễn Văn An")
    wrong = "000000" if code_sent_for(challenge) != "000000" else "111111"
    jobs = [
        lambda: otp_check(token=challenge.token, code=wrong, purpose=OtpPurpose.SIGNUP, on_success=lambda c: c)
        for _ in range(8)
    ]
    outcomes = run_together(jobs)
    codes = sorted(outcome.code for outcome in outcomes)
    assert codes.count("otp_wrong") == 4 and codes.count("otp_attempts_exhausted") == 4
    assert OneTimeCode.objects.get(pk=challenge.pk).attempts == 5
