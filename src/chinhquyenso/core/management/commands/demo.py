from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD, ensure_demo_accounts
from chinhquyenso.units.demo import ensure_demo_agencies


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo log-ins."

    def handle(self, *args, **options):
        translation.activate("vi")
        # Apps add their demo data through their own loaders; core only orders them.
        from chinhquyenso.catalog.demo.loader import ensure_demo_catalog
        from chinhquyenso.documents.demo.loader import ensure_demo_documents
        from chinhquyenso.identity.demo import ensure_demo_citizen

        with transaction.atomic():
            agencies = ensure_demo_agencies()
            accounts = ensure_demo_accounts(agencies)
            ensure_demo_catalog()
            ensure_demo_documents(agencies)
            citizen_phone, citizen_name = ensure_demo_citizen(DEMO_PASSWORD)
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, agency in accounts:
            self.stdout.write(f"  {username:<15} {role} — {agency}")
        self.stdout.write("Công dân demo (đăng nhập tại /tai-khoan/dang-nhap/, cùng mật khẩu; hoặc VNeID thử nghiệm):")
        self.stdout.write(f"  {citizen_phone:<15} {citizen_name}")
