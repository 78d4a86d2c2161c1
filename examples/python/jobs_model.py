#!/usr/bin/python3
# jobs_model.py: the list models a "background jobs" panel is made of,
# watched from Python without GTK. The executor is a Gio.ListModel of its
# live futures (a future is added when submitted, removed once done); an
# iteration future's items are a Gio.ListModel that grows in batches; the
# number of jobs is a property to bind. Run with Debian's Python, which
# has PyGObject:
#
#   /usr/bin/python3 examples/python/jobs_model.py
#
# With GTK 4, the same models go straight into views:
#   Gtk.ListView(model=Gtk.NoSelection(model=executor), factory=...)
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import itertools
import time

import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures, GLib, GObject  # noqa: E402


class Label(GObject.Object):
    """Stands for a Gtk.Label: a text property to bind to."""

    text = GObject.Property(type=str, default='')


def checksum(name):
    time.sleep(0.1)
    return sum(name.encode())


def list_files(n):
    for i in range(n):
        if i % 10 == 0:
            time.sleep(0.02)  # a slow directory: items come in batches
        yield f'file-{i:03}.txt'


def compress(progress):
    for step in range(1, 5):
        time.sleep(0.03)
        progress(step / 4, f'block {step} of 4')
    return 'archive.tar.gz'


def main():
    loop = GLib.MainLoop()
    executor = Futures.Executor(max_workers=4)
    rows = []  # the panel's rows, kept in step with the model as a view would
    numbers = itertools.count(1)

    def on_jobs_changed(model, position, removed, added):
        # Emitted inside submit_*() to add the new future, and again once a
        # future is done (before its notify::done) to remove it.
        for name in rows[position:position + removed]:
            print(f'  - {name} (row {position})')
        new = [f'job {next(numbers)} ({type(future).__name__[:-len("Future")].lower()})'
               for future in model[position:position + added]]
        rows[position:position + removed] = new
        for name in new:
            print(f'  + {name} (row {position})')
        print(f'  panel: {", ".join(rows) or "no jobs"}')

    executor.connect('items-changed', on_jobs_changed)

    # A status bar: "N jobs running", bound to the executor's n-futures.
    status = Label()
    executor.bind_property('n-futures', status, 'text', GObject.BindingFlags.SYNC_CREATE,
                           lambda binding, n: f'{n} job{"" if n == 1 else "s"} running')
    status.connect('notify::text', lambda label, pspec: print(f'status: {label.text}'))

    executor.submit_call(checksum, 'futures-glib')
    files = executor.submit_iteration(list_files, 50)
    archive = executor.submit_progress(compress)

    # The items model: ask for it right after submitting to get every item.
    items = files.get_items()

    def on_files_changed(model, position, removed, added):
        first, last = model[position].props.string, model[position + added - 1].props.string
        print(f'  files: +{added} ({first if added == 1 else first + " ... " + last}), '
              f'{len(model)} in all')

    items.connect('items-changed', on_files_changed)
    archive.connect('notify::text', lambda future, pspec: print(
        f'  compress: {future.props.fraction:.0%} {future.props.text}'))

    def on_last_job(model, position, removed, added):
        if len(model) == 0:
            executor.shutdown_async(None, lambda e, result: loop.quit())

    executor.connect('items-changed', on_last_job)
    loop.run()
    print(f'done: {len(items)} files listed, result {archive.get_result()!r}, '
          f'executor {executor.props.state.value_nick}')


if __name__ == '__main__':
    main()
