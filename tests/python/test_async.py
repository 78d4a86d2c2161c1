#!/usr/bin/python3
# test_async.py: the async pairs from Python, with callbacks:
# Future.wait_async/wait_finish and Executor.shutdown_async/shutdown_finish.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import threading
import unittest

import gi
gi.require_version('Futures', '1.0')
gi.require_version('Gio', '2.0')
from gi.repository import Futures, Gio, GLib  # noqa: E402

import taprunner  # noqa: E402
from testutil import (MAIN_THREAD, AsyncOutcome, ExecutorState, ExecutorTestCase,  # noqa: E402
                      Gate, State, iterate_pending, run_until, wait_done)


def wait_outcome():
    return AsyncOutcome(Futures.Future.wait_finish)


def shutdown_outcome():
    return AsyncOutcome(Futures.Executor.shutdown_finish)


class TestWait(ExecutorTestCase):
    def test_completed(self):
        future = self.executor.submit_call(lambda: {'answer': 42})
        results_in_callback = []

        def callback(source, result, tag):
            self.assertIs(source, future)
            self.assertTrue(source.wait_finish(result))
            # The result is readable from the callback.
            results_in_callback.append((source.get_result(), tag, threading.get_ident()))

        future.wait_async(None, callback, 'tag')
        run_until(lambda: results_in_callback)
        self.assertEqual(results_in_callback, [({'answer': 42}, 'tag', MAIN_THREAD)])

    def test_failed_with_a_python_exception(self):
        def fail():
            raise TimeoutError('too slow')

        future = self.executor.submit_call(fail)
        wait = wait_outcome()
        future.wait_async(None, wait)
        kind, error = wait.wait()
        self.assertEqual(kind, 'error')
        self.assertEqual(error.domain, Futures.PYTHON_ERROR_DOMAIN)
        self.assertTrue(error.message.startswith('TimeoutError: too slow'))
        self.assertEqual(error.message, future.dup_error().message)

    def test_failed_with_the_tasks_own_error(self):
        def fail():
            raise GLib.Error('no permission', 'g-io-error-quark', Gio.IOErrorEnum.PERMISSION_DENIED)

        future = self.executor.submit_call(fail)
        wait = wait_outcome()
        future.wait_async(None, wait)
        kind, error = wait.wait()
        self.assertEqual(kind, 'error')
        self.assertTrue(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.PERMISSION_DENIED))
        self.assertEqual(error.message, 'no permission')

    def test_future_cancelled_while_running(self):
        started, gate = Gate(), self.gate()

        def work():
            started.set()
            gate.wait()

        future = self.executor.submit_call(work)
        wait = wait_outcome()
        future.wait_async(None, wait)
        started.wait()
        future.cancel()
        gate.set()
        kind, error = wait.wait()
        self.assertEqual(kind, 'error')
        self.assert_cancelled_error(error)
        self.assertEqual(future.props.state, State.CANCELLED)

    def test_future_cancelled_before_it_started(self):
        gate = self.gate()
        executor = Futures.Executor(max_workers=1)
        self.addCleanup(executor.shutdown, -1)
        blocker = executor.submit_call(gate.wait)
        future = executor.submit_call(lambda: 'never')
        wait = wait_outcome()
        future.wait_async(None, wait)
        future.cancel()
        gate.set()
        kind, error = wait.wait()
        self.assert_cancelled_error(error)
        wait_done(blocker)

    def test_cancelling_the_wait_leaves_the_future_running(self):
        gate = self.gate()
        future = self.executor.submit_call(lambda: gate.wait() and 'late')
        cancellable = Gio.Cancellable()
        wait = wait_outcome()
        future.wait_async(cancellable, wait)
        cancellable.cancel()
        kind, error = wait.wait()
        self.assertEqual(kind, 'error')
        self.assert_cancelled_error(error)
        self.assertFalse(future.props.done)
        self.assertTrue(future.props.may_cancel)
        # A new wait sees it complete.
        gate.set()
        again = wait_outcome()
        future.wait_async(None, again)
        self.assertEqual(again.wait(), ('ok', True))
        self.assertEqual(future.get_result(), 'late')
        # The cancelled wait called back once only.
        self.assertEqual(len(wait.calls), 1)

    def test_cancellable_cancelled_before_the_call(self):
        gate = self.gate()
        future = self.executor.submit_call(gate.wait)
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        wait = wait_outcome()
        future.wait_async(cancellable, wait)
        self.assertFalse(wait.called)  # never from inside the call
        kind, error = wait.wait()
        self.assert_cancelled_error(error)
        self.assertFalse(future.props.done)

    def test_cancelling_after_the_outcome_changes_nothing(self):
        future = self.executor.submit_call(lambda: 1)
        cancellable = Gio.Cancellable()
        wait = wait_outcome()
        future.wait_async(cancellable, wait)
        self.assertEqual(wait.wait(), ('ok', True))
        cancellable.cancel()
        iterate_pending()
        self.assertEqual(len(wait.calls), 1)

    def test_already_done_calls_back_later(self):
        futures = {
            'completed': self.executor.submit_call(lambda: 'done'),
            'failed': self.executor.submit_call(lambda: [][1]),
            'cancelled': self.executor.submit_call(lambda: None),
        }
        futures['cancelled'].cancel()
        wait_done(*futures.values())
        waits = {}
        for name, future in futures.items():
            waits[name] = wait_outcome()
            future.wait_async(None, waits[name])
            self.assertFalse(waits[name].called, name)  # never from inside the call
        run_until(lambda: all(wait.called for wait in waits.values()))
        self.assertEqual(waits['completed'].outcome, ('ok', True))
        self.assertTrue(waits['failed'].outcome[1].message.startswith('IndexError'))
        self.assert_cancelled_error(waits['cancelled'].outcome[1])

    def test_many_waits_on_one_future_in_order(self):
        gate = self.gate()
        future = self.executor.submit_call(gate.wait)
        order = []
        for i in range(5):
            future.wait_async(None, lambda source, result, i=i: order.append(
                (i, source.wait_finish(result))))
        gate.set()
        run_until(lambda: len(order) == 5)
        self.assertEqual(order, [(i, True) for i in range(5)])

    def test_every_future_type(self):
        class Custom(Futures.Future):
            pass

        futures = [
            self.executor.submit_iteration(lambda: iter('abc')),
            self.executor.submit_progress(lambda progress: progress(1.0)),
            self.executor.submit(Custom, lambda task: task.send('x', 1)),
        ]
        waits = [wait_outcome() for _ in futures]
        for future, wait in zip(futures, waits):
            future.wait_async(None, wait)
        run_until(lambda: all(wait.called for wait in waits))
        self.assertEqual([wait.outcome for wait in waits], [('ok', True)] * 3)
        self.assertEqual(futures[0].get_n_items(), 3)

    def test_callbacks_chain_work(self):
        # Each step is submitted from the callback of the previous wait.
        steps = []

        def step(n):
            return n * 2

        def on_done(future, result):
            future.wait_finish(result)
            steps.append(future.get_result())
            if len(steps) < 5:
                self.executor.submit_call(step, steps[-1]).wait_async(None, on_done)

        self.executor.submit_call(step, 1).wait_async(None, on_done)
        run_until(lambda: len(steps) == 5)
        self.assertEqual(steps, [2, 4, 8, 16, 32])


