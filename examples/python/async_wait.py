#!/usr/bin/python3
# async_wait.py: wait for futures without blocking the main loop, with
# callbacks: Future.wait_async/wait_finish and
# Executor.shutdown_async/shutdown_finish. Run with Debian's Python, which
# has PyGObject:
#
#   /usr/bin/python3 examples/python/async_wait.py
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import time

import gi
gi.require_version('Futures', '1.0')
gi.require_version('Gio', '2.0')
from gi.repository import Futures, Gio, GLib  # noqa: E402

PAGES = {
    'index.html': 'Welcome',
    'news.html': 'Nothing new today',
    'missing.html': None,
    'huge.html': 'x' * 100000,
}


def fetch(name):
    """Runs on a worker thread: its return value is the result."""
    time.sleep(0.05)
    if PAGES[name] is None:
        raise FileNotFoundError(f'no page {name}')
    return PAGES[name]


def index_site(progress):
    """A long job: it stops once cancelled, when progress() raises."""
    step = 0
    while True:
        step += 1
        progress(min(step / 1000, 1.0), f'page {step}')
        time.sleep(0.01)


def main():
    loop = GLib.MainLoop()
    executor = Futures.Executor(max_workers=3)
    waiting = set()

    def on_fetched(future, result, name):
        # wait_finish() returns True once the future COMPLETED, and raises
        # the task's own error if it FAILED, or G_IO_ERROR_CANCELLED.
        try:
            future.wait_finish(result)
            print(f'{name}: {len(future.get_result())} characters')
        except GLib.Error as error:
            if error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED):
                print(f'{name}: cancelled')
            else:
                print(f'{name}: failed: {error.message.splitlines()[0]}')
        waiting.discard(name)
        if not waiting:
            print('every page is in; shutting down')
            executor.shutdown_async(None, on_stopped)

    def on_stopped(executor, result):
        executor.shutdown_finish(result)
        print(f'executor {executor.props.state.value_nick}; '
              f'the indexer ended {indexer.props.state.value_nick}')
        loop.quit()

    # Waiting can be given up without stopping the job: the wait's own
    # cancellable only ends the wait. shutdown_async() cancels the job.
    indexer = executor.submit_progress(index_site)
    give_up = Gio.Cancellable()

    def on_indexed(future, result):
        try:
            future.wait_finish(result)
        except GLib.Error as error:
            print(f'stopped waiting for the indexer ({error.message}); '
                  f'it is still {future.props.state.value_nick}')

    indexer.wait_async(give_up, on_indexed)
    GLib.timeout_add(20, lambda: give_up.cancel() or GLib.SOURCE_REMOVE)

    for name in PAGES:
        future = executor.submit_call(fetch, name)
        waiting.add(name)
        future.wait_async(None, on_fetched, name)
        if name == 'huge.html':
            future.cancel()  # changed our mind: its wait fails with CANCELLED

    loop.run()


if __name__ == '__main__':
    main()
