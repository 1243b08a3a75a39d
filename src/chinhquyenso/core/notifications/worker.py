"""The in-process sender: after a commit the new rows are handed to one daemon thread, which sends them and
sends again, after the back-off, those that failed for a reason that may pass. The request never waits for it
and never sees its errors. Rows this thread does not get to (the process stopped, a back-off longer than
``CQS_NOTIFY_WORKER_MAX_WAIT_SECONDS``) stay pending for ``chinhquyenso notify deliver``.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time

from django.conf import settings
from django.db import connection, transaction

log = logging.getLogger(__name__)


class _Worker:
    def __init__(self):
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int]] = []  # (monotonic due time, notification id)
        self._busy = False
        self._thread: threading.Thread | None = None

    def submit(self, notification_id: int, *, delay: float = 0.0) -> None:
        with self._lock:
            heapq.heappush(self._heap, (time.monotonic() + delay, notification_id))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="cqs-notify", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Waits until nothing is due now and nothing is being sent (tests). False on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._busy or (self._heap and self._heap[0][0] <= time.monotonic()):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(min(remaining, 0.05))
        return True

    def _next(self) -> int:
        with self._lock:
            while True:
                wait = self._heap[0][0] - time.monotonic() if self._heap else None
                if wait is not None and wait <= 0:
                    self._busy = True
                    return heapq.heappop(self._heap)[1]
                self._busy = False
                self._lock.notify_all()
                # Nothing due: give the database connection back rather than hold it while waiting.
                self._lock.release()
                try:
                    connection.close()
                finally:
                    self._lock.acquire()
                if self._heap and self._heap[0][0] - time.monotonic() <= 0:
                    continue
                self._lock.wait(None if not self._heap else self._heap[0][0] - time.monotonic())

    def _run(self) -> None:
        from chinhquyenso.core.notifications.delivery import notification_deliver

        while True:
            notification_id = self._next()
            try:
                notification = notification_deliver(notification_id)
            except Exception:  # noqa: BLE001 - the thread must survive a database hiccup; the row stays pending
                log.exception("notification %s: delivery crashed; left for `notify deliver`", notification_id)
                connection.close()
                continue
            if notification is not None and notification.status == "pending":
                wait = (notification.next_attempt_at - notification.updated_at).total_seconds()
                if wait <= settings.NOTIFY_WORKER_MAX_WAIT_SECONDS:
                    self.submit(notification_id, delay=max(wait, 0.0))


_worker = _Worker()


def notification_hand_off(notification) -> None:
    """Queues the row for the background sender once the current transaction commits (nothing on rollback).
    The id is read at commit: a row written in a batch has it only once the batch ran."""
    if settings.NOTIFY_DELIVERY != "thread":
        return
    transaction.on_commit(lambda: _worker.submit(notification.pk))


def notifications_wait_idle(timeout: float = 10.0) -> bool:
    """For tests: waits until the background sender has sent everything due now."""
    return _worker.wait_idle(timeout)
