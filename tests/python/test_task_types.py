#!/usr/bin/python3
# test_task_types.py: every task type from Python (calls, iterations,
# progress, future types of one's own, named tasks on threads): values,
# exceptions, cancellation, and which thread everything happens on.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import gc
import itertools
import json
import threading
import unittest

import gi
gi.require_version('Futures', '1.0')
gi.require_version('Gio', '2.0')
from gi.repository import Futures, Gio, GLib, GObject  # noqa: E402

import taprunner  # noqa: E402
from testutil import (MAIN_THREAD, ExecutorTestCase, Gate, SignalLog, State,  # noqa: E402
                      AsyncOutcome, run_until, wait_done)


class Payload:
    """An arbitrary Python object; records the thread it is released on."""

    released_on = []

    def __init__(self, data=None):
        self.data = data

    def __eq__(self, other):
        return isinstance(other, Payload) and other.data == self.data

    def __del__(self):
        Payload.released_on.append((self.data, threading.get_ident()))


def error_message(future):
    return future.dup_error().message


def assert_cancel_stops_endless(case, future):
    """Cancels ``future``, an endless count, once it yielded a few items."""
    items = []
    future.connect('item', lambda f, value: items.append(value))
    run_until(lambda: len(items) >= 3)
    case.assertTrue(future.cancel())
    seen_at_cancel = len(items)
    wait_done(future)
    case.assertEqual(future.props.state, State.CANCELLED)
    # Nothing is delivered once cancel() returned.
    case.assertEqual(items, list(range(seen_at_cancel)))


# ---------------------------------------------------------------------
# Calls
# ---------------------------------------------------------------------

