import time

from django.core.management.base import BaseCommand

from chinhquyenso.core.notifications.delivery import notifications_deliver


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = (
        "Notifications to citizens. `notify deliver` sends the pending messages that are due (safe to run in "
        "several processes); `--loop` keeps doing so every --interval seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["deliver"])
        parser.add_argument("--limit", type=_positive, default=None, help="send at most N messages per run")
        parser.add_argument("--loop", action="store_true", help="run until stopped (Ctrl+C or SIGTERM)")
        parser.add_argument("--interval", type=_positive, default=5, help="seconds between runs with --loop")

    def _run(self, limit) -> int:
        summary = notifications_deliver(limit=limit)
        if summary.processed or not self._looping:
            counts = summary.as_dict()
            self.stdout.write(
                f"notify deliver: {counts['sent']} sent, {counts['retried']} to retry later, {counts['failed']} failed."
            )
        return summary.processed

    def handle(self, *args, **options):
        self._looping = options["loop"]
        if not self._looping:
            self._run(options["limit"])
            return
        try:
            while True:
                processed = self._run(options["limit"])
                if options["limit"] is None or processed < options["limit"]:
                    time.sleep(options["interval"])  # else a full batch: more may be waiting, go again at once
        except KeyboardInterrupt:
            return
