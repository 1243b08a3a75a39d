"""Concurrent writers never fork the chain: sequence numbers stay gap-free and links stay valid."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from chinhquyenso.core.models import AuditEvent
from chinhquyenso.core.services.audit import audit_record, audit_verify


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_writers_keep_one_chain():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers itself")

    def write(i):
        try:
            with transaction.atomic():
                audit_record(actor=None, action="test.concurrent", object_id=str(i))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, range(20)))
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 21))
    assert audit_verify() is None