class TestCall(ExecutorTestCase):
    def test_results_of_many_python_types(self):
        shared = [1, [2, 3]]
        cases = {
            'int': 42,
            'negative': -7,
            'int64 max': 2 ** 63 - 1,
            'int64 min': -(2 ** 63),
            'beyond 64 bits': 2 ** 200,
            'float': 0.1,
            'infinity': float('inf'),
            'bool': False,
            'str': 'naïve ☕',
            'empty str': '',
            'bytes': b'\x00\xff',
            'bytearray': bytearray(b'ab'),
            'tuple': (1, 'two', None),
            'list': shared,
            'dict': {'k': {'nested': [1.5]}},
            'set': frozenset({1, 2}),
            'complex': 1 + 2j,
            'variant': GLib.Variant('a{sv}', {'x': GLib.Variant('i', 1)}),
            'gobject': Gio.SimpleAction.new('act', None),
            'boxed': GLib.Bytes.new(b'boxed'),
            'payload': Payload('p'),
        }
        futures = {name: self.executor.submit_call(lambda v=value: v)
                   for name, value in cases.items()}
        wait_done(*futures.values())
        for name, expected in cases.items():
            future = futures[name]
            self.assertEqual(future.props.state, State.COMPLETED, name)
            result = future.get_result()
            self.assertEqual(type(result), type(expected), name)
            if isinstance(expected, GLib.Bytes):
                self.assertEqual(result.get_data(), expected.get_data())
            else:
                self.assertEqual(result, expected, name)
        # Python objects cross threads as themselves, not as copies.
        self.assertIs(futures['list'].get_result(), shared)
        self.assertIs(futures['gobject'].get_result(), cases['gobject'])

    def test_none_result_and_no_return(self):
        def nothing():
            pass

        future = self.executor.submit_call(nothing)
        wait_done(future)
        self.assertEqual(future.props.state, State.COMPLETED)
        self.assertIsNone(future.get_result())

    def test_arguments_positional_and_keyword(self):
        def describe(a, b, *rest, sep='-', **extra):
            return sep.join([str(a), str(b), *map(str, rest), *sorted(extra)])

        future = self.executor.submit_call(describe, 1, 2, 3, sep='+', z=0, y=0)
        wait_done(future)
        self.assertEqual(future.get_result(), '1+2+3+y+z')

    def test_exception_message_and_traceback(self):
        def outer():
            inner()

        def inner():
            raise ValueError('café ☕ went cold')

        future = self.executor.submit_call(outer)
        wait_done(future)
        self.assertEqual(future.props.state, State.FAILED)
        error = future.dup_error()
        self.assertEqual(error.domain, Futures.PYTHON_ERROR_DOMAIN)
        self.assertEqual(error.code, 0)
        first, blank, *trace = error.message.splitlines()
        self.assertEqual(first, 'ValueError: café ☕ went cold')
        self.assertEqual(blank, '')
        self.assertEqual(trace[0], 'Traceback (most recent call last):')
        self.assertEqual(trace[-1], 'ValueError: café ☕ went cold')
        text = '\n'.join(trace)
        self.assertLess(text.index('in outer'), text.index('in inner'))
        # The override's own frames say nothing about the user's code.
        self.assertNotIn('overrides/Futures.py', text)

    def test_exception_of_a_module_is_qualified(self):
        future = self.executor.submit_call(json.loads, '{')
        wait_done(future)
        self.assertTrue(error_message(future).startswith('json.decoder.JSONDecodeError: '),
                        error_message(future))

    def test_exception_cause_is_in_the_traceback(self):
        def fail():
            try:
                {}['key']
            except KeyError as exc:
                raise RuntimeError('lookup failed') from exc

        future = self.executor.submit_call(fail)
        wait_done(future)
        message = error_message(future)
        self.assertTrue(message.startswith('RuntimeError: lookup failed'), message)
        self.assertIn("KeyError: 'key'", message)
        self.assertIn('direct cause of the following exception', message)

    def test_base_exceptions_fail_the_task(self):
        def leave():
            raise SystemExit(3)

        def interrupt():
            raise KeyboardInterrupt()

        futures = [self.executor.submit_call(fn) for fn in (leave, interrupt)]
        wait_done(*futures)
        self.assertEqual([f.props.state for f in futures], [State.FAILED] * 2)
        self.assertEqual([error_message(f).splitlines()[0] for f in futures],
                         ['SystemExit: 3', 'KeyboardInterrupt: '])

    def test_error_of_a_gio_call_is_kept(self):
        missing = GLib.build_filenamev([GLib.get_tmp_dir(), 'futures-glib-no-such-file'])
        future = self.executor.submit_call(
            lambda: Gio.File.new_for_path(missing).load_contents(None))
        wait_done(future)
        error = future.dup_error()
        self.assertTrue(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND),
                        f'{error.domain}:{error.code}')
        self.assertIn('futures-glib-no-such-file', error.message)

    def test_errors_are_copies(self):
        future = self.executor.submit_call(lambda: 1 / 0)
        wait_done(future)
        first, second = future.dup_error(), future.dup_error()
        self.assertIsNot(first, second)
        self.assertEqual(first.message, second.message)
        self.assertTrue(first.message.startswith('ZeroDivisionError: '))


# ---------------------------------------------------------------------
# Iterations
# ---------------------------------------------------------------------

