from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import ApplicationError
from chinhquyenso.payments.services import payment_expire_stale


class Command(BaseCommand):
    help = "Online payments: `reconcile` asks the gateway about every order past its time and expires the dead ones."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["reconcile"])
        parser.add_argument("--limit", type=int, default=500, help="look at most at N orders in this run")

    def handle(self, *args, **options):
        if options["limit"] < 1:
            raise CommandError(_("--limit must be at least 1."), returncode=2)
        try:
            counts = payment_expire_stale(limit=options["limit"])
        except ApplicationError as error:
            raise CommandError(str(error.message), returncode=1) from None
        self.stdout.write(
            _(
                "Payments reconciled: %(checked)d checked, %(succeeded)d paid, %(failed)d failed, %(expired)d "
                "expired, %(pending)d still pending, %(unreachable)d not answered by the gateway."
            )
            % counts
        )
        if counts["unreachable"]:
            raise CommandError(_("The gateway did not answer for some orders; run again later."), returncode=1)
