#!/usr/bin/python3
# test_process.py: plain Python functions as named tasks in worker
# processes (Futures.register_task(), Executor.submit_named() and a
# Futures.ProcessContext, through the gi.overrides.Futures module).
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# This file is also the worker program: the pool starts
# `/usr/bin/python3 <this file>`, which registers the same tasks and then
# serves them from Futures.process_worker_main(), before (and instead of)
# running any test. The workers inherit the environment, so they load the
# same typelib and override module as the tests.

import os
import signal
import sys
import time
import unittest

import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures, GLib  # noqa: E402

State = Futures.FutureState
TIMEOUT_USEC = 30 * 1000000
WORKER_ARGV = ['/usr/bin/python3', os.path.abspath(__file__)]


# ---------------------------------------------------------------------
# The tasks, registered in the main process and in every worker
# ---------------------------------------------------------------------

def add(a, b):
    return a + b


def echo(*args):
    return args


def types(*args):
    return [type(arg).__name__ for arg in args]


def value_of(kind):
    return {
        'int': -5,
        'big': 2 ** 64 - 1,
        'float': 2.5,
        'bool': True,
        'str': 'text',
        'strv': ['a', 'b'],
        'bytes': b'\x00\x01',
        'dict': {'name': 'x', 'sizes': [1, 2, 3]},
        'nothing': None,
    }[kind]


def slow_pid(seconds):
    time.sleep(seconds)
    return os.getpid()


def squares(n):
    for i in range(n):
        yield i * i
    return f'{n} squares'


def counting():
    i = 0
    while True:
        yield i
        i += 1
        time.sleep(0.005)


def stages(n, progress):
    for i in range(1, n + 1):
        progress(i / n, f'stage {i}')
    return 'staged'


def spin(progress):
    while True:
        progress(0.5, 'spinning')
        time.sleep(0.005)


def fail(message):
    raise ValueError(message)


def hang():
    yield os.getpid()
    time.sleep(60)


def stubborn():
    time.sleep(60)  # ignores cancellation
    return 'never'


def unserializable():
    return object()


def unserializable_item():
    yield 1
    yield [None]


for _fn in (add, echo, types, value_of, slow_pid, squares, counting, stages, spin, fail,
            hang, stubborn, unserializable, unserializable_item):
    Futures.register_task(_fn.__name__, _fn)

# In a worker process: serve, then leave before any test runs.
if Futures.process_worker_main():
    sys.exit(0)


# ---------------------------------------------------------------------
# The tests, in the main process
# ---------------------------------------------------------------------

def run_until(condition):
    context = GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + TIMEOUT_USEC
    while not condition():
        if GLib.get_monotonic_time() > deadline:
            raise AssertionError('timed out waiting in the main context')
        context.iteration(True)


def wait_done(future):
    run_until(lambda: future.props.done)


def process_gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


class ProcessTestCase(unittest.TestCase):
    max_workers = 2

    def setUp(self):
        self.context = Futures.ProcessContext(argv=WORKER_ARGV)
        self.executor = Futures.Executor(context=self.context, max_workers=self.max_workers)
        self.pool = self.executor.props.worker_pool

    def tearDown(self):
        if not self.executor.props.stopped:
            self.executor.shutdown(-1)

    def call(self, name, *args, future_type=Futures.CallFuture):
        future = self.executor.submit_named(future_type, name, *args)
        wait_done(future)
        return future


