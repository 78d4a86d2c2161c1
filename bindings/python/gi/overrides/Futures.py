# Futures.py: PyGObject overrides for futures-glib.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Python conveniences on top of the introspected Futures API.

With this module a plain Python callable can be submitted directly:

    executor = Futures.Executor()
    future = executor.submit_call(sum, [1, 2, 3])
    future.connect('notify::done', lambda f, _: print(f.get_result()))

* ``submit_call(fn, *args, **kwargs)``: ``fn``'s return value (any Python
  object) is the future's result; an exception becomes its error, a
  ``GLib.Error`` whose message holds the exception's type, message and
  traceback (a ``GLib.Error`` raised by ``fn`` is kept as it is).
* ``submit_iteration(fn, *args, **kwargs)``: ``fn`` returns an iterable
  (typically it is a generator function); each item is emitted through the
  future's ``item`` signal, and a generator's ``return`` value is the
  result. Cancellation stops the iteration before the next item.
* ``submit_progress(fn, *args, **kwargs)``: ``fn`` is called with an extra
  keyword argument ``progress``, a callable ``progress(fraction,
  text=None)``. Once the future is cancelled, ``progress`` raises
  ``Futures.ProgressCancelled``, which ends the task (CANCELLED).
* ``submit(future_type, fn, *args, **kwargs)``: for task types of your
  own; ``fn`` is called as ``fn(task, *args, **kwargs)`` and talks to its
  future through ``task.send(kind, value)``.

Values cross from the worker as ``GObject.Value``s: booleans, integers
that fit 64 bits, floats, strings, GObjects and GLib.Variants keep their
GLib type (so C code and GTK widgets can use them); anything else travels
as the Python object itself. Everything happens in the executor's main
context except the call of ``fn``, which runs on a worker thread.
"""

import traceback

from gi.repository import GLib, GObject

from ..module import get_introspection_module
from ..overrides import override

Futures = get_introspection_module('Futures')

__all__ = []

#: Error domain of errors made from Python exceptions raised by tasks.
PYTHON_ERROR_DOMAIN = 'futures-python-error-quark'
__all__.append('PYTHON_ERROR_DOMAIN')


class ProgressCancelled(Exception):
    """Raised by a progress reporter once the future was cancelled."""


__all__.append('ProgressCancelled')

_INT64_MIN = -(2 ** 63)
_INT64_MAX = 2 ** 63 - 1


def to_value(obj):
    """Wrap ``obj`` in a ``GObject.Value`` for a task to send or return."""
    if isinstance(obj, GObject.Value):
        return obj
    if isinstance(obj, bool):
        return GObject.Value(GObject.TYPE_BOOLEAN, obj)
    if isinstance(obj, int) and _INT64_MIN <= obj <= _INT64_MAX:
        return GObject.Value(GObject.TYPE_INT64, obj)
    if isinstance(obj, float):
        return GObject.Value(GObject.TYPE_DOUBLE, obj)
    if isinstance(obj, str):
        return GObject.Value(GObject.TYPE_STRING, obj)
    if isinstance(obj, GObject.Object):
        return GObject.Value(obj.__gtype__, obj)
    if isinstance(obj, GLib.Variant):
        return GObject.Value(GObject.TYPE_VARIANT, obj)
    return GObject.Value(GObject.TYPE_PYOBJECT, obj)


__all__.append('to_value')


def error_from_exception(exc):
    """A ``GLib.Error`` describing ``exc``: type, message and traceback."""
    if isinstance(exc, GLib.Error):
        return exc
    # The frames of this module say nothing about the user's code.
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    text = ''.join(traceback.format_exception(type(exc), exc, tb))
    name = type(exc).__qualname__
    module = type(exc).__module__
    if module not in ('builtins', '__main__'):
        name = f'{module}.{name}'
    return GLib.Error(f'{name}: {exc}\n\n{text.rstrip()}', PYTHON_ERROR_DOMAIN, 0)


__all__.append('error_from_exception')


def _finish(task, run):
    """Run ``run()`` and turn its outcome into the task's outcome."""
    try:
        result = run()
    except ProgressCancelled:
        return
    except BaseException as exc:  # noqa: B902 - every failure is the task's
        task.return_error(error_from_exception(exc))
        return
    if result is not None:
        task.return_value(to_value(result))


def _call_runner(fn, args, kwargs):
    def run(task, *_user_data):
        _finish(task, lambda: fn(*args, **kwargs))
    return run


def _iteration_runner(fn, args, kwargs):
    def iterate(task):
        iterator = iter(fn(*args, **kwargs))
        try:
            while not task.is_cancelled():
                try:
                    item = next(iterator)
                except StopIteration as stop:
                    return stop.value
                if not task.yield_value(to_value(item)):
                    break
            return None
        finally:
            close = getattr(iterator, 'close', None)
            if close is not None:
                close()

    def run(task, *_user_data):
        _finish(task, lambda: iterate(task))
    return run


def _progress_runner(fn, args, kwargs):
    def run(task, *_user_data):
        def progress(fraction, text=None):
            if not task.report_progress(float(fraction), text):
                raise ProgressCancelled()
            return True
        _finish(task, lambda: fn(*args, progress=progress, **kwargs))
    return run


def _task_runner(fn, args, kwargs):
    def run(task, *_user_data):
        _finish(task, lambda: fn(task, *args, **kwargs))
    return run


class Executor(Futures.Executor):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Raises GLib.Error for a bad combination (a pool and max-workers).
        self.init(None)

    def submit_call(self, fn, *args, **kwargs):
        """Run ``fn(*args, **kwargs)`` on a worker; returns a CallFuture."""
        return Futures.Executor.submit_call(self, _call_runner(fn, args, kwargs))

    def submit_iteration(self, fn, *args, **kwargs):
        """Iterate ``fn(*args, **kwargs)`` on a worker; returns an IterationFuture."""
        return Futures.Executor.submit_iteration(self, _iteration_runner(fn, args, kwargs))

    def submit_progress(self, fn, *args, **kwargs):
        """Run ``fn(*args, progress=reporter, **kwargs)``; returns a ProgressFuture."""
        return Futures.Executor.submit_progress(self, _progress_runner(fn, args, kwargs))

    def submit(self, future_type, fn, *args, **kwargs):
        """Run ``fn(task, *args, **kwargs)`` for a future of ``future_type``."""
        gtype = getattr(future_type, '__gtype__', future_type)
        return Futures.Executor.submit(self, gtype, _task_runner(fn, args, kwargs))


Executor = override(Executor)
__all__.append('Executor')


class Task(Futures.Task):
    def send(self, kind, value):
        """Send a custom message; ``value`` may be any Python object."""
        return Futures.Task.send(self, kind, to_value(value))

    def yield_value(self, value):
        return Futures.Task.yield_value(self, to_value(value))

    def return_value(self, value):
        Futures.Task.return_value(self, None if value is None else to_value(value))


Task = override(Task)
__all__.append('Task')
