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
  future through ``task.send(kind, value)``. ``future_type`` is a
  subclass of ``Futures.Future`` (Python or C) or its GType; any other
  type, or the abstract ``Futures.Future`` itself, raises ``TypeError``
  (as it does for ``submit_named()``).

Values cross from the worker as ``GObject.Value``s: booleans, integers
that fit 64 bits, floats, strings, GObjects and GLib.Variants keep their
GLib type (so C code and GTK widgets can use them); anything else travels
as the Python object itself. Everything happens in the executor's main
context except the call of ``fn``, which runs on a worker thread.

Named tasks, and worker processes
---------------------------------

A function registered by name runs on threads or in worker processes
(``Futures.ProcessContext``) alike:

    def count_primes(limit):                  # any module-level function
        return sum(1 for n in range(2, limit) if is_prime(n))

    Futures.register_task('count-primes', count_primes)
    if Futures.process_worker_main():         # in a worker process: done
        sys.exit(0)

    context = Futures.ProcessContext(argv=[sys.executable, __file__])
    executor = Futures.Executor(context=context, max_workers=4)
    future = executor.submit_named(Futures.CallFuture, 'count-primes', 100000)

* ``register_task(name, fn)``: the task calls ``fn(*args)``, ``args``
  being the submitted arguments (see below). A generator function's items
  are yielded (use an IterationFuture; the iteration stops before the next
  item once the future is cancelled) and its ``return`` value is the
  result. If ``fn`` has a parameter ``progress``, it is passed the same
  reporter as ``submit_progress`` gives (a ProgressFuture shows the
  reports; it raises ``ProgressCancelled`` once cancelled). Return value
  and exceptions become the result and error as with ``submit_call``.
* ``Executor.submit_named(future_type, name, *args)``: ``future_type`` is a
  future class (``Futures.CallFuture``...) or GType; ``*args`` become one
  tuple ``GLib.Variant`` by ``to_variant()``, or a single ``GLib.Variant``
  argument is passed as it is. The task gets back ``from_variant()`` of
  the arguments: a tuple is spread over ``fn``'s parameters, any other
  value is its one argument, no arguments (or ``None``) none.

What crosses a process boundary is a GVariant, so results and items of
named tasks are converted by ``to_wire_value()``: ``bool``, ``int``
(int64, else uint64), ``float``, ``str``, ``bytes`` (a ``GLib.Bytes``),
a list of ``str`` only (a strv, back as a list) and ``GLib.Variant`` keep
a plain GLib type, and the main process gets them back as the same Python
values (``bytes`` as a ``GLib.Bytes``: use ``get_data()``; the
``Future.get_result()`` override copies it, as PyGObject would otherwise
hand out a borrowed one that dangles once the future is gone); a ``dict``,
``tuple`` or other ``list`` is sent as a ``GLib.Variant`` built by
``to_variant()`` and comes back as that ``GLib.Variant``: call
``Futures.from_variant(result)`` (or ``result.unpack()``) on it. A value
none of this covers (``None`` inside a container, an arbitrary object,
an integer beyond 64 bits) travels as the Python object on threads, and
in a worker process fails the task with ``Futures.Error.NOT_SERIALIZABLE``
naming its GType (``PyObject``): the library's error for a result, the
same error raised by the override for an item (the library only logs a
warning and drops a refused item).

``to_variant(obj)`` is the one rule from Python values to GVariants:

    ====================  ==========================================
    ``GLib.Variant``      itself
    ``bool``              ``b``
    ``int``               ``x`` (int64), else ``t`` (uint64)
    ``float``             ``d``
    ``str``               ``s``
    ``bytes``             ``ay``
    ``tuple``             ``(...)`` of its members' types
    ``list``              ``aT`` if every item converts to the same type
                          ``T``, else ``av``; ``[]`` is ``av``
    ``dict``              ``a{KV}``: ``K`` the one basic type of all keys
                          (``s``, ``x``, ``b``...), ``V`` the one type of
                          all values, else ``v``; ``{}`` is ``a{sv}``
    ``None``, the rest    ``TypeError``
    ====================  ==========================================