class TestCall(ProcessTestCase):
    def test_runs_in_a_worker_process(self):
        self.assertIsInstance(self.pool, Futures.ProcessPool)
        future = self.call('slow_pid', 0.0)
        self.assertEqual(future.props.state, State.COMPLETED)
        pid = future.get_result()
        self.assertNotEqual(pid, os.getpid())
        self.assertIn(pid, self.pool.get_worker_pids())

    def test_arguments_and_result(self):
        future = self.call('add', 40, 2)
        self.assertEqual(future.get_result(), 42)
        future = self.call('add', 'con', 'cat')
        self.assertEqual(future.get_result(), 'concat')

    def test_argument_values(self):
        args = (1, 'two', 2.5, True, b'\x00bytes', [1, 2], ['s'], {'k': 'v'}, (3, 'x'),
                2 ** 64 - 1)
        future = self.call('types', *args)
        self.assertEqual(future.get_result(),
                         ['int', 'str', 'float', 'bool', 'bytes', 'list', 'list', 'dict',
                          'tuple', 'int'])
        # A tuple result travels as a GLib.Variant; from_variant() undoes it.
        future = self.call('echo', *args)
        result = future.get_result()
        self.assertIsInstance(result, GLib.Variant)
        self.assertEqual(Futures.from_variant(result), args)

    def test_no_arguments_and_variant_arguments(self):
        self.assertEqual(self.call('types').get_result(), [])
        self.assertEqual(self.call('types', None).get_result(), [])  # as in C
        # A single GLib.Variant is passed as it is: a tuple is spread...
        future = self.call('types', GLib.Variant('(us)', (7, 'x')))
        self.assertEqual(future.get_result(), ['int', 'str'])
        # ...any other value is the one argument.
        future = self.call('types', GLib.Variant('as', ['a', 'b']))
        self.assertEqual(future.get_result(), ['list'])

    def test_result_values(self):
        expected = {
            'int': -5,
            'big': 2 ** 64 - 1,
            'float': 2.5,
            'bool': True,
            'str': 'text',
            'strv': ['a', 'b'],
            'nothing': None,
        }
        for kind, value in expected.items():
            future = self.call('value_of', kind)
            self.assertEqual(future.props.state, State.COMPLETED, kind)
            self.assertEqual(future.get_result(), value, kind)
        # A GLib.Bytes, which outlives its future (see Futures.Future.get_result).
        result = self.call('value_of', 'bytes').get_result()
        self.assertIsInstance(result, GLib.Bytes)
        self.assertEqual(result.get_data(), b'\x00\x01')
        result = self.call('value_of', 'dict').get_result()
        self.assertEqual(result.get_type_string(), 'a{sv}')
        self.assertEqual(result.unpack(), {'name': 'x', 'sizes': [1, 2, 3]})

    def test_exception_becomes_error(self):
        future = self.call('fail', 'on purpose')
        self.assertEqual(future.props.state, State.FAILED)
        error = future.dup_error()
        self.assertEqual(error.domain, Futures.PYTHON_ERROR_DOMAIN)
        self.assertTrue(error.message.startswith('ValueError: on purpose'), error.message)
        self.assertIn('Traceback (most recent call last)', error.message)
        self.assertIn('in fail', error.message)
        self.assertIn('test_process.py', error.message)

    def test_not_serializable_result(self):
        future = self.call('unserializable')
        self.assertEqual(future.props.state, State.FAILED)
        error = future.dup_error()
        self.assertTrue(error.matches(Futures.error_quark(), Futures.Error.NOT_SERIALIZABLE),
                        error.message)
        self.assertIn('PyObject', error.message)
        # The worker is fine.
        self.assertEqual(self.call('add', 1, 2).get_result(), 3)

    def test_not_serializable_arguments(self):
        with self.assertRaises(GLib.Error) as cm:
            self.executor.submit_named(Futures.CallFuture, 'echo', object())
        self.assertTrue(cm.exception.matches(Futures.error_quark(),
                                             Futures.Error.NOT_SERIALIZABLE))
        self.assertIn('object', cm.exception.message)

    def test_not_registered(self):
        future = self.call('no-such-task')
        self.assertEqual(future.props.state, State.FAILED)
        self.assertTrue(future.dup_error().matches(Futures.error_quark(),
                                                   Futures.Error.NOT_REGISTERED))

    def test_future_type_may_be_a_gtype(self):
        future = self.call('add', 1, 1, future_type=Futures.CallFuture.__gtype__)
        self.assertEqual(future.get_result(), 2)


