#!/usr/bin/python3
# executor.py: Python callables on worker threads, watched from a GLib main
# loop. Run with Debian's Python, which has PyGObject:
#
#   /usr/bin/python3 examples/python/executor.py
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import threading
import time

import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures, GLib  # noqa: E402

MAIN = threading.get_ident()


def where():
    return 'main' if threading.get_ident() == MAIN else 'worker'


def word_lengths(words):
    """A plain function: its return value becomes the result."""
    time.sleep(0.1)
    return {word: len(word) for word in words}


def squares(n):
    """A generator: each value arrives through the 'item' signal."""
    for i in range(n):
        time.sleep(0.02)
        yield i * i
    return f'{n} squares'


def download(progress):
    """Reports progress; progress() raises once the future is cancelled."""
    for step in range(1, 11):
        time.sleep(0.05)
        progress(step / 10, f'chunk {step}')
    return 'complete'


def broken():
    raise ValueError('this task fails on purpose')


def main():
    loop = GLib.MainLoop()
    executor = Futures.Executor(max_workers=4)
    pending = set()

    def on_done(future, _pspec, name):
        if future.props.state == Futures.FutureState.COMPLETED:
            print(f'{where()}: {name}: {future.get_result()!r}')
        elif future.props.state == Futures.FutureState.FAILED:
            print(f'{where()}: {name} failed: {future.dup_error().message.splitlines()[0]}')
        else:
            print(f'{where()}: {name}: {future.props.state.value_nick}')
        pending.discard(future)
        if not pending:
            loop.quit()

    def watch(future, name):
        pending.add(future)
        future.connect('notify::done', on_done, name)
        return future

    watch(executor.submit_call(word_lengths, ['futures', 'glib']), 'word_lengths')
    squares_future = watch(executor.submit_iteration(squares, 5), 'squares')
    squares_future.connect('item', lambda f, item: print(f'{where()}: squares: item {item}'))
    download_future = watch(executor.submit_progress(download), 'download')

    def on_progress(future, fraction, text):
        print(f'{where()}: download: {fraction:.0%} {text}')
        if fraction >= 0.5:
            future.cancel()

    download_future.connect('progress', on_progress)
    watch(executor.submit_call(broken), 'broken')

    loop.run()
    executor.shutdown(10000)
    print(f'{where()}: executor {executor.props.state.value_nick}')


if __name__ == '__main__':
    main()
