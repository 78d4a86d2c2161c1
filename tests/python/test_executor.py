#!/usr/bin/python3
# test_executor.py: futures, tasks and the executor from Python, with plain
# Python callables as tasks (through the gi.overrides.Futures module).
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import threading
import unittest

import gi
gi.require_version('Futures', '1.0')
gi.require_version('Gio', '2.0')
from gi.repository import Futures, Gio, GLib, GObject  # noqa: E402

import taprunner  # noqa: E402

MAIN_THREAD = threading.get_ident()
State = Futures.FutureState
TIMEOUT_USEC = 30 * 1000000


def run_until(condition):
    context = GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + TIMEOUT_USEC
    while not condition():
        if GLib.get_monotonic_time() > deadline:
            raise AssertionError('timed out waiting in the main context')
        context.iteration(True)


def wait_done(future):
    run_until(lambda: future.props.done)


class Recorder:
    """Records notifications of state, may-cancel and done, in order."""

    def __init__(self, future):
        self.events = []
        self.threads = set()
        self.result_at_done = None
        for name in ('state', 'may-cancel', 'done'):
            future.connect('notify::' + name, self.on_notify)

    def on_notify(self, future, pspec):
        self.threads.add(threading.get_ident())
        if pspec.name == 'state':
            self.events.append(future.props.state.value_nick)
        elif pspec.name == 'may-cancel':
            self.events.append(f'may-cancel={future.props.may_cancel}')
        else:
            self.events.append(f'done={future.props.done}')
            try:
                self.result_at_done = ('result', future.get_result())
            except GLib.Error:
                self.result_at_done = ('no result',)


class ExecutorTestCase(unittest.TestCase):
    max_workers = 0

    def setUp(self):
        self.executor = Futures.Executor(max_workers=self.max_workers)

    def tearDown(self):
        if not self.executor.props.stopped:
            self.executor.shutdown(30000)


class Payload:
    def __init__(self, data):
        self.data = data


class TestCall(ExecutorTestCase):
    def test_result_is_any_python_object(self):
        payload = Payload([1, 2])
        cases = [
            (lambda: 7, 7),
            (lambda: 2 ** 70, 2 ** 70),
            (lambda: 'text', 'text'),
            (lambda: 2.5, 2.5),
            (lambda: True, True),
            (lambda: (1, 'two'), (1, 'two')),
            (lambda: {'a': [1]}, {'a': [1]}),
            (lambda: payload, payload),
            (lambda: None, None),
        ]
        futures = [self.executor.submit_call(fn) for fn, _ in cases]
        for future in futures:
            wait_done(future)
        for future, (_, expected) in zip(futures, cases):
            self.assertEqual(future.props.state, State.COMPLETED)
            self.assertEqual(future.get_result(), expected)
        self.assertIs(futures[7].get_result(), payload)

    def test_arguments(self):
        future = self.executor.submit_call(lambda a, b, c=0: a * b + c, 6, 7, c=1)
        wait_done(future)
        self.assertEqual(future.get_result(), 43)

    def test_gobject_result_keeps_its_type(self):
        future = self.executor.submit_call(lambda: Gio.SimpleAction.new('x', None))
        wait_done(future)
        self.assertIsInstance(future.get_result(), Gio.SimpleAction)

    def test_success_sequence(self):
        future = self.executor.submit_call(lambda: 'ok')
        recorder = Recorder(future)
        wait_done(future)
        self.assertEqual(recorder.events,
                         ['executing', 'completed', 'may-cancel=False', 'done=True'])
        self.assertEqual(recorder.result_at_done, ('result', 'ok'))
        self.assertEqual(recorder.threads, {MAIN_THREAD})
        with self.assertRaises(GLib.Error) as cm:
            future.dup_error()
        self.assertTrue(cm.exception.matches(Futures.error_quark(), Futures.Error.INVALID_STATE))

    def test_exception_becomes_error(self):
        def fail():
            raise KeyError('missing key')

        future = self.executor.submit_call(fail)
        recorder = Recorder(future)
        wait_done(future)
        self.assertEqual(recorder.events, ['executing', 'failed', 'may-cancel=False', 'done=True'])
        error = future.dup_error()
        self.assertEqual(error.domain, Futures.PYTHON_ERROR_DOMAIN)
        self.assertTrue(error.message.startswith("KeyError: 'missing key'"), error.message)
        self.assertIn('Traceback (most recent call last)', error.message)
        self.assertIn('in fail', error.message)
        with self.assertRaises(GLib.Error) as cm:
            future.get_result()
        self.assertTrue(cm.exception.matches(Futures.error_quark(), Futures.Error.INVALID_STATE))

    def test_glib_error_is_kept(self):
        def fail():
            raise GLib.Error('gone', 'g-io-error-quark', Gio.IOErrorEnum.NOT_FOUND)

        future = self.executor.submit_call(fail)
        wait_done(future)
        error = future.dup_error()
        self.assertTrue(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND))
        self.assertEqual(error.message, 'gone')

    def test_exception_with_broken_str_still_fails(self):
        class Unprintable(Exception):
            def __str__(self):
                raise RuntimeError('no text')

        def fail():
            raise Unprintable()

        future = self.executor.submit_call(fail)
        wait_done(future)
        self.assertEqual(future.props.state, State.FAILED)
        message = future.dup_error().message
        self.assertTrue(message.startswith('TestCall.test_exception_with_broken_str_still_fails.'
                                           '<locals>.Unprintable: <exception str() failed>'),
                        message)
        self.assertIn('in fail', message)

    def test_result_that_cannot_be_converted_fails(self):
        # A str with a lone surrogate has no UTF-8 form for a GValue.
        future = self.executor.submit_call(lambda: 'bad \udc80')
        wait_done(future)
        self.assertEqual(future.props.state, State.FAILED)
        self.assertTrue(future.dup_error().message.startswith('UnicodeEncodeError: '),
                        future.dup_error().message)

    def test_runs_on_a_worker_thread(self):
        future = self.executor.submit_call(threading.get_ident)
        wait_done(future)
        self.assertNotEqual(future.get_result(), MAIN_THREAD)


