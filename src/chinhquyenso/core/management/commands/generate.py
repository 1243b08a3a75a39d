from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Insert bulk test data for benchmarks. Available: documents."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=["documents"])
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if options["count"] < 1:
            raise CommandError("--count must be at least 1")
        # Generators live with their app; imported lazily so other commands stay fast.
        from chinhquyenso.documents.generate import generate_documents

        def progress(done):
            if done % 100_000 == 0 or done == options["count"]:
                self.stdout.write(f"  {done:,} / {options['count']:,}")

        try:
            made = generate_documents(count=options["count"], seed=options["seed"], progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Đã tạo {made['outgoing']:,} văn bản đi và {made['incoming']:,} văn bản đến ở {made['agencies']} cơ quan."
        )
