from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a benchmark and print its figures. Available: deadlines, signing."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("name", choices=["deadlines", "signing"])
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--baseline-cases", type=int, default=20_000)
        parser.add_argument("--repeats", type=int, default=3)
        parser.add_argument("--runs", type=int, default=20, help="signing: timed runs per figure")

    def handle(self, *args, **options):
        if options["name"] == "signing":
            from chinhquyenso.signing import benchmark

            self.stdout.write("\n".join(benchmark.report(benchmark.run(options["runs"]))))
            return
        # Benchmarks live with the code they measure; imported lazily so other commands stay fast.
        from chinhquyenso.workcal.benchmark import report, run

        result = run(options["cases"], options["baseline_cases"], repeats=options["repeats"])
        self.stdout.write("\n".join(report(result)))
