"""Working calendar and deadline engine for administrative procedures (pure Python, no database).

The hot path, ``daytables``, is compiled by mypyc when the package is built (``make``; see ``setup.py``). The
plain-Python source of the same module runs instead when there is no compiled build, when the build is older
than the source (edited since the last ``make``), or when ``CQS_WORKCAL_PURE=1`` (the test run checks both).
``chinhquyenso.workcal.daytables.IMPLEMENTATION`` says which one is in use.
"""

import os
import sys
import warnings
from importlib.machinery import SourceFileLoader
from importlib.util import find_spec, module_from_spec, spec_from_loader
from pathlib import Path


def _load_daytables_source(reason: str | None) -> None:
    name = f"{__name__}.daytables"
    source = Path(__file__).with_name("daytables.py")
    if reason:
        warnings.warn(f"{reason}: using the pure-Python {source.name}; run `make` to rebuild", stacklevel=3)
    loader = SourceFileLoader(name, str(source))
    spec = spec_from_loader(name, loader)
    assert spec is not None  # noqa: S101 - a SourceFileLoader always gives a spec
    module = module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)


def _choose_daytables() -> None:
    spec = find_spec(f"{__name__}.daytables")
    if spec is None or spec.origin is None or spec.origin.endswith(".py"):
        return  # no compiled build: the source is what Python imports anyway
    built = Path(spec.origin)
    if os.environ.get("CQS_WORKCAL_PURE") == "1":
        _load_daytables_source(None)
    elif built.stat().st_mtime < built.with_name("daytables.py").stat().st_mtime:
        _load_daytables_source(f"{built.name} is older than daytables.py")


_choose_daytables()
