from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Insert bulk synthetic data for benchmarks and demos. Available: dossiers (see `generate_dossiers --help`: "
        "no audit rows, no DVCQG outbox items), documents."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", choices=["dossiers", "documents"])
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument("--agencies", nargs="+", metavar="IDENTIFIER", help="dossiers: receiving agencies.")
        parser.add_argument("--days", type=int, default=730, help="dossiers: spread over this many days.")
        parser.add_argument("--batch", type=int, default=20_000, help="dossiers: rows per transaction.")

    def handle(self, *args, **options):
        if options["count"] < 1:
            raise CommandError("--count must be at least 1")
        if options["name"] == "dossiers":
            extra = {"agencies": options["agencies"]} if options["agencies"] else {}
            call_command(
                "generate_dossiers",
                count=options["count"],
                seed=1 if options["seed"] is None else options["seed"],
                days=options["days"],
                batch=options["batch"],
                verbosity=options["verbosity"],
                stdout=self.stdout,
                **extra,
            )
            return
        # Generators live with their app; imported lazily so other commands stay fast.
        from chinhquyenso.documents.generate import generate_documents

        count = options["count"]

        def progress(done):
            if done % 100_000 == 0 or done == count:
                self.stdout.write(f"  {done:,} / {count:,}")

        seed = 2026 if options["seed"] is None else options["seed"]
        try:
            made = generate_documents(count=count, seed=seed, progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Đã tạo {made['outgoing']:,} văn bản đi và {made['incoming']:,} văn bản đến ở {made['agencies']} cơ quan."
        )
