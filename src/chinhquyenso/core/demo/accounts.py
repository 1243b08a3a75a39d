"""One demo account per role. The password is printed by ``chinhquyenso demo``; never use it in production."""

from __future__ import annotations

from django.db import transaction

from chinhquyenso.core.models import AccountKind, Role, RoleAssignment, User
from chinhquyenso.core.services.audit import audit_record

DEMO_PASSWORD = "ChinhQuyenSo@2026"  # noqa: S105 - demo data, printed to the operator on purpose

# (username, full name, role, agency identifier)
DEMO_ACCOUNTS = [
    ("motcua", "Nguyễn Thị Hoa", Role.ONE_STOP_OFFICER, "000.01.27.H56"),
    ("chuyenvien", "Lê Văn Hùng", Role.SPECIALIST, "000.01.27.H56"),
    ("lanhdao", "Trịnh Đình Thắng", Role.UNIT_LEADER, "000.01.27.H56"),
    ("vanthu", "Phạm Thị Lan", Role.CLERK, "000.01.27.H56"),
    ("baocao", "Hoàng Văn Đức", Role.REPORTING_OFFICER, "000.01.27.H56"),
    ("quantri", "Đỗ Thị Ngọc", Role.AGENCY_ADMIN, "000.01.27.H56"),
    ("motcua.lamson", "Lê Thị Thu", Role.ONE_STOP_OFFICER, "000.02.27.H56"),
    ("vanthu.lamson", "Nguyễn Thị Mai", Role.CLERK, "000.02.27.H56"),
    ("chuyenvien.lamson", "Đỗ Văn Nam", Role.SPECIALIST, "000.02.27.H56"),
    ("lanhdao.lamson", "Lê Văn Minh", Role.UNIT_LEADER, "000.02.27.H56"),
    ("admin", "Quản trị hệ thống", Role.SYSTEM_ADMIN, "000.00.00.H56"),
]


@transaction.atomic
def ensure_demo_accounts(agencies) -> list[tuple[str, str, str]]:
    shown = []
    for username, full_name, role, identifier in DEMO_ACCOUNTS:
        agency = agencies[identifier]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, kind=AccountKind.STAFF, agency=agency)
            user.set_password(DEMO_PASSWORD)
            user.save()
            RoleAssignment.objects.create(user=user, role=role, agency=agency)
            audit_record(actor=None, action="demo.account_create", obj=user, summary={"role": role})
        shown.append((username, Role(role).label, agency.name))
    return shown
