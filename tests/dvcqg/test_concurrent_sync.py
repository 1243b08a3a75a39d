"""Two sync processes at once never send one item twice (row locks with SKIP LOCKED on PostgreSQL)."""

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from chinhquyenso.dvcqg.fake_portal import CREATE_PATH, HISTORY_PATH, UPDATE_PATH
from chinhquyenso.dvcqg.models import OutboxItem, OutboxStatus
from chinhquyenso.dvcqg.sync import dvcqg_sync
from tests.dvcqg.conftest import TOKEN, enqueue, make_snapshot, make_step


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_every_item_exactly_once_and_in_order_per_dossier(portal):
    assert connection.vendor == "postgresql", "the suite runs on PostgreSQL (scripts/run-tests.sh)"
    codes = [f"000.00.15.H38-260302-{n:04d}" for n in range(1, 21)]
    for code in codes:
        enqueue(make_snapshot(code=code), make_step(code=code), make_step(code=code, content="Chuyển xử lý", status=4))
    portal.latency = 0.01  # keep both runs busy at the same time
    summaries, errors = [], []
    start = threading.Barrier(3)

    def run():
        try:
            start.wait()
            summaries.append(dvcqg_sync())
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(s.sent for s in summaries) == 60
    assert sum(s.updated + s.retried + s.failed for s in summaries) == 0
    assert all(s.processed > 0 for s in summaries), "every run took part of the work"
    for code in codes:
        assert portal.calls(CREATE_PATH, code) == 1
        assert portal.calls(HISTORY_PATH, code) == 2
        assert [s["NoiDungXuLy"] for s in portal.history[code]] == ["Tiếp nhận hồ sơ", "Chuyển xử lý"]
    assert portal.calls(UPDATE_PATH) == 0
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}


@pytest.mark.django_db(transaction=True)
def test_two_sync_commands_in_separate_processes_never_send_an_item_twice(portal):
    codes = [f"000.00.15.H38-260303-{n:04d}" for n in range(1, 16)]
    for code in codes:
        enqueue(make_snapshot(code=code), make_step(code=code))
    portal.latency = 0.02
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("CQS_") and k != "DATABASE_URL"}
    env.update(
        CQS_PROFILE="test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        CQS_DVCQG_CREATE_URL=portal.create_url,
        CQS_DVCQG_UPDATE_URL=portal.update_url,
        CQS_DVCQG_HISTORY_URL=portal.history_url,
        CQS_DVCQG_TOKEN=TOKEN,
    )
    cli = str(Path(sys.executable).with_name("chinhquyenso"))
    runs = [
        subprocess.Popen([cli, "sync", "dvcqg"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    sent = [int(re.search(r"đã gửi (\d+)", out).group(1)) for out, _ in outputs]
    assert sum(sent) == 30
    for code in codes:
        assert portal.calls(CREATE_PATH, code) == 1
        assert portal.calls(HISTORY_PATH, code) == 1
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
