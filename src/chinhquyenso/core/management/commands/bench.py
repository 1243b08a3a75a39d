from django.core.management.base import BaseCommand, CommandError

BENCHMARKS = ["deadlines", "dossiers", "documents", "signing"]


class Command(BaseCommand):
    help = (
        "Run a benchmark and print its figures with their targets. Available: deadlines (ratio against its "
        "baseline); dossiers (lookup, inbox, detail, intake and the machine's floor against the current database; "
        "fill it first with `chinhquyenso generate dossiers --count 1000000`); documents (register listing and "
        "full-text search; fill it with `chinhquyenso generate documents`; plus sign and verify one PDF); signing "
        "(sign and verify one PDF)."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("name", choices=BENCHMARKS)
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--baseline-cases", type=int, default=20_000)
        parser.add_argument("--repeats", type=int, default=3)
        parser.add_argument("--samples", type=int, default=500, help="dossiers: requests per figure.")
        parser.add_argument("--intakes", type=int, default=200, help="dossiers: intakes to time.")
        parser.add_argument("--runs", type=int, default=20, help="signing, documents: timed runs per figure")
        parser.add_argument("--queries", type=int, default=200, help="documents: queries of each kind")

    def handle(self, *args, **options):
        # Benchmarks live with the code they measure; imported lazily so other commands stay fast.
        name = options["name"]
        if name == "dossiers":
            from chinhquyenso.dossiers.benchmark import BenchmarkSetupError, report, run

            try:
                lines = report(run(samples=max(1, options["samples"]), intakes=max(1, options["intakes"])))
            except BenchmarkSetupError as error:
                raise CommandError(str(error)) from None
        elif name == "signing":
            from chinhquyenso.signing import benchmark

            lines = benchmark.report(benchmark.run(options["runs"]))
        elif name == "documents":
            from chinhquyenso.documents import benchmark

            lines = benchmark.report(benchmark.run(repeats=options["queries"], signing_runs=max(1, options["runs"])))
        else:
            from chinhquyenso.workcal import benchmark

            lines = benchmark.report(
                benchmark.run(options["cases"], options["baseline_cases"], repeats=options["repeats"])
            )
        self.stdout.write("\n".join(lines))
