"""DVCQG sync benchmark: payload building, enqueueing and pushing to the fake portal on a loopback port.

.venv/bin/python bench/dvcqg_sync.py [dossiers]

Uses a throwaway SQLite database under a temporary folder unless DATABASE_URL is set (then that database, which it
fills with outbox rows). Each dossier is one snapshot and two process steps.
"""

import os
import sys
import tempfile
import time

os.environ.setdefault("CQS_PROFILE", "dev")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chinhquyenso.conf.settings")
if "DATABASE_URL" not in os.environ and "CQS_DATABASE_URL" not in os.environ:
    os.environ["CQS_VAR_DIR"] = tempfile.mkdtemp(prefix="cqs-bench-dvcqg-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from chinhquyenso.dvcqg.fake_portal import FakeDvcqgPortal  # noqa: E402
from chinhquyenso.dvcqg.payload import dossier_payload  # noqa: E402
from chinhquyenso.dvcqg.services import dvcqg_enqueue_dossier, dvcqg_enqueue_history  # noqa: E402
from chinhquyenso.dvcqg.sync import dvcqg_sync  # noqa: E402

sys.path.insert(0, str(settings.BASE_DIR))
from tests.dvcqg.conftest import make_snapshot, make_step  # noqa: E402


def main(dossiers: int) -> None:
    call_command("migrate", verbosity=0)
    snapshots = [make_snapshot(code=f"BENCH-{n:06d}") for n in range(dossiers)]

    started = time.perf_counter()
    for _ in range(10):
        for snapshot in snapshots:
            dossier_payload(snapshot)
    build = (time.perf_counter() - started) / (10 * dossiers)

    started = time.perf_counter()
    for snapshot in snapshots:
        with transaction.atomic():
            dvcqg_enqueue_dossier(snapshot=snapshot)
            dvcqg_enqueue_history(step=make_step(code=snapshot.code))
            dvcqg_enqueue_history(step=make_step(code=snapshot.code, content="Chuyển xử lý", status=4))
    enqueue = (time.perf_counter() - started) / dossiers

    token = "bench-" + os.urandom(4).hex()
    with FakeDvcqgPortal(token=token) as portal:
        settings.DVCQG_CREATE_URL = portal.create_url
        settings.DVCQG_UPDATE_URL = portal.update_url
        settings.DVCQG_HISTORY_URL = portal.history_url
        settings.DVCQG_TOKEN = token
        started = time.perf_counter()
        summary = dvcqg_sync()
        elapsed = time.perf_counter() - started
        assert summary.sent == 3 * dossiers, summary
        started = time.perf_counter()
        assert dvcqg_sync().processed == 0
        idle = time.perf_counter() - started

    print(f"database: {connection.vendor}, {dossiers} dossiers, {3 * dossiers} outbox items")
    print(f"payload build: {build * 1e6:.0f} µs per dossier")
    print(f"enqueue (one dossier state + two steps, one transaction): {enqueue * 1e3:.2f} ms")
    print(f"sync to the fake portal: {summary.sent / elapsed:.0f} items/s ({elapsed * 1e3 / summary.sent:.2f} ms each)")
    print(f"sync with nothing to send: {idle * 1e3:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
