from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from chinhquyenso.core.errors import ApplicationError


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


class Command(BaseCommand):
    help = (
        "Generate N realistic synthetic dossiers for volume tests and demos (run as `generate dossiers`): over the "
        "last two years across the demo agencies and procedures, every state, 1–6 history events each, codes "
        "and daily counters consistent with real intake, due times from the working calendar. Loads the demo "
        "data first if missing. Writes in bulk (COPY on PostgreSQL) and bypasses the services on purpose: NO "
        "audit rows and NO DVCQG outbox items are written for generated dossiers. Run it while nobody is taking "
        "in dossiers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="How many dossiers (default 10000).")
        parser.add_argument(
            "--agencies", nargs="+", metavar="IDENTIFIER", help="Receiving agencies (default: every demo agency)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--days", type=int, default=730, help="Spread over this many days up to today.")
        parser.add_argument("--batch", type=int, default=20_000, help="Dossiers per transaction.")

    def handle(self, *args, **options):
        from chinhquyenso.dossiers.volume.generate import generate_dossiers

        self._load_demo()
        count = options["count"]
        self.stdout.write(f"Generating {count:,} dossiers …")

        def progress(report):
            self.stdout.write(
                f"  {report.done:>10,} / {report.total:,} dossiers  {report.rate:>8,.0f}/s  "
                f"ETA {_duration(report.eta_seconds)}"
            )

        try:
            report = generate_dossiers(
                count=count,
                agencies=options["agencies"],
                seed=options["seed"],
                days=options["days"],
                batch_size=max(1, options["batch"]),
                on_progress=progress if options["verbosity"] else None,
            )
        except ApplicationError as error:
            details = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in error.fields.items())
            raise CommandError(f"{error.message} {details}".strip()) from None
        self.stdout.write(
            f"Done: {report.done:,} dossiers, {report.events:,} events, {report.components:,} components "
            f"from {report.first_day} to {report.last_day} in {_duration(report.seconds)} "
            f"({report.rate:,.0f} dossiers/s)."
        )
        for state, n in report.states.most_common():
            self.stdout.write(f"  {state:<20} {n:>10,}  {100 * n / report.done:5.1f}%")
        for identifier, n in sorted(report.per_agency.items()):
            self.stdout.write(f"  {identifier:<20} {n:>10,}")

    def _load_demo(self):
        from chinhquyenso.catalog.demo.loader import ensure_demo_catalog
        from chinhquyenso.core.demo.accounts import ensure_demo_accounts
        from chinhquyenso.units.demo import ensure_demo_agencies

        with transaction.atomic():
            ensure_demo_accounts(ensure_demo_agencies())
            ensure_demo_catalog()
