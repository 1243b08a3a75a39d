"""Bulk generation keeps the registers consistent, and the benchmark runs on what it made."""

from io import StringIO

import pytest
from django.core.management import call_command

from chinhquyenso.documents.models import DocumentRegister, IncomingDocument, OutgoingDocument
from tests.documents.flows import numbered

pytestmark = pytest.mark.django_db


def test_generated_documents_leave_numbering_consistent(staff, tho_xuan, types):
    out = StringIO()
    call_command("generate", "documents", "--count", "300", stdout=out)
    assert "văn bản đi" in out.getvalue()
    assert OutgoingDocument.objects.count() + IncomingDocument.objects.count() == 300
    for register in DocumentRegister.objects.all():
        numbers = sorted(
            list(register.outgoing.values_list("sequence", flat=True))
            + list(register.incoming.values_list("arrival_number", flat=True))
        )
        assert numbers == list(range(1, len(numbers) + 1))
        assert register.last_number == len(numbers)
    document = numbered(staff, tho_xuan, types).document
    assert document.sequence == document.register.last_number  # continues after the generated ones
    assert OutgoingDocument.objects.filter(register=document.register, sequence=document.sequence).count() == 1


def test_the_benchmark_prints_its_figures(demo):
    call_command("generate", "documents", "--count", "200", stdout=StringIO())
    out = StringIO()
    call_command("bench", "documents", "--queries", "10", "--runs", "2", stdout=out)
    text = out.getvalue()
    assert "sign   p50:" in text and "verify p50:" in text and "placing the signature" in text
    assert "register listing (first 50): p50" in text
    assert "full-text search (both registers): p50" in text