class TestCancellation(ExecutorTestCase):
    max_workers = 1

    def test_cancel_before_start(self):
        gate = threading.Event()
        ran = threading.Event()
        busy = self.executor.submit_call(gate.wait)
        future = self.executor.submit_call(ran.set)
        recorder = Recorder(future)
        self.assertTrue(future.cancel())
        self.assertFalse(future.cancel())
        gate.set()
        wait_done(future)
        wait_done(busy)
        self.assertEqual(recorder.events,
                         ['cancelling', 'may-cancel=False', 'cancelled', 'done=True'])
        self.assertFalse(ran.is_set())

    def test_cancel_while_running(self):
        started = threading.Event()
        gate = threading.Event()

        def work():
            started.set()
            gate.wait()
            return 'discarded'

        future = self.executor.submit_call(work)
        recorder = Recorder(future)
        run_until(lambda: future.props.state == State.EXECUTING)
        self.assertTrue(future.cancel())
        gate.set()
        wait_done(future)
        self.assertEqual(recorder.events, ['executing', 'cancelling', 'may-cancel=False',
                                           'cancelled', 'done=True'])
        self.assertEqual(recorder.result_at_done, ('no result',))

    def test_cancel_after_done(self):
        future = self.executor.submit_call(lambda: 1)
        wait_done(future)
        self.assertFalse(future.cancel())
        self.assertEqual(future.props.state, State.COMPLETED)


