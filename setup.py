"""Build hook: compiles the deadline hot path, ``workcal/daytables.py``, to C with mypyc when it can.

Everything else is declared in pyproject.toml. The extension is optional: without a C compiler or the Python
headers the build warns and the same module runs as pure Python (``chinhquyenso.workcal.daytables`` says
which in ``IMPLEMENTATION``).
"""

from setuptools import setup

try:
    from mypyc.build import mypycify
except ImportError:  # mypy is a build requirement; a build without it stays pure Python
    ext_modules = []
else:
    ext_modules = mypycify(["src/chinhquyenso/workcal/daytables.py"], opt_level="3")
    for extension in ext_modules:
        extension.optional = True

setup(ext_modules=ext_modules)