class TestIteration(ExecutorTestCase):
    max_workers = 1

    def collect(self, future):
        items = []
        future.connect('item', lambda f, value: items.append(value))
        return items

    def test_every_item_in_order(self):
        def produce(n):
            for i in range(n):
                yield (i, str(i)) if i % 2 else i
            return n

        future = self.executor.submit_iteration(produce, 2000)
        items = self.collect(future)
        wait_done(future)
        self.assertEqual(items, [(i, str(i)) if i % 2 else i for i in range(2000)])
        self.assertEqual(future.get_n_items(), 2000)
        self.assertEqual(future.get_result(), 2000)

    def test_iterables_of_every_kind(self):
        class Countdown:
            def __init__(self, n):
                self.n = n

            def __iter__(self):
                return self

            def __next__(self):
                if self.n == 0:
                    raise StopIteration
                self.n -= 1
                return self.n

        cases = [
            (lambda: ('a', 'b'), ['a', 'b']),
            (lambda: range(3), [0, 1, 2]),
            (lambda: {'x': 1, 'y': 2}, ['x', 'y']),
            (lambda: Countdown(3), [2, 1, 0]),
            (lambda: map(str.upper, 'ab'), ['A', 'B']),
            (lambda: iter(()), []),
        ]
        futures = [self.executor.submit_iteration(fn) for fn, _ in cases]
        collected = [self.collect(future) for future in futures]
        wait_done(*futures)
        for future, items, (_, expected) in zip(futures, collected, cases):
            self.assertEqual(future.props.state, State.COMPLETED)
            self.assertEqual(items, expected)
            self.assertEqual(future.get_n_items(), len(expected))
            self.assertIsNone(future.get_result())

    def test_exception_midway_keeps_earlier_items(self):
        def produce():
            yield 'first'
            yield 'second'
            raise LookupError('no third')

        future = self.executor.submit_iteration(produce)
        items = self.collect(future)
        wait_done(future)
        self.assertEqual(future.props.state, State.FAILED)
        self.assertEqual(items, ['first', 'second'])
        self.assertEqual(future.get_n_items(), 2)
        self.assertTrue(error_message(future).startswith('LookupError: no third'))
        self.assertIn('in produce', error_message(future))

    def test_exception_before_iterating(self):
        def not_even_started():
            raise PermissionError('refused')

        failing = self.executor.submit_iteration(not_even_started)
        not_iterable = self.executor.submit_iteration(lambda: 42)
        wait_done(failing, not_iterable)
        self.assertTrue(error_message(failing).startswith('PermissionError: refused'))
        self.assertTrue(error_message(not_iterable).startswith(
            "TypeError: 'int' object is not iterable"))

    def test_items_on_their_way_are_dropped_by_cancel(self):
        sent = Gate()
        resume = self.gate()
        produced = []
        closed = Gate()

        def produce():
            try:
                for i in itertools.count():
                    produced.append(i)
                    yield i
                    if i == 4:
                        sent.set()
                        resume.wait()
            finally:
                closed.set()

        future = self.executor.submit_iteration(produce)
        items = self.collect(future)
        # Five items are queued while the main context does not run.
        sent.wait()
        self.assertTrue(future.cancel())
        resume.set()
        wait_done(future)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(items, [])
        self.assertEqual(future.get_n_items(), 0)
        # The producer was making a sixth item when cancelled (dropped), and
        # stopped there, closed.
        self.assertEqual(produced, [0, 1, 2, 3, 4, 5])
        self.assertTrue(closed.is_set())

    def test_endless_generator_stops_once_cancelled(self):
        assert_cancel_stops_endless(self, self.executor.submit_iteration(itertools.count))


# ---------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------

class TestProgress(ExecutorTestCase):
    max_workers = 1

    def test_latest_wins_while_the_main_context_is_busy(self):
        reported = Gate()

        def work(progress):
            for i in range(1, 10001):
                progress(i / 10000, f'report {i}')
            reported.set()
            return 'finished'

        future = self.executor.submit_progress(work)
        log = SignalLog(future, 'progress', 'notify::fraction', 'notify::text')
        # 10,000 reports made while nothing is delivered...
        reported.wait()
        wait_done(future)
        # ...reach the main context as one, the last.
        self.assertEqual(log.of('progress'), [(1.0, 'report 10000')])
        self.assertEqual(log.of('notify::fraction'), [1.0])
        self.assertEqual(log.of('notify::text'), ['report 10000'])
        self.assertEqual((future.props.fraction, future.props.text), (1.0, 'report 10000'))
        self.assertEqual(future.get_result(), 'finished')

    def test_every_report_arrives_when_the_main_context_keeps_up(self):
        steps = [(0.0, 'start'), (0.25, None), (0.25, 'same fraction'), (1.0, 'end')]
        future = self.submit_progress_in_step(steps)
        log = SignalLog(future, 'progress', 'notify::fraction', 'notify::text')
        wait_done(future)
        self.assertEqual(log.of('progress'), steps)
        # notify only where the value changed (0.0 is the initial fraction).
        self.assertEqual(log.of('notify::fraction'), [0.25, 1.0])
        self.assertEqual(log.of('notify::text'), ['start', None, 'same fraction', 'end'])

    def test_fraction_is_clamped(self):
        future = self.submit_progress_in_step([(-3, 'below'), (7.5, 'above')])
        log = SignalLog(future, 'progress')
        wait_done(future)
        self.assertEqual(log.of('progress'), [(0.0, 'below'), (1.0, 'above')])

    def test_reporter_raises_once_cancelled(self):
        gate = self.gate()
        caught = []

        def work(progress):
            progress(0.5, 'half')
            gate.wait()
            try:
                progress(0.75)
            except Futures.ProgressCancelled as exc:
                caught.append(exc)
            return 'ignored'

        future = self.executor.submit_progress(work)
        run_until(lambda: future.props.fraction == 0.5)
        self.assertTrue(future.cancel())
        gate.set()
        wait_done(future)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(len(caught), 1)
        # The last report before the cancel stays.
        self.assertEqual((future.props.fraction, future.props.text), (0.5, 'half'))

    def test_exception_keeps_the_last_report(self):
        reported = self.gate()

        def work(progress):
            progress(0.4, 'almost')
            reported.wait()
            raise OSError('disk full')

        future = self.executor.submit_progress(work)
        future.connect('progress', lambda *args: reported.set())
        wait_done(future)
        self.assertEqual(future.props.state, State.FAILED)
        self.assertTrue(error_message(future).startswith('OSError: disk full'))
        self.assertEqual((future.props.fraction, future.props.text), (0.4, 'almost'))

    def test_arguments_and_progress_keyword(self):
        def work(a, b, progress, scale=1):
            progress(1.0)
            return (a + b) * scale

        future = self.executor.submit_progress(work, 1, 2, scale=10)
        wait_done(future)
        self.assertEqual(future.get_result(), 30)


