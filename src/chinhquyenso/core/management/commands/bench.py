from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a benchmark and print its figure with the ratio against its baseline. Available: deadlines, documents."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("name", choices=["deadlines", "documents"])
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--baseline-cases", type=int, default=20_000)
        parser.add_argument("--repeats", type=int, default=3)
        parser.add_argument("--queries", type=int, default=200, help="documents: queries of each kind")

    def handle(self, *args, **options):
        if options["name"] == "documents":
            from chinhquyenso.documents.benchmark import report as documents_report
            from chinhquyenso.documents.benchmark import run as documents_run

            self.stdout.write("\n".join(documents_report(documents_run(repeats=options["queries"]))))
            return
        # Benchmarks live with the code they measure; imported lazily so other commands stay fast.
        from chinhquyenso.workcal.benchmark import report, run

        result = run(options["cases"], options["baseline_cases"], repeats=options["repeats"])
        self.stdout.write("\n".join(report(result)))
