from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run a benchmark and print its figures. Available: deadlines (ratio against its baseline); dossiers "
        "(lookup, inbox, detail, intake and the machine's floor against the current database, with PASS/FAIL "
        "per target; fill it first with `chinhquyenso generate dossiers --count 1000000`)."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("name", choices=["deadlines", "dossiers"])
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--baseline-cases", type=int, default=20_000)
        parser.add_argument("--repeats", type=int, default=3)
        parser.add_argument("--samples", type=int, default=500, help="dossiers: requests per figure.")
        parser.add_argument("--intakes", type=int, default=200, help="dossiers: intakes to time.")

    def handle(self, *args, **options):
        # Benchmarks live with the code they measure; imported lazily so other commands stay fast.
        if options["name"] == "dossiers":
            from chinhquyenso.dossiers.benchmark import BenchmarkSetupError, report, run

            try:
                result = run(samples=max(1, options["samples"]), intakes=max(1, options["intakes"]))
            except BenchmarkSetupError as error:
                raise CommandError(str(error)) from None
            self.stdout.write("\n".join(report(result)))
            return
        from chinhquyenso.workcal.benchmark import report, run

        result = run(options["cases"], options["baseline_cases"], repeats=options["repeats"])
        self.stdout.write("\n".join(report(result)))
