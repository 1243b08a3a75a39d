from django.core.management.base import BaseCommand, CommandError

from chinhquyenso.core.services.audit import audit_verify


class Command(BaseCommand):
    help = "Audit log tools. `audit verify` checks the hash chain and prints OK or the first broken row."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        broken = audit_verify()
        if broken is None:
            self.stdout.write("OK")
            return
        self.stdout.write(f"BROKEN at row #{broken.seq}: {broken.reason}")
        raise CommandError("audit chain is broken", returncode=1)
