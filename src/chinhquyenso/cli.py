"""The ``chinhquyenso`` command: Django's manage.py plus the platform's own sub-commands."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chinhquyenso.conf.settings")
    from django.core.management import execute_from_command_line

    from chinhquyenso.conf.env import ConfigurationError

    try:
        execute_from_command_line(argv if argv is not None else sys.argv)
    except ConfigurationError as error:
        sys.stderr.write(f"configuration error: {error}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
