from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chinhquyenso.identity.fake_vneid_server import FakeVNeIDServer


class Command(BaseCommand):
    help = "Citizen accounts: run the FAKE VNeID identity provider for local testing (`identity fake-vneid`)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        fake = commands.add_parser("fake-vneid", help="serve FakeVNeID (a test OpenID Connect provider) on a port")
        fake.add_argument("--host", default="127.0.0.1")
        fake.add_argument("--port", type=int, default=8766)
        fake.add_argument(
            "--redirect-uri",
            default=None,
            help="the platform's callback; default CQS_VNEID_REDIRECT_URI or http://127.0.0.1:8000/tai-khoan/vneid/callback/",
        )

    def handle(self, *args, **options):
        if settings.PROFILE == "production":
            raise CommandError("FakeVNeID is a test provider and does not run in the production profile.", returncode=2)
        redirect_uri = (
            options["redirect_uri"] or settings.VNEID_REDIRECT_URI or "http://127.0.0.1:8000/tai-khoan/vneid/callback/"
        )
        server = FakeVNeIDServer(host=options["host"], port=options["port"])
        server.provider.register_client(settings.VNEID_CLIENT_ID, settings.VNEID_CLIENT_SECRET, redirect_uri)
        self.stdout.write(f"FakeVNeID (MÔI TRƯỜNG THỬ NGHIỆM) tại {server.issuer}")
        self.stdout.write(f"  client_id {settings.VNEID_CLIENT_ID} → {redirect_uri}")
        self.stdout.write(f"  Cho nền tảng: CQS_VNEID_ISSUER={server.issuer} CQS_VNEID_REDIRECT_URI={redirect_uri}")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
