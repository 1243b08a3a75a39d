from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation


class Command(BaseCommand):
    help = "Official documents: 'remind' lists (or with --send, sends) deadline reminders on incoming documents."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="Reminders before and after the deadlines of incoming documents.")
        remind.add_argument("--send", action="store_true", help="Send them (once a day each); default: only list.")
        remind.add_argument("--days-before", type=int, default=1, help="Working days ahead that count as 'soon'.")
        remind.add_argument("--at", help="ISO date-time to evaluate at (default: now).")

    def handle(self, *args, **options):
        translation.activate("vi")
        from chinhquyenso.documents.reminders import reminders_due, reminders_send

        at = None
        if options.get("at"):
            try:
                at = datetime.fromisoformat(options["at"])
            except ValueError:
                raise CommandError(f"--at: not an ISO date-time: {options['at']}") from None
            if at.tzinfo is None:
                from django.utils import timezone

                at = timezone.make_aware(at)
        if options["days_before"] < 0:
            raise CommandError("--days-before must be 0 or more")
        if options["send"]:
            items = reminders_send(at=at, before_working_days=options["days_before"])
            self.stdout.write(f"Đã gửi {len(items)} nhắc việc.")
        else:
            items = reminders_due(at=at, before_working_days=options["days_before"])
            self.stdout.write(f"{len(items)} nhắc việc đến hạn gửi.")
        for item in items:
            marker = "TRƯỚC HẠN" if item.kind == "before" else "QUÁ HẠN"
            self.stdout.write(f"  [{marker}] {item.line}")