class TestShutdownAsync(unittest.TestCase):
    def test_cancels_and_calls_back_once_stopped(self):
        executor = Futures.Executor(max_workers=2)
        gate = Gate()
        futures = [executor.submit_call(gate.wait) for _ in range(4)]
        done_before_callback = []
        shutdown = shutdown_outcome()

        def callback(source, result):
            done_before_callback.extend(f.props.done for f in futures)
            self.assertEqual(source.props.state, ExecutorState.STOPPED)
            self.assertEqual(len(source), 0)
            shutdown(source, result)

        executor.shutdown_async(None, callback)
        # Stopping has begun, nothing blocks.
        self.assertEqual(executor.props.state, ExecutorState.STOPPING)
        self.assertFalse(shutdown.called)
        gate.set()
        self.assertEqual(shutdown.wait(), ('ok', True))
        self.assertEqual(shutdown.threads, {MAIN_THREAD})
        self.assertEqual(done_before_callback, [True] * 4)
        self.assertEqual([f.props.state for f in futures], [State.CANCELLED] * 4)

    def test_idle_executor(self):
        executor = Futures.Executor()
        shutdown = shutdown_outcome()
        executor.shutdown_async(None, shutdown)
        # Stopped at once, but the callback comes from the main loop.
        self.assertTrue(executor.props.stopped)
        self.assertFalse(shutdown.called)
        self.assertEqual(shutdown.wait(), ('ok', True))

    def test_twice_at_once(self):
        executor = Futures.Executor()
        gate = Gate()
        executor.submit_call(gate.wait)
        first, second = shutdown_outcome(), shutdown_outcome()
        executor.shutdown_async(None, first)
        executor.shutdown_async(None, second)
        gate.set()
        run_until(lambda: first.called and second.called)
        self.assertEqual([first.outcome, second.outcome], [('ok', True)] * 2)

    def test_after_stop(self):
        executor = Futures.Executor()
        gate = Gate()
        future = executor.submit_call(gate.wait)
        executor.stop()
        shutdown = shutdown_outcome()
        executor.shutdown_async(None, shutdown)
        gate.set()
        self.assertEqual(shutdown.wait(), ('ok', True))
        self.assertEqual(future.props.state, State.CANCELLED)

    def test_already_stopped(self):
        executor = Futures.Executor()
        executor.shutdown(-1)
        shutdown = shutdown_outcome()
        executor.shutdown_async(None, shutdown)
        kind, error = shutdown.wait()
        self.assertEqual(kind, 'error')
        self.assertTrue(error.matches(Futures.error_quark(), Futures.Error.NOT_RUNNING))

    def test_cancelling_the_wait_does_not_undo_the_stop(self):
        executor = Futures.Executor()
        gate = Gate()
        future = executor.submit_call(gate.wait)
        cancellable = Gio.Cancellable()
        shutdown = shutdown_outcome()
        executor.shutdown_async(cancellable, shutdown)
        cancellable.cancel()
        kind, error = shutdown.wait()
        self.assertTrue(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))
        self.assertEqual(executor.props.state, ExecutorState.STOPPING)
        gate.set()
        run_until(lambda: executor.props.stopped)
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(len(shutdown.calls), 1)

    def test_after_a_blocking_shutdown_timed_out(self):
        executor = Futures.Executor(max_workers=1)
        gate, started = Gate(), Gate()
        executor.submit_call(lambda: started.set() or gate.wait())
        started.wait()
        with self.assertRaises(GLib.Error) as cm:
            executor.shutdown(10)
        self.assertTrue(cm.exception.matches(Futures.error_quark(), Futures.Error.TIMED_OUT))
        shutdown = shutdown_outcome()
        executor.shutdown_async(None, shutdown)
        kind, error = shutdown.wait()
        self.assertTrue(error.matches(Futures.error_quark(), Futures.Error.INVALID_STATE))
        gate.set()
        executor.shutdown(-1)
        self.assertTrue(executor.props.stopped)

    def test_streaming_iteration_is_cancelled(self):
        executor = Futures.Executor()
        items = []

        def endless():
            n = 0
            while True:
                yield n
                n += 1

        future = executor.submit_iteration(endless)
        future.connect('item', lambda f, item: items.append(item))
        run_until(lambda: len(items) >= 10)
        shutdown = shutdown_outcome()
        executor.shutdown_async(None, shutdown)
        seen_at_stop = len(items)
        self.assertEqual(shutdown.wait(), ('ok', True))
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(items, list(range(seen_at_stop)))


if __name__ == '__main__':
    taprunner.main()