# ---------------------------------------------------------------------
# Future types of one's own
# ---------------------------------------------------------------------

class JobFuture(Futures.Future):
    """A task type with a bindable property and a signal of its own."""

    __gsignals__ = {
        'line': (GObject.SignalFlags.RUN_LAST, None, (str,)),
    }

    status = GObject.Property(type=str, default='queued',
                              flags=GObject.ParamFlags.READABLE | GObject.ParamFlags.WRITABLE |
                              GObject.ParamFlags.EXPLICIT_NOTIFY)

    def __init__(self):
        super().__init__()
        self.dispatched = []

    def do_dispatch(self, kind, value):
        self.dispatched.append((kind, threading.get_ident()))
        if kind == 'status':
            if value != self.status:
                self.status = value
                self.notify('status')
        elif kind == 'line':
            self.emit('line', value)
        else:
            Futures.Future.do_dispatch(self, kind, value)


class PlainFuture(Futures.Future):
    """A task type that relies on the default message::KIND signal."""


class TestCustomType(ExecutorTestCase):
    def test_dispatch_drives_properties_and_signals(self):
        def work(task, n):
            task.send('status', 'running')
            for i in range(n):
                task.send('line', f'line {i}')
            task.send('status', 'running')  # unchanged: no notify
            task.send('status', 'writing')
            task.send('unknown', {'kept': True})
            return n

        future = self.executor.submit(JobFuture, work, 3)
        self.assertIsInstance(future, JobFuture)
        self.assertEqual(future.status, 'queued')
        log = SignalLog(future, 'notify::status', 'line', 'message::unknown')
        wait_done(future)
        self.assertEqual(log.events, [
            ('notify::status', 'running'),
            ('line', ('line 0',)), ('line', ('line 1',)), ('line', ('line 2',)),
            ('notify::status', 'writing'),
            ('message::unknown', ('unknown', {'kept': True})),
        ])
        self.assertEqual(future.get_result(), 3)
        self.assertEqual({thread for _, thread in future.dispatched}, {MAIN_THREAD})
        self.assertEqual(log.threads, {MAIN_THREAD})

    def test_default_dispatch_emits_detailed_message(self):
        action = Gio.SimpleAction.new('payload', None)

        def work(task):
            task.send('a', 1)
            task.send('b', action)
            task.send('a', GLib.Variant('(sd)', ('x', 0.5)))
            task.send('c', None)

        future = self.executor.submit(PlainFuture, work)
        log = SignalLog(future, 'message', 'message::a')
        wait_done(future)
        variant = GLib.Variant('(sd)', ('x', 0.5))
        self.assertEqual(log.of('message'), [('a', 1), ('b', action), ('a', variant), ('c', None)])
        self.assertEqual(log.of('message::a'), [('a', 1), ('a', variant)])
        self.assertIs(log.of('message')[1][1], action)

    def test_outcomes_set_through_the_task(self):
        def explicit(task):
            task.return_value(['explicit'])

        def by_error(task):
            task.return_error(GLib.Error('refused', 'my-app-error-quark', 7))

        def by_typed_return(task):
            task.return_string('typed')

        futures = [self.executor.submit(PlainFuture, fn) for fn in (explicit, by_error,
                                                                   by_typed_return)]
        wait_done(*futures)
        self.assertEqual(futures[0].get_result(), ['explicit'])
        error = futures[1].dup_error()
        self.assertEqual((error.domain, error.code, error.message),
                         ('my-app-error-quark', 7, 'refused'))
        self.assertEqual(futures[2].get_result(), 'typed')

    def test_messages_on_their_way_are_ignored_once_cancelled(self):
        sent = Gate()
        resume = self.gate()
        after_cancel = []

        def work(task):
            task.send('status', 'running')
            task.send('line', 'queued before the cancel')
            sent.set()
            resume.wait()
            after_cancel.append(task.send('line', 'after the cancel'))
            after_cancel.append(task.is_cancelled())

        future = self.executor.submit(JobFuture, work)
        log = SignalLog(future, 'notify::status', 'line')
        sent.wait()
        self.assertTrue(future.cancel())
        resume.set()
        wait_done(future)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(log.events, [])
        self.assertEqual(after_cancel, [False, True])

    def test_cancellable_is_cancelled_with_the_future(self):
        started = Gate()
        woken = Gate()
        self.gates.append(woken)
        seen = []

        def work(task):
            cancellable = task.get_cancellable()
            # GCancellable.connect() calls back with no arguments.
            cancellable.connect(lambda *args: woken.set())
            started.set()
            woken.wait()
            seen.append(cancellable.is_cancelled())

        future = self.executor.submit(PlainFuture, work)
        started.wait()
        future.cancel()
        wait_done(future)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(seen, [True])