``from_variant(variant)`` is its inverse: like ``GLib.Variant.unpack()``
but ``ay`` becomes ``bytes`` and nested variants are unpacked too.
"""

import inspect
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
_UINT64_MAX = 2 ** 64 - 1
_FUTURES_ERROR_DOMAIN = GLib.quark_to_string(Futures.error_quark())


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
    try:
        message = str(exc)
    except Exception:  # noqa: B902 - a broken __str__ must not lose the failure
        # The words the traceback module uses for the same case.
        message = '<exception str() failed>'
    return GLib.Error(f'{name}: {message}\n\n{text.rstrip()}', PYTHON_ERROR_DOMAIN, 0)


__all__.append('error_from_exception')


def _variant_items(items):
    """The variants of ``items`` and their one type string, or None."""
    variants = [to_variant(item) for item in items]
    types = {variant.get_type_string() for variant in variants}
    return variants, (types.pop() if len(types) == 1 else None)


def to_variant(obj):
    """A ``GLib.Variant`` for ``obj``, by the rule in the module's doc.

    Raises ``TypeError`` for a value the rule does not cover.
    """
    if isinstance(obj, GLib.Variant):
        return obj
    if isinstance(obj, bool):
        return GLib.Variant('b', obj)
    if isinstance(obj, int):
        if _INT64_MIN <= obj <= _INT64_MAX:
            return GLib.Variant('x', obj)
        if 0 <= obj <= _UINT64_MAX:
            return GLib.Variant('t', obj)
        raise TypeError(f'the integer {obj} does not fit 64 bits')
    if isinstance(obj, float):
        return GLib.Variant('d', obj)
    if isinstance(obj, str):
        return GLib.Variant('s', obj)
    if isinstance(obj, (bytes, bytearray)):
        return GLib.Variant.new_from_bytes(GLib.VariantType('ay'), GLib.Bytes.new(bytes(obj)), True)
    if isinstance(obj, tuple):
        return GLib.Variant.new_tuple(*[to_variant(item) for item in obj])
    if isinstance(obj, list):
        variants, item_type = _variant_items(obj)
        if item_type is None:
            return GLib.Variant.new_array(GLib.VariantType('v'),
                                          [GLib.Variant.new_variant(v) for v in variants])
        return GLib.Variant.new_array(GLib.VariantType(item_type), variants)
    if isinstance(obj, dict):
        if not obj:
            return GLib.Variant('a{sv}', {})
        keys, key_type = _variant_items(obj.keys())
        if key_type is None or not GLib.VariantType(key_type).is_basic():
            raise TypeError('the keys of a dict must all have the same basic type, '
                            f'not {", ".join(sorted({type(k).__name__ for k in obj}))}')
        values, value_type = _variant_items(obj.values())
        if value_type is None:
            value_type = 'v'
            values = [GLib.Variant.new_variant(v) for v in values]
        entries = [GLib.Variant.new_dict_entry(k, v) for k, v in zip(keys, values)]
        return GLib.Variant.new_array(GLib.VariantType('{%s%s}' % (key_type, value_type)),
                                      entries)
    raise TypeError(f'a value of type {type(obj).__name__} has no GVariant form')


__all__.append('to_variant')


def from_variant(variant):
    """The Python value of ``variant``: the inverse of ``to_variant()``."""
    if variant is None:
        return None
    type_string = variant.get_type_string()
    if type_string == 'ay':
        return bytes(variant.get_data_as_bytes().get_data())
    if type_string == 'v':
        return from_variant(variant.get_variant())
    if type_string.startswith('m'):
        inner = variant.get_maybe()
        return None if inner is None else from_variant(inner)
    if type_string.startswith('('):
        return tuple(from_variant(variant.get_child_value(i))
                     for i in range(variant.n_children()))
    if type_string.startswith('a{'):
        entries = (variant.get_child_value(i) for i in range(variant.n_children()))
        return {from_variant(e.get_child_value(0)): from_variant(e.get_child_value(1))
                for e in entries}
    if type_string.startswith('a'):
        return [from_variant(variant.get_child_value(i)) for i in range(variant.n_children())]
    return variant.unpack()


__all__.append('from_variant')


def to_wire_value(obj):
    """Wrap ``obj`` in a ``GObject.Value`` that can cross to another process.

    See the module's doc; a value with no such form is wrapped by
    ``to_value()``, and the library refuses it with NOT_SERIALIZABLE.
    """
    if isinstance(obj, (GObject.Value, bool, float, str, GLib.Variant)):
        return to_value(obj)
    if isinstance(obj, int):
        if _INT64_MAX < obj <= _UINT64_MAX:
            return GObject.Value(GObject.TYPE_UINT64, obj)
        return to_value(obj)
    if isinstance(obj, (bytes, bytearray)):
        return GObject.Value(GLib.Bytes.__gtype__, GLib.Bytes.new(bytes(obj)))
    if isinstance(obj, list) and all(isinstance(item, str) for item in obj):
        return GObject.Value(GObject.TYPE_STRV, obj)
    if isinstance(obj, (list, tuple, dict)):
        try:
            return GObject.Value(GObject.TYPE_VARIANT, to_variant(obj))
        except TypeError:
            pass
    return to_value(obj)


__all__.append('to_wire_value')


def _finish(task, run, convert=to_value):
    """Run ``run()`` and turn its outcome into the task's outcome."""
    try:
        result = run()
        # Converting can fail too (a str that is not valid UTF-8): that is
        # the task's failure, not a silent empty result.
        value = None if result is None else convert(result)
    except ProgressCancelled:
        return
    except BaseException as exc:  # noqa: B902 - every failure is the task's
        task.return_error(error_from_exception(exc))
        return
    if value is not None:
        task.return_value(value)


