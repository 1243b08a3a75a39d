from django.core.management.base import BaseCommand

from chinhquyenso.units.loading import load_units


class Command(BaseCommand):
    help = "Load or refresh the administrative units (two-tier and legacy) from the vietnam-provinces package."

    def handle(self, *args, **options):
        result = load_units()
        self.stdout.write(
            f"units: {result.created} created, {result.updated} updated, {result.successions} succession links added"
        )
