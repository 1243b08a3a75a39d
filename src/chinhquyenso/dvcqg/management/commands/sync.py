from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chinhquyenso.conf.env import ConfigurationError
from chinhquyenso.dvcqg.config import dvcqg_config
from chinhquyenso.dvcqg.services import dvcqg_requeue_failed
from chinhquyenso.dvcqg.sync import PortalRefusedToken, SyncSummary, dvcqg_sync


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = "Push pending dossier states and process steps to the national public-service portal (DVCQG)."

    def add_arguments(self, parser):
        parser.add_argument("target", choices=["dvcqg"], help="the system to synchronise with")
        parser.add_argument("--limit", type=_positive, default=None, help="send at most N items in this run")
        parser.add_argument(
            "--retry-failed", action="store_true", help="first put failed items back in the queue (not superseded ones)"
        )

    def _summary(self, summary: SyncSummary) -> None:
        self.stdout.write(
            _("DVCQG sync: %(sent)d sent, %(updated)d updated, %(retried)d to retry later, %(failed)d failed.")
            % summary.as_dict()
        )
        for failure in summary.failures:
            self.stdout.write(
                _("  failed: dossier %(code)s (item %(id)d): %(error)s")
                % {"code": failure.dossier_code, "id": failure.item_id, "error": failure.error}
            )

    def handle(self, *args, **options):
        try:
            config = dvcqg_config()  # before anything changes: a bad setting stops the run cleanly
            if options["retry_failed"]:
                count = dvcqg_requeue_failed(actor=None)
                self.stdout.write(_("%(count)d failed items put back in the queue.") % {"count": count})
            summary = dvcqg_sync(limit=options["limit"], config=config)
        except ConfigurationError as error:
            raise CommandError(str(error), returncode=2) from None
        except PortalRefusedToken as refused:
            self._summary(refused.summary)
            raise CommandError(
                _("The portal refused the token (%(answer)s); nothing more was sent. Check CQS_DVCQG_TOKEN.")
                % {"answer": refused.answer.describe()},
                returncode=1,
            ) from None
        self._summary(summary)
