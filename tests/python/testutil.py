# testutil.py: what the Python tests of futures and executors share.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Nothing here measures time: tests wait for conditions while iterating a
# main context, with a generous deadline that only turns a hang into a
# failure. Workers wait on Gates, which the test case opens in tearDown
# whatever happened, so that a failing test never leaves a worker blocked.

import threading
import unittest

import gi
gi.require_version('Futures', '1.0')
gi.require_version('Gio', '2.0')
from gi.repository import Futures, Gio, GLib  # noqa: E402

MAIN_THREAD = threading.get_ident()
State = Futures.FutureState
ExecutorState = Futures.ExecutorState
TIMEOUT_SECONDS = 30
DONE_STATES = (State.COMPLETED, State.FAILED, State.CANCELLED)


def run_until(condition, context=None):
    """Iterate ``context`` (the default one) until ``condition()`` holds."""
    context = context or GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + TIMEOUT_SECONDS * 1000000
    while not condition():
        if GLib.get_monotonic_time() > deadline:
            raise AssertionError('timed out waiting in the main context')
        context.iteration(True)


def wait_done(*futures):
    run_until(lambda: all(future.props.done for future in futures))


def iterate_pending(context=None):
    """Dispatch what is ready now, without blocking."""
    context = context or GLib.MainContext.default()
    while context.iteration(False):
        pass


class Gate(threading.Event):
    """An event a worker waits on; a wait that times out raises."""

    def wait(self, timeout=TIMEOUT_SECONDS):
        if not super().wait(timeout):
            raise TimeoutError('the gate was never opened')
        return True


def is_futures_error(error, code):
    return isinstance(error, GLib.Error) and error.matches(Futures.error_quark(), code)


def is_cancelled_error(error):
    return isinstance(error, GLib.Error) and error.matches(Gio.io_error_quark(),
                                                           Gio.IOErrorEnum.CANCELLED)


class SignalLog:
    """Records emissions of signals of ``obj``, in order, and their threads.

    Each event is ``(signal, args)``; for a notify signal args is the
    property's new value instead of the GParamSpec.
    """

    def __init__(self, obj, *detailed_signals):
        self.events = []
        self.threads = set()
        for name in detailed_signals:
            obj.connect(name, self._on_signal, name)

    def _on_signal(self, obj, *args):
        name = args[-1]
        args = args[:-1]
        self.threads.add(threading.get_ident())
        if name.startswith('notify::'):
            args = obj.get_property(args[0].name)
        self.events.append((name, args))

    def of(self, name):
        return [args for signal, args in self.events if signal == name]


class AsyncOutcome:
    """The callback of an _async call: calls ``finish`` and keeps the outcome.

    ``outcome`` is ``('ok', value)`` or ``('error', GLib.Error)``.
    """

    def __init__(self, finish):
        self.finish = finish
        self.calls = []
        self.threads = set()

    def __call__(self, source, result, *user_data):
        self.threads.add(threading.get_ident())
        try:
            outcome = ('ok', self.finish(source, result))
        except GLib.Error as error:
            outcome = ('error', error)
        self.calls.append((source, outcome, user_data))

    @property
    def called(self):
        return bool(self.calls)

    @property
    def outcome(self):
        assert len(self.calls) == 1, f'called {len(self.calls)} times'
        return self.calls[0][1]

    def wait(self):
        run_until(lambda: self.calls)
        return self.outcome


class ExecutorTestCase(unittest.TestCase):
    """A thread executor per test, shut down afterwards; gates opened first."""

    max_workers = 2

    def setUp(self):
        self.gates = []
        self.executor = Futures.Executor(max_workers=self.max_workers)

    def tearDown(self):
        for gate in self.gates:
            gate.set()
        if not self.executor.props.stopped:
            try:
                self.executor.shutdown(TIMEOUT_SECONDS * 1000)
            except GLib.Error:
                pass  # a test left it routing by hand; the pool is stuck

    def gate(self):
        gate = Gate()
        self.gates.append(gate)
        return gate

    def submit_progress_in_step(self, steps):
        """A progress task reporting ``steps``, (fraction, text) pairs, each
        once the main context has delivered the one before."""
        delivered = self.gate()

        def work(progress):
            for fraction, text in steps:
                delivered.clear()
                progress(fraction, text)
                delivered.wait()

        future = self.executor.submit_progress(work)
        future.connect('progress', lambda *args: delivered.set())
        return future

    def assert_error(self, error, code):
        self.assertTrue(is_futures_error(error, code),
                        f'{error.domain}:{error.code} {error.message}')

    def assert_cancelled_error(self, error):
        self.assertTrue(is_cancelled_error(error), f'{error.domain}:{error.code} {error.message}')