class TestIteration(ExecutorTestCase):
    max_workers = 1

    def test_items_in_order_and_return_value(self):
        def produce(n):
            for i in range(n):
                yield {'i': i}
            return 'all done'

        future = self.executor.submit_iteration(produce, 500)
        items = []
        future.connect('item', lambda f, value: items.append(value))
        wait_done(future)
        self.assertEqual(items, [{'i': i} for i in range(500)])
        self.assertEqual(future.get_result(), 'all done')
        self.assertEqual(future.get_n_items(), 500)

    def test_plain_iterable(self):
        future = self.executor.submit_iteration(lambda: ['a', 'b'])
        items = []
        future.connect('item', lambda f, value: items.append(value))
        wait_done(future)
        self.assertEqual(items, ['a', 'b'])
        self.assertIsNone(future.get_result())

    def test_cancel_stops_before_next_item(self):
        gate = threading.Event()
        produced = []
        closed = threading.Event()

        def produce():
            try:
                for i in range(1000):
                    if i == 3:
                        gate.wait()
                    produced.append(i)
                    yield i
            finally:
                closed.set()

        future = self.executor.submit_iteration(produce)
        items = []
        future.connect('item', lambda f, value: items.append(value))
        run_until(lambda: len(items) == 3)
        future.cancel()
        gate.set()
        wait_done(future)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(items, [0, 1, 2])
        # The producer made at most the one item it was working on.
        self.assertLessEqual(len(produced), 4)
        self.assertTrue(closed.is_set())

    def test_item_released_in_main_context(self):
        released = []
        resumed = threading.Event()
        delivered = threading.Event()

        class Item:
            def __del__(self):
                released.append(threading.get_ident())

        def produce():
            yield Item()
            # The producer works on: the override must not hold the item.
            resumed.set()
            delivered.wait(30)

        future = self.executor.submit_iteration(produce)
        seen = []
        future.connect('item', lambda f, item: seen.append(type(item)))
        resumed.wait(30)
        run_until(lambda: seen)
        # The main context's copy was the last reference.
        self.assertEqual(released, [MAIN_THREAD])
        delivered.set()
        wait_done(future)
        self.assertEqual(released, [MAIN_THREAD])

    def test_exception_in_generator(self):
        def produce():
            yield 1
            raise RuntimeError('half way')

        future = self.executor.submit_iteration(produce)
        wait_done(future)
        self.assertEqual(future.props.state, State.FAILED)
        self.assertIn('RuntimeError: half way', future.dup_error().message)


class TestProgress(ExecutorTestCase):
    max_workers = 1

    def test_reports(self):
        def work(steps, progress):
            for i in range(1, steps + 1):
                progress(i / steps, f'step {i}')
            return steps

        future = self.executor.submit_progress(work, 4)
        reports = []
        fractions = []
        future.connect('progress', lambda f, fraction, text: reports.append((fraction, text)))
        future.connect('notify::fraction', lambda f, p: fractions.append(f.props.fraction))
        wait_done(future)
        # Latest wins: reports may merge, the last one always arrives, in order.
        all_reports = [(0.25, 'step 1'), (0.5, 'step 2'), (0.75, 'step 3'), (1.0, 'step 4')]
        self.assertGreaterEqual(len(reports), 1)
        self.assertEqual(reports[-1], (1.0, 'step 4'))
        self.assertTrue(all(r in all_reports for r in reports))
        self.assertEqual(reports, sorted(reports))
        self.assertEqual(fractions, [fraction for fraction, _ in reports])
        self.assertEqual(future.props.text, 'step 4')
        self.assertEqual(future.get_result(), 4)

    def test_report_after_cancel_stops_task(self):
        gate = threading.Event()
        after = []

        def work(progress):
            progress(0.1)
            gate.wait()
            progress(0.5)
            after.append('not reached')

        future = self.executor.submit_progress(work)
        run_until(lambda: future.props.state == State.EXECUTING)
        future.cancel()
        gate.set()
        wait_done(future)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(after, [])


class WordsFuture(Futures.Future):
    """A task type of our own: 'word' messages are collected."""

    def __init__(self):
        super().__init__()
        self.words = []

    def do_dispatch(self, kind, value):
        if kind == 'word':
            self.words.append(value)
        else:
            Futures.Future.do_dispatch(self, kind, value)


class TestCustomType(ExecutorTestCase):
    def test_python_subclass(self):
        def work(task, words):
            for word in words:
                task.send('word', word)
            task.send('other', {'x': 1})
            return len(words)

        others = []
        future = self.executor.submit(WordsFuture, work, ['fizz', 'buzz'])
        future.connect('message::other', lambda f, kind, value: others.append((kind, value)))
        wait_done(future)
        self.assertIsInstance(future, WordsFuture)
        self.assertEqual(future.words, ['fizz', 'buzz'])
        self.assertEqual(others, [('other', {'x': 1})])
        self.assertEqual(future.get_result(), 2)

    def test_not_a_future_type(self):
        # Not a future type, or the abstract one: TypeError, not a critical
        # and None.
        for future_type in (GObject.Object, Futures.Future, Futures.Future.__gtype__, 'x'):
            with self.assertRaises(TypeError):
                self.executor.submit(future_type, lambda task: None)
            with self.assertRaises(TypeError):
                self.executor.submit_named(future_type, 'any-name')
        self.assertEqual(self.executor.props.n_futures, 0)


