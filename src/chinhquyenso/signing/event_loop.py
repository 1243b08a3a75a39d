"""pyHanko's synchronous API calls ``asyncio.run()``, which refuses to run where an event loop is already running
in the thread (an async view, Playwright's sync API in a test worker). There the call goes to a worker thread."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from django.utils import translation


def outside_event_loop(function, /, *args, **kwargs):
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    language = translation.get_language()  # the active language is per thread: carry it over

    def call():
        with translation.override(language):
            return function(*args, **kwargs)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyhanko") as pool:
        return pool.submit(call).result()
