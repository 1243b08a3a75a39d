from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chinhquyenso.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Development PKI. `pki init [--dir DIR]` creates (only what is missing) a test CA, a time-stamping "
        "authority and the demo officials' and agencies' certificates, keys in PKCS#12 with CQS_PKI_PASSWORD."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["init"])
        parser.add_argument("--dir", dest="directory", help="Folder of the PKI (default: CQS_PKI_DIR)")

    def handle(self, *args, **options):
        from chinhquyenso.signing.pki import pki_init

        directory = Path(options["directory"] or settings.PKI_DIR)
        try:
            entries = pki_init(directory, settings.PKI_PASSWORD or "")
        except ApplicationError as error:
            raise CommandError(str(error.message), returncode=2) from None
        for entry in entries:
            state = "created" if entry.created else "kept"
            self.stdout.write(f"{state:<8} {entry.kind:<7} {entry.ref:<16} {entry.subject}")
        self.stdout.write(f"trust root: {directory / 'ca.pem'}  (for development and tests only)")
