"""One demo citizen for ``chinhquyenso demo``; its password is the staff demo password. Never use in production.

The FakeVNeID person "Nguyễn Văn An" has the same verified phone number, so signing in through the test identity
provider with that person links to this account.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from chinhquyenso.core.models import AccountKind, User
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.identity.models import CitizenProfile

DEMO_CITIZEN_USERNAME = "congdan.demo"
DEMO_CITIZEN_PHONE = "0912345678"
DEMO_CITIZEN_NAME = "Nguyễn Văn An"


@transaction.atomic
def ensure_demo_citizen(password: str) -> tuple[str, str]:
    """Creates the demo citizen once; returns (log-in phone number, full name)."""
    if not User.objects.filter(username=DEMO_CITIZEN_USERNAME).exists():
        user = User(
            username=DEMO_CITIZEN_USERNAME,
            kind=AccountKind.CITIZEN,
            full_name=DEMO_CITIZEN_NAME,
            phone=DEMO_CITIZEN_PHONE,
            email="nguyenvanan@example.vn",
        )
        user.set_password(password)
        user.save()
        CitizenProfile.objects.create(
            user=user,
            verified_phone=DEMO_CITIZEN_PHONE,
            id_number="038090001234",
            birth_date=date(1990, 5, 12),
            address="Thôn Xuân Lai, xã Thọ Xuân, tỉnh Thanh Hóa",
        )
        audit_record(actor=None, action="demo.account_create", obj=user, summary={"kind": "citizen"})
    return DEMO_CITIZEN_PHONE, DEMO_CITIZEN_NAME
