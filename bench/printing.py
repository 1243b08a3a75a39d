"""Printed-forms benchmark; the same as `chinhquyenso printing bench`.

.venv/bin/python bench/printing.py [repeats]
"""

import os
import sys

import django

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chinhquyenso.conf.settings")
    os.environ.setdefault("CQS_PROFILE", "dev")
    django.setup()
    from chinhquyenso.printing.benchmark import report, run

    print("\n".join(report(run(*[int(arg) for arg in sys.argv[1:2]]))))