def _iterate(task, iterable, convert=to_value, strict=False):
    """Yield the items of ``iterable`` until cancelled; its return value.

    ``strict``: an item the library refuses (it cannot cross to another
    process) fails the task; yield_value() returns False then just as for
    a cancellation, with a warning logged.
    """
    iterator = iter(iterable)
    try:
        while not task.is_cancelled():
            try:
                item = next(iterator)
            except StopIteration as stop:
                return stop.value
            value = convert(item)
            # Hold the item no longer than the library needs it: kept until
            # the producer has made the next one (which may take long), this
            # would often be its last reference, released on this thread
            # instead of the main context's copy there.
            del item
            if not task.yield_value(value):
                if strict and not task.is_cancelled():
                    raise GLib.Error(f'A value of type {value.g_type.name} cannot be sent to '
                                     'another process (an item was refused)',
                                     _FUTURES_ERROR_DOMAIN, Futures.Error.NOT_SERIALIZABLE)
                break
            del value
        return None
    finally:
        close = getattr(iterator, 'close', None)
        if close is not None:
            close()


def _progress_reporter(task):
    """``progress(fraction, text=None)``, raising once cancelled."""
    def progress(fraction, text=None):
        if not task.report_progress(float(fraction), text):
            raise ProgressCancelled()
        return True
    return progress


def _call_runner(fn, args, kwargs):
    def run(task, *_user_data):
        _finish(task, lambda: fn(*args, **kwargs))
    return run


def _iteration_runner(fn, args, kwargs):
    def run(task, *_user_data):
        _finish(task, lambda: _iterate(task, fn(*args, **kwargs)))
    return run


def _progress_runner(fn, args, kwargs):
    def run(task, *_user_data):
        _finish(task, lambda: fn(*args, progress=_progress_reporter(task), **kwargs))
    return run


def _task_runner(fn, args, kwargs):
    def run(task, *_user_data):
        _finish(task, lambda: fn(task, *args, **kwargs))
    return run