class TestExecutor(unittest.TestCase):
    def test_states(self):
        executor = Futures.Executor()
        self.assertEqual(executor.props.state, Futures.ExecutorState.RUNNING)
        self.assertTrue(executor.props.running)
        states = []
        executor.connect('notify::state', lambda e, p: states.append(e.props.state))
        executor.stop()
        self.assertEqual(states, [Futures.ExecutorState.STOPPING, Futures.ExecutorState.STOPPED])
        self.assertTrue(executor.props.stopped)
        with self.assertRaises(GLib.Error) as cm:
            executor.stop()
        self.assertTrue(cm.exception.matches(Futures.error_quark(), Futures.Error.NOT_RUNNING))

    def test_submit_after_stop(self):
        executor = Futures.Executor()
        executor.stop()
        with self.assertRaises(GLib.Error) as cm:
            executor.submit_call(lambda: 1)
        self.assertTrue(cm.exception.matches(Futures.error_quark(), Futures.Error.NOT_RUNNING))

    def test_stop_cancels_and_completes(self):
        executor = Futures.Executor(max_workers=2)
        gate = threading.Event()
        futures = [executor.submit_call(gate.wait) for _ in range(2)]
        executor.stop()
        self.assertEqual(executor.props.state, Futures.ExecutorState.STOPPING)
        gate.set()
        run_until(lambda: executor.props.stopped)
        self.assertEqual([f.props.state for f in futures], [State.CANCELLED] * 2)

    def test_shutdown_timeout_then_complete(self):
        executor = Futures.Executor(max_workers=1)
        gate = threading.Event()
        started = threading.Event()

        def stubborn():
            started.set()
            gate.wait()

        future = executor.submit_call(stubborn)
        started.wait(30)
        with self.assertRaises(GLib.Error) as cm:
            executor.shutdown(50)
        self.assertTrue(cm.exception.matches(Futures.error_quark(), Futures.Error.TIMED_OUT))
        self.assertEqual(executor.props.state, Futures.ExecutorState.STOPPING)
        gate.set()
        executor.shutdown(-1)
        self.assertTrue(executor.props.stopped)
        self.assertEqual(future.props.state, State.CANCELLED)

    def test_pool_and_max_workers_exclusive(self):
        pool = Futures.ThreadPool.new(2)
        with self.assertRaises(GLib.Error) as cm:
            Futures.Executor(worker_pool=pool, max_workers=2)
        self.assertTrue(cm.exception.matches(Futures.error_quark(), Futures.Error.NOT_SUPPORTED))

    def test_supplied_pool_is_shared(self):
        pool = Futures.ThreadPool.new(2)
        first = Futures.Executor(worker_pool=pool)
        second = Futures.Executor(worker_pool=pool)
        a = first.submit_call(lambda: 'a')
        wait_done(a)
        first.shutdown(30000)
        # The pool still works for the other executor.
        b = second.submit_call(lambda: 'b')
        wait_done(b)
        second.shutdown(30000)
        self.assertEqual((a.get_result(), b.get_result()), ('a', 'b'))

    def test_n_futures(self):
        executor = Futures.Executor()
        gate = threading.Event()
        future = executor.submit_call(gate.wait)
        self.assertEqual(executor.props.n_futures, 1)
        gate.set()
        wait_done(future)
        self.assertEqual(executor.props.n_futures, 0)
        executor.shutdown(-1)


class TestStress(unittest.TestCase):
    def test_many_mixed_futures(self):
        import random
        rng = random.Random(1234)
        executor = Futures.Executor()
        done_threads = set()
        futures = []

        def gen():
            yield from range(3)

        def prog(progress):
            progress(0.5)

        for i in range(1000):
            kind = i % 3
            if kind == 0:
                f = executor.submit_call(lambda x=i: x * 2)
            elif kind == 1:
                f = executor.submit_iteration(gen)
            else:
                f = executor.submit_progress(prog)
            f.connect('notify::done', lambda f, p: done_threads.add(threading.get_ident()))
            futures.append(f)
            if rng.random() < 0.25:
                rng.choice(futures).cancel()
        run_until(lambda: all(f.props.done for f in futures))
        self.assertEqual(done_threads, {MAIN_THREAD})
        self.assertTrue(all(f.props.state in (State.COMPLETED, State.CANCELLED) for f in futures))
        executor.shutdown(-1)


if __name__ == '__main__':
    taprunner.main()