# ---------------------------------------------------------------------
# Named tasks on threads
# ---------------------------------------------------------------------

def named_add(a, b):
    return a + b, threading.get_ident()


def named_words(text):
    for word in text.split():
        yield word
    return len(text)


def named_stages(n, progress):
    for i in range(1, n + 1):
        progress(i / n, f'stage {i}')
    return 'staged'


def named_fail(message):
    raise ArithmeticError(message)


def named_endless():
    yield from itertools.count()


for _fn in (named_add, named_words, named_stages, named_fail, named_endless):
    Futures.register_task('test-task-types-' + _fn.__name__, _fn)


class TestNamedOnThreads(ExecutorTestCase):
    def submit(self, future_type, name, *args):
        return self.executor.submit_named(future_type, 'test-task-types-' + name, *args)

    def test_call(self):
        future = self.submit(Futures.CallFuture, 'named_add', 40, 2)
        wait_done(future)
        self.assertIsInstance(future, Futures.CallFuture)
        result = Futures.from_variant(future.get_result())
        self.assertEqual(result[0], 42)
        self.assertNotEqual(result[1], MAIN_THREAD)

    def test_iteration(self):
        future = self.submit(Futures.IterationFuture, 'named_words', 'one two three')
        items = []
        future.connect('item', lambda f, value: items.append(value))
        wait_done(future)
        self.assertEqual(items, ['one', 'two', 'three'])
        self.assertEqual(future.get_result(), 13)

    def test_progress(self):
        future = self.submit(Futures.ProgressFuture, 'named_stages', 4)
        wait_done(future)
        self.assertEqual((future.props.fraction, future.props.text), (1.0, 'stage 4'))
        self.assertEqual(future.get_result(), 'staged')

    def test_exception(self):
        future = self.submit(Futures.CallFuture, 'named_fail', 'overflow')
        wait_done(future)
        self.assertEqual(future.props.state, State.FAILED)
        self.assertTrue(error_message(future).startswith('ArithmeticError: overflow'))

    def test_cancel_between_items(self):
        assert_cancel_stops_endless(self, self.submit(Futures.IterationFuture, 'named_endless'))

    def test_errors_at_submit(self):
        with self.assertRaises(GLib.Error) as cm:
            self.executor.submit_named(Futures.CallFuture, 'test-task-types-none-such')
        self.assert_error(cm.exception, Futures.Error.NOT_REGISTERED)
        with self.assertRaises(GLib.Error) as cm:
            self.submit(Futures.CallFuture, 'named_add', object(), 1)
        self.assert_error(cm.exception, Futures.Error.NOT_SERIALIZABLE)
        self.assertEqual(len(self.executor), 0)


