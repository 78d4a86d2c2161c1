#!/usr/bin/python3
# test_bindings.py: the properties a user interface binds (future state,
# done, may-cancel; progress fraction and text; executor state, running,
# stopped, n-futures), bound with GObject.Object.bind_property, with and
# without transforms, to a plain GObject standing for a widget.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import gc
import threading

import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures, GLib, GObject  # noqa: E402

import taprunner  # noqa: E402
from testutil import (MAIN_THREAD, ExecutorTestCase, Gate, State, run_until,  # noqa: E402
                      wait_done)

SYNC = GObject.BindingFlags.SYNC_CREATE


class Widget(GObject.Object):
    """Stands for a widget: properties a UI binds, each set recorded."""

    sensitive = GObject.Property(type=bool, default=False)
    visible = GObject.Property(type=bool, default=False)
    label = GObject.Property(type=str)
    percent = GObject.Property(type=int, default=-1)

    def __init__(self):
        super().__init__()
        self.history = {}
        self.threads = set()
        self.connect('notify', self.on_notify)

    def on_notify(self, widget, pspec):
        self.threads.add(threading.get_ident())
        self.history.setdefault(pspec.name, []).append(self.get_property(pspec.name))


def nick(binding, state):
    return state.value_nick.upper()


class TestFutureBindings(ExecutorTestCase):
    def bind_all(self, future):
        """A cancel button, a spinner and a status label for ``future``."""
        widget = Widget()
        future.bind_property('may-cancel', widget, 'sensitive', SYNC)
        future.bind_property('done', widget, 'visible',
                             SYNC | GObject.BindingFlags.INVERT_BOOLEAN)
        future.bind_property('state', widget, 'label', SYNC, nick)
        return widget

    def test_completed(self):
        future = self.executor.submit_call(lambda: 'ok')
        widget = self.bind_all(future)
        wait_done(future)
        self.assertEqual(widget.history, {
            'sensitive': [True, False],
            'visible': [True, False],
            'label': ['WAITING', 'EXECUTING', 'COMPLETED'],
        })
        self.assertEqual(widget.threads, {MAIN_THREAD})

    def test_failed(self):
        future = self.executor.submit_call(lambda: {}['missing'])
        widget = self.bind_all(future)
        wait_done(future)
        self.assertEqual(widget.history['label'], ['WAITING', 'EXECUTING', 'FAILED'])
        self.assertEqual(widget.history['sensitive'], [True, False])

    def test_cancelled_while_running(self):
        started, gate = Gate(), self.gate()
        future = self.executor.submit_call(lambda: started.set() or gate.wait())
        widget = self.bind_all(future)
        started.wait()
        run_until(lambda: future.props.state == State.EXECUTING)
        future.cancel()
        # The cancel button goes insensitive at once; the spinner spins on
        # until the task has really stopped.
        self.assertEqual(widget.history['sensitive'], [True, False])
        self.assertEqual(widget.history['visible'], [True])
        gate.set()
        wait_done(future)
        self.assertEqual(widget.history, {
            'sensitive': [True, False],
            'visible': [True, False],
            'label': ['WAITING', 'EXECUTING', 'CANCELLING', 'CANCELLED'],
        })

    def test_cancelled_before_it_started(self):
        executor = Futures.Executor(max_workers=1)
        self.addCleanup(executor.shutdown, -1)
        gate = self.gate()
        blocker = executor.submit_call(gate.wait)
        future = executor.submit_call(lambda: 'never')
        widget = self.bind_all(future)
        future.cancel()
        gate.set()
        wait_done(future, blocker)
        self.assertEqual(widget.history['label'], ['WAITING', 'CANCELLING', 'CANCELLED'])
        self.assertEqual(widget.history['sensitive'], [True, False])

    def test_progress_bar_and_caption(self):
        future = self.submit_progress_in_step([(0.25, 'reading'), (0.5, None), (1.0, 'written')])
        widget = Widget()
        future.bind_property('fraction', widget, 'percent', SYNC,
                             lambda binding, fraction: round(fraction * 100))
        future.bind_property('text', widget, 'label', SYNC,
                             lambda binding, text: text or '…')
        wait_done(future)
        self.assertEqual(widget.history, {
            'percent': [0, 25, 50, 100],
            'label': ['…', 'reading', '…', 'written'],
        })

    def test_property_of_a_python_future_type(self):
        class Download(Futures.Future):
            status = GObject.Property(type=str, default='queued')

            def do_dispatch(self, kind, value):
                self.status = value

        def work(task):
            for status in ('connecting', 'receiving', 'verifying'):
                task.send('status', status)

        future = self.executor.submit(Download, work)
        widget = Widget()
        future.bind_property('status', widget, 'label', SYNC, lambda b, s: s.capitalize())
        wait_done(future)
        self.assertEqual(widget.history['label'],
                         ['Queued', 'Connecting', 'Receiving', 'Verifying'])

    def test_unbind_stops_following(self):
        gate = self.gate()
        future = self.executor.submit_call(gate.wait)
        widget = Widget()
        binding = future.bind_property('state', widget, 'label', SYNC, nick)
        binding.unbind()
        gate.set()
        wait_done(future)
        self.assertEqual(widget.history['label'], ['WAITING'])

    def test_binding_needs_no_python_reference(self):
        widget = Widget()
        gate = self.gate()
        self.executor.submit_call(gate.wait).bind_property('may-cancel', widget, 'sensitive',
                                                           SYNC)
        gc.collect()
        gate.set()
        run_until(lambda: len(self.executor) == 0)
        self.assertEqual(widget.history['sensitive'], [True, False])


