#!/usr/bin/python3
# test_errors.py: the errors of the API, as Python sees them: GLib.Error in
# the Futures.Error domain, with the documented code, from every entry
# point that can refuse.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import unittest

import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures, GLib  # noqa: E402

import taprunner  # noqa: E402
from testutil import (AsyncOutcome, ExecutorState, ExecutorTestCase, Gate, State,  # noqa: E402
                      is_futures_error, run_until, wait_done)

Error = Futures.Error


class PlainFuture(Futures.Future):
    pass


def noop(*args, **kwargs):
    return None


Futures.register_task('test-errors-noop', noop)


class TestNotRunning(ExecutorTestCase):
    submissions = {
        'submit_call': lambda executor: executor.submit_call(noop),
        'submit_iteration': lambda executor: executor.submit_iteration(iter, ()),
        'submit_progress': lambda executor: executor.submit_progress(noop),
        'submit': lambda executor: executor.submit(PlainFuture, noop),
        'submit_named': lambda executor: executor.submit_named(Futures.CallFuture,
                                                               'test-errors-noop'),
    }

    def assert_every_submission_refused(self):
        for name, submit in self.submissions.items():
            with self.assertRaises(GLib.Error, msg=name) as cm:
                submit(self.executor)
            self.assert_error(cm.exception, Error.NOT_RUNNING)
        self.assertEqual(len(self.executor), 0 if self.executor.props.stopped else 1)

    def test_every_submission_works_while_running(self):
        futures = [submit(self.executor) for submit in self.submissions.values()]
        wait_done(*futures)
        self.assertEqual({f.props.state for f in futures}, {State.COMPLETED})

    def test_every_submission_refused_while_stopping(self):
        gate = self.gate()
        self.executor.submit_call(gate.wait)
        self.executor.stop()
        self.assertEqual(self.executor.props.state, ExecutorState.STOPPING)
        self.assert_every_submission_refused()

    def test_every_submission_refused_once_stopped(self):
        self.executor.stop()
        self.assertTrue(self.executor.props.stopped)
        self.assert_every_submission_refused()

    def test_stopping_a_stopped_executor(self):
        self.executor.shutdown(-1)
        with self.assertRaises(GLib.Error) as cm:
            self.executor.stop()
        self.assert_error(cm.exception, Error.NOT_RUNNING)
        with self.assertRaises(GLib.Error) as cm:
            self.executor.shutdown(-1)
        self.assert_error(cm.exception, Error.NOT_RUNNING)
        shutdown = AsyncOutcome(Futures.Executor.shutdown_finish)
        self.executor.shutdown_async(None, shutdown)
        kind, error = shutdown.wait()
        self.assert_error(error, Error.NOT_RUNNING)

    def test_stop_while_stopping(self):
        gate = self.gate()
        self.executor.submit_call(gate.wait)
        self.executor.stop()
        with self.assertRaises(GLib.Error) as cm:
            self.executor.stop()
        self.assert_error(cm.exception, Error.NOT_RUNNING)
        # A blocking shutdown of a STOPPING executor waits for it, though.
        gate.set()
        self.executor.shutdown(-1)
        self.assertTrue(self.executor.props.stopped)


class TestOutcomeInTheWrongState(ExecutorTestCase):
    max_workers = 1

    def assert_no_result_and_no_error(self, future):
        with self.assertRaises(GLib.Error) as cm:
            future.get_result()
        self.assert_error(cm.exception, Error.INVALID_STATE)
        with self.assertRaises(GLib.Error) as cm:
            future.dup_error()
        self.assert_error(cm.exception, Error.INVALID_STATE)

    def test_waiting_executing_cancelling(self):
        started, gate = Gate(), self.gate()
        running = self.executor.submit_call(lambda: started.set() or gate.wait())
        waiting = self.executor.submit_call(noop)
        started.wait()
        run_until(lambda: running.props.state == State.EXECUTING)
        self.assertEqual(waiting.props.state, State.WAITING)
        self.assert_no_result_and_no_error(running)
        self.assert_no_result_and_no_error(waiting)
        running.cancel()
        self.assertEqual(running.props.state, State.CANCELLING)
        self.assert_no_result_and_no_error(running)
        gate.set()
        wait_done(running, waiting)
        self.assert_no_result_and_no_error(running)

    def test_messages_name_the_state(self):
        completed = self.executor.submit_call(lambda: 1)
        failed = self.executor.submit_call(lambda: 1 / 0)
        wait_done(completed, failed)
        with self.assertRaises(GLib.Error) as cm:
            completed.dup_error()
        self.assertIn('completed', cm.exception.message)
        with self.assertRaises(GLib.Error) as cm:
            failed.get_result()
        self.assertIn('failed', cm.exception.message)


class TestRefusedAtSubmit(unittest.TestCase):
    def test_pool_and_max_workers(self):
        with self.assertRaises(GLib.Error) as cm:
            Futures.Executor(worker_pool=Futures.ThreadPool.new(1), max_workers=1)
        self.assertTrue(is_futures_error(cm.exception, Error.NOT_SUPPORTED))

    def test_process_workers_run_only_named_tasks(self):
        # Refused before any worker process is started.
        context = Futures.ProcessContext(argv=['/bin/false'])
        executor = Futures.Executor(context=context, max_workers=1)
        try:
            for submit in (lambda: executor.submit_call(noop),
                           lambda: executor.submit_iteration(iter, ()),
                           lambda: executor.submit(PlainFuture, noop)):
                with self.assertRaises(GLib.Error) as cm:
                    submit()
                self.assertTrue(is_futures_error(cm.exception, Error.NOT_SUPPORTED),
                                cm.exception.message)
            self.assertEqual(len(executor), 0)
        finally:
            executor.shutdown(-1)

    def test_unknown_name_and_unserializable_arguments(self):
        executor = Futures.Executor()
        try:
            with self.assertRaises(GLib.Error) as cm:
                executor.submit_named(Futures.CallFuture, 'test-errors-unknown')
            self.assertTrue(is_futures_error(cm.exception, Error.NOT_REGISTERED))
            self.assertIn('test-errors-unknown', cm.exception.message)
            with self.assertRaises(GLib.Error) as cm:
                executor.submit_named(Futures.CallFuture, 'test-errors-noop', {1: None})
            self.assertTrue(is_futures_error(cm.exception, Error.NOT_SERIALIZABLE))
            self.assertEqual(len(executor), 0)
        finally:
            executor.shutdown(-1)


if __name__ == '__main__':
    taprunner.main()
