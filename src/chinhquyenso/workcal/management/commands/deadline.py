from django.core.management.base import BaseCommand, CommandError

from chinhquyenso.core.errors import ApplicationError
from chinhquyenso.workcal.calendar import WorkcalError
from chinhquyenso.workcal.engine import DEFAULT_SAME_DAY_CUTOFF
from chinhquyenso.workcal.parsing import (
    format_local_minutes,
    parse_cutoff,
    parse_limit,
    parse_received,
    parse_unit,
)
from chinhquyenso.workcal.presentation import engine_error
from chinhquyenso.workcal.selectors import deadline_explain


class Command(BaseCommand):
    requires_system_checks = []  # a quick query command; the checks would triple its start-up time
    help = "Print the due time (local, minutes) of a case received at a given time with a given limit."

    def add_arguments(self, parser):
        parser.add_argument("--received", required=True, help="receipt time, e.g. 2026-02-13T10:00 (local)")
        parser.add_argument("--limit", required=True, help="the time limit, e.g. 3 or 0.5")
        parser.add_argument("--unit", required=True, help="working-days, working-hours, calendar-days or same-day")
        parser.add_argument("--agency", type=int, default=None, help="use this agency's calendar (id)")
        parser.add_argument("--cutoff", default=None, help="same-day cut-off, default 15:00")
        parser.add_argument("--explain", action="store_true", help="also list the days off skipped")

    def handle(self, *args, **options):
        try:
            received = parse_received(options["received"])
            limit = parse_limit(options["limit"])
            unit = parse_unit(options["unit"])
            cutoff = parse_cutoff(options["cutoff"]) or DEFAULT_SAME_DAY_CUTOFF
            explanation, version = deadline_explain(
                agency_id=options["agency"], received=received, limit=limit, unit=unit, same_day_cutoff=cutoff
            )
        except WorkcalError as error:
            _field, message = engine_error(error, limit=limit, unit=unit)
            raise CommandError(message, returncode=2) from None
        except (ValueError, ApplicationError) as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(format_local_minutes(explanation.due))
        if options["explain"]:
            self.stdout.write(f"calendar {version}; counted from {format_local_minutes(explanation.start)}")
            for day in explanation.skipped:
                self.stdout.write(f"  {day.date.isoformat()}  {day.reason}")
