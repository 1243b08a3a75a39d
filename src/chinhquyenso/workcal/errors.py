"""Errors of the working-calendar engine; all are ``ValueError`` so callers can treat them as bad input."""


class WorkcalError(ValueError):
    """Base of every error the working-calendar engine raises."""


class CalendarRangeError(WorkcalError):
    """An instant, or a deadline computed from it, falls outside the years the calendar covers."""


class InvalidLimit(WorkcalError):
    """A processing-time limit the engine cannot count: negative, not a number, or not of the unit's grain."""


class UnknownLimitUnit(InvalidLimit):
    pass


class InvalidCutoff(InvalidLimit):
    """A same-day cut-off that is not a naive time, or is after the end of the working day."""
