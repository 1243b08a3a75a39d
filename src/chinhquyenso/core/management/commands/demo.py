from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD, ensure_demo_accounts
from chinhquyenso.core.errors import ApplicationError
from chinhquyenso.units.demo import ensure_demo_agencies


class Command(BaseCommand):
    help = "Load the demo data (idempotent), make the development PKI if missing, and print the demo log-ins."

    def handle(self, *args, **options):
        translation.activate("vi")
        # Apps add their demo data through their own loaders; core only orders them.
        from chinhquyenso.catalog.demo.loader import ensure_demo_catalog
        from chinhquyenso.documents.demo.loader import ensure_demo_documents
        from chinhquyenso.identity.demo import ensure_demo_citizen
        from chinhquyenso.signing.pki import pki_init

        # The demo officials sign out of the box: their keys, the agencies' seals, the CA and the TSA
        # (only what is missing is created).
        signing = True
        try:
            created = sum(entry.created for entry in pki_init(settings.PKI_DIR, settings.PKI_PASSWORD or ""))
        except ApplicationError as error:
            signing = False
            self.stderr.write(f"Chữ ký số demo chưa sẵn sàng: {error.message}")
        else:
            self.stdout.write(f"PKI thử nghiệm: {settings.PKI_DIR} ({created} khóa mới)")
        with transaction.atomic():
            agencies = ensure_demo_agencies()
            accounts = ensure_demo_accounts(agencies)
            ensure_demo_catalog()
            ensure_demo_documents(agencies, signing=signing)
            citizen_phone, citizen_name = ensure_demo_citizen(DEMO_PASSWORD)
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role, agency in accounts:
            self.stdout.write(f"  {username:<18} {role} — {agency}")
        self.stdout.write("Công dân demo (đăng nhập tại /tai-khoan/dang-nhap/, cùng mật khẩu; hoặc VNeID thử nghiệm):")
        self.stdout.write(f"  {citizen_phone:<18} {citizen_name}")