class TestIteration(ProcessTestCase):
    def test_items_in_order_and_return_value(self):
        future = self.executor.submit_named(Futures.IterationFuture, 'squares', 300)
        items = []
        future.connect('item', lambda f, value: items.append(value))
        wait_done(future)
        self.assertEqual(future.props.state, State.COMPLETED)
        self.assertEqual(items, [i * i for i in range(300)])
        self.assertEqual(future.get_result(), '300 squares')
        self.assertEqual(future.get_n_items(), 300)

    def test_cancel_stops_the_generator(self):
        future = self.executor.submit_named(Futures.IterationFuture, 'counting')
        items = []
        future.connect('item', lambda f, value: items.append(value))
        run_until(lambda: len(items) >= 3)
        self.assertTrue(future.cancel())
        wait_done(future)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(items, list(range(len(items))))
        # The worker is free again.
        self.assertEqual(self.call('add', 2, 2).get_result(), 4)

    def test_unserializable_item(self):
        future = self.executor.submit_named(Futures.IterationFuture, 'unserializable_item')
        items = []
        future.connect('item', lambda f, value: items.append(value))
        wait_done(future)
        self.assertEqual(items, [1])
        self.assertEqual(future.props.state, State.FAILED)
        error = future.dup_error()
        self.assertTrue(error.matches(Futures.error_quark(), Futures.Error.NOT_SERIALIZABLE),
                        error.message)
        self.assertIn('PyObject', error.message)


class TestProgress(ProcessTestCase):
    def test_reports(self):
        future = self.executor.submit_named(Futures.ProgressFuture, 'stages', 4)
        reports = []
        future.connect('progress', lambda f, fraction, text: reports.append((fraction, text)))
        wait_done(future)
        # Latest wins, as on threads: reports the main context had no time
        # for are merged into later ones; those shown keep their order and
        # end with the last.
        stages = [(0.25, 'stage 1'), (0.5, 'stage 2'), (0.75, 'stage 3'), (1.0, 'stage 4')]
        self.assertEqual(reports[-1], stages[-1])
        self.assertEqual(reports, [stage for stage in stages if stage in reports])
        self.assertEqual(future.get_result(), 'staged')

    def test_cancel_cooperative_task(self):
        future = self.executor.submit_named(Futures.ProgressFuture, 'spin')
        reports = []
        future.connect('progress', lambda f, fraction, text: reports.append(text))
        run_until(lambda: reports)
        self.assertTrue(future.cancel())
        wait_done(future)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(self.call('add', 3, 3).get_result(), 6)


class TestWorkers(ProcessTestCase):
    max_workers = 3

    def test_parallel_tasks_use_different_processes(self):
        futures = [self.executor.submit_named(Futures.CallFuture, 'slow_pid', 0.5)
                   for _ in range(3)]
        for future in futures:
            wait_done(future)
        pids = [future.get_result() for future in futures]
        self.assertEqual(len(set(pids)), 3, pids)
        self.assertNotIn(os.getpid(), pids)
        self.assertEqual(set(pids), set(self.pool.get_worker_pids()))

    def test_killed_worker_fails_its_task_only(self):
        future = self.executor.submit_named(Futures.IterationFuture, 'hang')
        pids = []
        future.connect('item', lambda f, value: pids.append(value))
        run_until(lambda: pids)
        os.kill(pids[0], signal.SIGKILL)
        wait_done(future)
        self.assertEqual(future.props.state, State.FAILED)
        error = future.dup_error()
        self.assertTrue(error.matches(Futures.error_quark(), Futures.Error.WORKER_CRASHED),
                        error.message)
        self.assertIn('signal 9', error.message)
        self.assertIn(str(pids[0]), error.message)
        self.assertNotIn(pids[0], self.pool.get_worker_pids())
        # The next task runs, in another worker.
        future = self.call('slow_pid', 0.0)
        self.assertEqual(future.props.state, State.COMPLETED)
        self.assertNotEqual(future.get_result(), pids[0])

    def test_shutdown_ends_the_workers(self):
        futures = [self.executor.submit_named(Futures.CallFuture, 'slow_pid', 0.2)
                   for _ in range(3)]
        for future in futures:
            wait_done(future)
        pids = self.pool.get_worker_pids()
        self.assertEqual(len(pids), 3)
        self.assertFalse(any(process_gone(pid) for pid in pids))
        self.executor.shutdown(-1)
        self.assertTrue(self.executor.props.stopped)
        self.assertEqual(self.pool.get_worker_pids(), [])
        for pid in pids:
            self.assertTrue(process_gone(pid), pid)
            self.assertFalse(os.path.exists(f'/proc/{pid}'), pid)


