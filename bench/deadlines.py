"""Deadline engine benchmark; the same as `chinhquyenso bench deadlines`.

.venv/bin/python bench/deadlines.py [cases] [baseline_cases]
"""

import sys

from chinhquyenso.workcal.benchmark import report, run

if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:3]]
    print("\n".join(report(run(*args))))
