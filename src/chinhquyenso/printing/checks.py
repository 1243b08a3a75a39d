"""Start-up check: WeasyPrint needs Pango from the operating system, which a minimal Debian lacks."""

from __future__ import annotations

import ctypes

from django.core.checks import Warning as CheckWarning
from django.core.checks import register

# The libraries WeasyPrint opens (Debian 12 packages libpango-1.0-0 and libpangoft2-1.0-0).
PANGO_LIBRARIES = ("libpango-1.0.so.0", "libpangoft2-1.0.so.0")


@register()
def pango_present(app_configs, **kwargs):
    missing = []
    for name in PANGO_LIBRARIES:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    if not missing:
        return []
    return [
        CheckWarning(
            f"PDF forms cannot be printed: {', '.join(missing)} not found.",
            hint="On Debian or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0",
            id="printing.W001",
        )
    ]
