#!/usr/bin/python3
# test_cancellation.py: cancelling a future in every state, for every task
# type (call, iteration, progress, a future type of one's own, a named task
# on threads): what cancel() returns, the notifications, the final state,
# and that a task cancelled before it started never runs.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures, GLib  # noqa: E402

import taprunner  # noqa: E402
from testutil import ExecutorTestCase, Gate, SignalLog, State, run_until, wait_done  # noqa: E402

CANCELLED_SEQUENCE = [
    ('notify::state', State.CANCELLING),
    ('notify::may-cancel', False),
    ('notify::state', State.CANCELLED),
    ('notify::done', True),
]


class Work:
    """What a task does: says it ran, waits for its gate, says it finished."""

    def __init__(self, gate, fail):
        self.gate = gate
        self.fail = fail
        self.ran = Gate()
        self.finished = Gate()

    def body(self):
        self.gate.wait()
        self.finished.set()
        if self.fail:
            raise ValueError('failed on purpose')
        return 'result'


# Named tasks find their Work here, by a key passed as their argument.
named_work = {}


def named_call(key):
    work = named_work[key]
    work.ran.set()
    return work.body()


Futures.register_task('test-cancellation-call', named_call)


class PlainFuture(Futures.Future):
    pass


class CancellationCases:
    """The cases, for a task type given by ``start(work)``.

    ``start`` submits a task that runs ``work``: it sets ``work.ran``,
    makes the type's messages (``observed`` are their signals), then
    returns ``work.body()``, which ignores cancellation.
    """

    max_workers = 1
    observed = ()
    runs_to_its_end = True

    def submit(self, fail=False):
        work = Work(self.gate(), fail)
        future = self.start(work)
        self.messages = SignalLog(future, *self.observed)
        self.log = SignalLog(future, 'notify::state', 'notify::may-cancel', 'notify::done')
        return future, work

    def assert_cancelled(self, future):
        self.assertEqual(future.props.state, State.CANCELLED)
        self.assertEqual(self.log.events, CANCELLED_SEQUENCE)
        with self.assertRaises(GLib.Error) as cm:
            future.get_result()
        self.assert_error(cm.exception, Futures.Error.INVALID_STATE)
        with self.assertRaises(GLib.Error) as cm:
            future.dup_error()
        self.assert_error(cm.exception, Futures.Error.INVALID_STATE)

    def assert_cancelling(self, future):
        self.assertEqual(future.props.state, State.CANCELLING)
        self.assertFalse(future.props.may_cancel)
        self.assertFalse(future.props.done)
        # A second cancel does nothing, and says so.
        self.assertFalse(future.cancel())
        self.assertEqual(self.log.events, CANCELLED_SEQUENCE[:2])

    def test_cancel_waiting(self):
        busy = self.gate()
        blocker = self.executor.submit_call(busy.wait)
        future, work = self.submit()
        work.gate.set()  # it would not wait, if it ran
        self.assertEqual(future.props.state, State.WAITING)
        self.assertTrue(future.props.may_cancel)
        self.assertTrue(future.cancel())
        self.assert_cancelling(future)
        busy.set()
        wait_done(future, blocker)
        self.assert_cancelled(future)
        self.assertFalse(work.ran.is_set())
        self.assertEqual(self.messages.events, [])

    def test_cancel_executing(self):
        future, work = self.submit()
        work.ran.wait()
        run_until(lambda: future.props.state == State.EXECUTING)
        self.assertEqual(self.log.events, [('notify::state', State.EXECUTING)])
        self.log.events.clear()
        self.assertTrue(future.props.may_cancel)
        self.assertTrue(future.cancel())
        self.assert_cancelling(future)
        work.gate.set()
        wait_done(future)
        self.assert_cancelled(future)
        if self.runs_to_its_end:
            self.assertTrue(work.finished.is_set())  # and its outcome was dropped

    def test_cancel_after_the_task_returned_before_it_is_told(self):
        future, work = self.submit()
        work.gate.set()
        work.finished.wait()
        # The main context has not run since: the future still looks WAITING,
        # and the outcome on its way is discarded.
        self.assertEqual(future.props.state, State.WAITING)
        self.assertTrue(future.cancel())
        self.assert_cancelling(future)
        wait_done(future)
        self.assert_cancelled(future)
        self.assertEqual(self.messages.events, [])

    def assert_cancel_does_nothing(self, future, state):
        self.assertEqual(future.props.state, state)
        before = list(self.log.events)
        self.assertFalse(future.props.may_cancel)
        self.assertFalse(future.cancel())
        self.assertEqual(future.props.state, state)
        self.assertEqual(self.log.events, before)

    def test_cancel_completed(self):
        future, work = self.submit()
        work.gate.set()
        wait_done(future)
        self.assert_cancel_does_nothing(future, State.COMPLETED)
        self.assertIsNotNone(future.get_result())

    def test_cancel_failed(self):
        future, work = self.submit(fail=True)
        work.gate.set()
        wait_done(future)
        self.assert_cancel_does_nothing(future, State.FAILED)
        self.assertIn('failed on purpose', future.dup_error().message)

    def test_cancel_cancelled(self):
        future, work = self.submit()
        future.cancel()
        work.gate.set()
        wait_done(future)
        self.assert_cancel_does_nothing(future, State.CANCELLED)


class TestCall(CancellationCases, ExecutorTestCase):
    def start(self, work):
        def run():
            work.ran.set()
            return work.body()
        return self.executor.submit_call(run)


class TestIteration(CancellationCases, ExecutorTestCase):
    observed = ('item',)
    runs_to_its_end = False  # the override stops it before it goes on

    def start(self, work):
        def produce():
            work.ran.set()
            yield 'first'
            return work.body()
        return self.executor.submit_iteration(produce)


class TestProgress(CancellationCases, ExecutorTestCase):
    observed = ('progress',)

    def start(self, work):
        def report(progress):
            work.ran.set()
            progress(0.5, 'half')
            return work.body()
        return self.executor.submit_progress(report)


class TestCustomType(CancellationCases, ExecutorTestCase):
    observed = ('message',)

    def start(self, work):
        def run(task):
            work.ran.set()
            task.send('status', 'started')
            return work.body()
        return self.executor.submit(PlainFuture, run)


class TestNamedOnThreads(CancellationCases, ExecutorTestCase):
    def start(self, work):
        key = self.id()
        named_work[key] = work
        self.addCleanup(named_work.pop, key)
        return self.executor.submit_named(Futures.CallFuture, 'test-cancellation-call', key)


if __name__ == '__main__':
    taprunner.main()
