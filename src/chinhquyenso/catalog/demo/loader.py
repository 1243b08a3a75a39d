"""Loads the demo catalogue (``procedures.json``) through the import service."""

from __future__ import annotations

import json
from pathlib import Path

DEMO_FILE = Path(__file__).with_name("procedures.json")


def demo_document() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def ensure_demo_catalog():
    from chinhquyenso.catalog.models import Procedure
    from chinhquyenso.catalog.services import catalog_import

    if Procedure.objects.exists():
        return None
    return catalog_import(actor=None, document=demo_document())