class TestAsyncAndModels(ProcessTestCase):
    """The async pairs and list models work alike for worker processes."""

    def test_wait_async_and_the_executor_model(self):
        changes = []
        self.executor.connect('items-changed', lambda m, *change: changes.append(change))
        added = self.executor.submit_named(Futures.CallFuture, 'add', 2, 3)
        failing = self.executor.submit_named(Futures.CallFuture, 'fail', 'in a process')
        self.assertEqual(list(self.executor), [added, failing])
        outcomes = {}

        def on_waited(future, result, name):
            try:
                outcomes[name] = future.wait_finish(result)
            except GLib.Error as error:
                outcomes[name] = error.message.splitlines()[0]

        added.wait_async(None, on_waited, 'added')
        failing.wait_async(None, on_waited, 'failing')
        run_until(lambda: len(outcomes) == 2)
        self.assertEqual(outcomes, {'added': True, 'failing': 'ValueError: in a process'})
        self.assertEqual(added.get_result(), 5)
        # Two added at submit, two removed once done: the first to end from
        # where it is, then the other from row 0.
        self.assertEqual(changes[:2], [(0, 0, 1), (1, 0, 1)])
        self.assertIn(changes[2:], ([(0, 1, 0), (0, 1, 0)], [(1, 1, 0), (0, 1, 0)]))
        self.assertEqual(len(self.executor), 0)

    def test_items_model_and_shutdown_async(self):
        future = self.executor.submit_named(Futures.IterationFuture, 'squares', 300)
        items = future.get_items()
        endless = self.executor.submit_named(Futures.IterationFuture, 'counting')
        run_until(lambda: future.props.done and endless.get_n_items() > 0)
        self.assertEqual([item.get_value() for item in items], [i * i for i in range(300)])
        self.assertEqual(items[299].props.string, str(299 * 299))
        stopped = []
        self.executor.shutdown_async(None, lambda e, r: stopped.append(e.shutdown_finish(r)))
        run_until(lambda: stopped)
        self.assertEqual(stopped, [True])
        self.assertEqual(endless.props.state, State.CANCELLED)
        self.assertTrue(self.executor.props.stopped)


class TestContextOptions(unittest.TestCase):
    def test_cancel_grace_period_kills_a_stubborn_task(self):
        context = Futures.ProcessContext(argv=WORKER_ARGV, cancel_grace_period=200)
        executor = Futures.Executor(context=context, max_workers=1)
        try:
            future = executor.submit_named(Futures.CallFuture, 'stubborn')
            run_until(lambda: future.props.state == State.EXECUTING)
            pids = executor.props.worker_pool.get_worker_pids()
            start = time.monotonic()
            self.assertTrue(future.cancel())
            wait_done(future)
            self.assertLess(time.monotonic() - start, 10)
            self.assertEqual(future.props.state, State.CANCELLED)
            run_until(lambda: process_gone(pids[0]))
            future = executor.submit_named(Futures.CallFuture, 'add', 1, 2)
            wait_done(future)
            self.assertEqual(future.get_result(), 3)
        finally:
            executor.shutdown(-1)

    def test_max_tasks_per_worker(self):
        context = Futures.ProcessContext(argv=WORKER_ARGV, max_tasks_per_worker=1)
        executor = Futures.Executor(context=context, max_workers=1)
        try:
            pids = []
            for _ in range(3):
                future = executor.submit_named(Futures.CallFuture, 'slow_pid', 0.0)
                wait_done(future)
                pids.append(future.get_result())
            self.assertEqual(len(set(pids)), 3, pids)
        finally:
            executor.shutdown(-1)


class TestThreads(unittest.TestCase):
    """The same registered functions run on threads, unchanged."""

    def test_named_task_on_threads(self):
        executor = Futures.Executor(max_workers=2)
        try:
            future = executor.submit_named(Futures.CallFuture, 'add', 20, 22)
            wait_done(future)
            self.assertEqual(future.get_result(), 42)
            future = executor.submit_named(Futures.IterationFuture, 'squares', 3)
            items = []
            future.connect('item', lambda f, value: items.append(value))
            wait_done(future)
            self.assertEqual(items, [0, 1, 4])
            future = executor.submit_named(Futures.CallFuture, 'slow_pid', 0.0)
            wait_done(future)
            self.assertEqual(future.get_result(), os.getpid())
        finally:
            executor.shutdown(-1)


if __name__ == '__main__':
    import taprunner
    taprunner.main()