# ---------------------------------------------------------------------
# The threading rule
# ---------------------------------------------------------------------

class TestThreadingRule(unittest.TestCase):
    def test_everything_observable_happens_in_the_main_thread(self):
        executor = Futures.Executor(max_workers=2)
        threads = set()

        def note(*args):
            threads.add(threading.get_ident())

        for name in ('items-changed', 'notify::n-futures', 'notify::state', 'notify::running',
                     'notify::stopped'):
            executor.connect(name, note)

        def produce(n):
            yield from range(n)

        def report(progress):
            for i in range(50):
                progress(i / 50)

        def custom(task):
            for i in range(20):
                task.send('tick', i)

        futures = []
        waits = AsyncOutcome(Futures.Future.wait_finish)
        for i in range(40):
            kind = i % 4
            if kind == 0:
                future = executor.submit_call(lambda x=i: x)
            elif kind == 1:
                future = executor.submit_iteration(produce, 30)
                future.connect('item', note)
                future.get_items().connect('items-changed', note)
            elif kind == 2:
                future = executor.submit_progress(report)
                for name in ('progress', 'notify::fraction', 'notify::text'):
                    future.connect(name, note)
            else:
                future = executor.submit(PlainFuture, custom)
                future.connect('message::tick', note)
            for name in ('notify::state', 'notify::done', 'notify::may-cancel'):
                future.connect(name, note)
            future.wait_async(None, waits)
            if i % 7 == 3:
                future.cancel()
            futures.append(future)
        run_until(lambda: len(waits.calls) == len(futures))
        shutdown = AsyncOutcome(Futures.Executor.shutdown_finish)
        executor.shutdown_async(None, shutdown)
        self.assertEqual(shutdown.wait(), ('ok', True))
        self.assertEqual(threads, {MAIN_THREAD})
        self.assertEqual(waits.threads | shutdown.threads, {MAIN_THREAD})

    def test_an_executor_delivers_in_the_thread_of_its_context(self):
        seen = {}

        def owner():
            context = GLib.MainContext.new()
            context.push_thread_default()
            try:
                executor = Futures.Executor(max_workers=2)
                threads = set()
                future = executor.submit_iteration(lambda: iter(range(10)))
                future.connect('item', lambda *args: threads.add(threading.get_ident()))
                future.connect('notify::done', lambda *args: threads.add(threading.get_ident()))
                wait = AsyncOutcome(Futures.Future.wait_finish)
                future.wait_async(None, wait)
                run_until(lambda: wait.called, context)
                shutdown = AsyncOutcome(Futures.Executor.shutdown_finish)
                executor.shutdown_async(None, shutdown)
                run_until(lambda: shutdown.called, context)
                seen['threads'] = threads | wait.threads | shutdown.threads
                seen['outcomes'] = [wait.outcome, shutdown.outcome]
            finally:
                context.pop_thread_default()

        thread = threading.Thread(target=owner)
        thread.start()
        thread.join()
        self.assertEqual(seen['threads'], {thread.ident})
        self.assertEqual(seen['outcomes'], [('ok', True), ('ok', True)])

    def test_arguments_are_released_in_the_main_thread(self):
        executor = Futures.Executor(max_workers=1)
        future = executor.submit_call(lambda payload: payload.data, Payload('argument'))
        wait_done(future)
        gc.collect()
        self.assertEqual([entry for entry in Payload.released_on if entry[0] == 'argument'],
                         [('argument', MAIN_THREAD)])
        self.assertEqual(future.get_result(), 'argument')
        executor.shutdown(-1)


if __name__ == '__main__':
    taprunner.main()