class TestExecutorBindings(ExecutorTestCase):
    def test_jobs_label_and_buttons(self):
        executor = self.executor
        widget = Widget()
        executor.bind_property('n-futures', widget, 'label', SYNC,
                               lambda binding, n: f'{n} job{"" if n == 1 else "s"}')
        executor.bind_property('running', widget, 'sensitive', SYNC)
        executor.bind_property('stopped', widget, 'visible', SYNC)
        gates = [self.gate() for _ in range(3)]
        futures = [executor.submit_call(gate.wait) for gate in gates]
        for gate, future in zip(gates, futures):
            gate.set()
            wait_done(future)
        executor.stop()
        self.assertEqual(widget.history, {
            'label': ['0 jobs', '1 job', '2 jobs', '3 jobs', '2 jobs', '1 job', '0 jobs'],
            'sensitive': [True, False],
            'visible': [False, True],
        })
        self.assertEqual(widget.threads, {MAIN_THREAD})

    def test_state_while_shutting_down(self):
        executor = self.executor
        widget = Widget()
        executor.bind_property('state', widget, 'label', SYNC, nick)
        gate = self.gate()
        executor.submit_call(gate.wait)
        stopped = []
        executor.shutdown_async(None, lambda e, r: stopped.append(e.shutdown_finish(r)))
        self.assertEqual(widget.history['label'], ['RUNNING', 'STOPPING'])
        gate.set()
        run_until(lambda: stopped)
        self.assertEqual(widget.history['label'], ['RUNNING', 'STOPPING', 'STOPPED'])


class TestNotifyOnlyOnChange(ExecutorTestCase):
    def test_each_property_of_a_future_once_per_change(self):
        future = self.executor.submit_iteration(lambda: iter(range(100)))
        counts = {}
        for name in ('state', 'done', 'may-cancel', 'items'):
            future.connect('notify::' + name,
                           lambda f, p: counts.__setitem__(p.name, counts.get(p.name, 0) + 1))
        wait_done(future)
        # EXECUTING then COMPLETED; done and may-cancel change once; the
        # items model is the same object throughout.
        self.assertEqual(counts, {'state': 2, 'done': 1, 'may-cancel': 1})

    def test_executor_stopping_twice_notifies_once(self):
        executor = self.executor
        counts = {}
        for name in ('state', 'running', 'stopped', 'n-futures'):
            executor.connect('notify::' + name,
                             lambda e, p: counts.__setitem__(p.name, counts.get(p.name, 0) + 1))
        executor.stop()
        with self.assertRaises(GLib.Error):
            executor.stop()
        self.assertEqual(counts, {'state': 2, 'running': 1, 'stopped': 1})


if __name__ == '__main__':
    taprunner.main()