class Future(Futures.Future):
    def get_result(self):
        """The result: a Python value, see ``to_value()``.

        PyGObject wraps a boxed value (e.g. a ``GLib.Bytes``) inside the
        returned ``const GValue *`` without taking a reference, so that it
        would dangle once the future is gone: this returns a copy.
        """
        result = Futures.Future.get_result(self)
        if isinstance(result, GObject.GBoxed):
            result = GObject.Value(result.__gtype__, result).get_value()
        return result


Future = override(Future)
__all__.append('Future')


def _future_gtype(future_type):
    """The GType of ``future_type``, a future class or GType.

    Raises ``TypeError`` for one that is not a concrete Futures.Future type:
    the C function would only log a critical and return None.
    """
    gtype = getattr(future_type, '__gtype__', future_type)
    if (not isinstance(gtype, GObject.GType) or not gtype.is_a(Futures.Future.__gtype__) or
            gtype.is_abstract()):
        raise TypeError(f'{future_type!r} is not a future type (a subclass of Futures.Future '
                        'that is not abstract)')
    return gtype


class Executor(Futures.Executor):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Raises GLib.Error for a bad combination (a pool and max-workers).
        self.init(None)

    def __bool__(self):
        # An executor is a Gio.ListModel of its live futures, which gives it
        # len() and iteration; without this, one with no futures would be
        # false, and "if executor:" would mean something surprising.
        return True

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
        gtype = _future_gtype(future_type)
        return Futures.Executor.submit(self, gtype, _task_runner(fn, args, kwargs))

    def submit_named(self, future_type, name, *args):
        """Submit the task registered as ``name`` with ``args``.

        ``args`` become one tuple GLib.Variant (``to_variant()``); a single
        GLib.Variant is passed as it is, no arguments (or a single None,
        as the C API takes it) as None. A value with no GVariant form
        raises ``GLib.Error`` NOT_SERIALIZABLE.
        """
        gtype = _future_gtype(future_type)
        if len(args) == 1 and isinstance(args[0], GLib.Variant):
            arguments = args[0]
        elif not args or args == (None,):  # None: no arguments, as in C
            arguments = None
        else:
            try:
                arguments = to_variant(args)
            except TypeError as exc:
                raise GLib.Error(f'The arguments of “{name}” cannot be sent to another '
                                 f'process: {exc}', _FUTURES_ERROR_DOMAIN,
                                 Futures.Error.NOT_SERIALIZABLE) from exc
        return Futures.Executor.submit_named(self, gtype, name, arguments)


Executor = override(Executor)
__all__.append('Executor')


def _takes_progress(fn):
    try:
        parameter = inspect.signature(fn).parameters.get('progress')
    except (TypeError, ValueError):  # no signature (some builtins)
        return False
    return parameter is not None and parameter.kind in (
        inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def _task_arguments(task):
    """The positional arguments of a named task, from its GVariant."""
    arguments = task.get_arguments()
    if arguments is None:
        return ()
    value = from_variant(arguments)
    return value if arguments.get_type_string().startswith('(') else (value,)


def register_task(name, fn):
    """Register the Python function ``fn`` as the named task ``name``.

    See the module's doc: ``fn(*args)`` runs (with ``progress=reporter`` if
    it has such a parameter); a generator function's items are yielded;
    the result, items and errors are converted for crossing to another
    process (``to_wire_value()``, ``error_from_exception()``).
    """
    generator = inspect.isgeneratorfunction(fn)
    progress = _takes_progress(fn)

    def call(task):
        args = _task_arguments(task)
        kwargs = {'progress': _progress_reporter(task)} if progress else {}
        if generator:
            return _iterate(task, fn(*args, **kwargs), to_wire_value, strict=True)
        return fn(*args, **kwargs)

    def run(task, *_user_data):
        _finish(task, lambda: call(task), to_wire_value)

    Futures.register_task(name, run)


__all__.append('register_task')


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
