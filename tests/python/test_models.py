#!/usr/bin/python3
# test_models.py: the list models from Python. The executor is a
# Gio.ListModel of its live futures whose items-changed follow the futures'
# lifetimes (added at submit, removed once done); an iteration future's
# items are a Gio.ListModel of Futures.Item that grows in batches.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import gc
import random
import threading

import gi
gi.require_version('Futures', '1.0')
gi.require_version('Gio', '2.0')
from gi.repository import Futures, Gio, GLib  # noqa: E402

import taprunner  # noqa: E402
from testutil import (MAIN_THREAD, ExecutorTestCase, Gate, State, run_until,  # noqa: E402
                      wait_done)


class Mirror:
    """A Python list kept equal to a list model by replaying items-changed.

    After every emission the mirror is compared with the model (a mismatch
    is recorded, as PyGObject would swallow an assertion in a handler), and
    what each emission removed is kept with the state it was in then.
    """

    def __init__(self, model):
        self.model = model
        self.items = list(model)
        self.events = []
        self.removed = []     # (item, its state, its done) at removal
        self.mismatches = []
        self.threads = set()
        model.connect('items-changed', self.on_items_changed)

    def on_items_changed(self, model, position, removed, added):
        self.threads.add(threading.get_ident())
        self.events.append((position, removed, added))
        for item in self.items[position:position + removed]:
            self.removed.append((item, item.props.state, item.props.done))
        self.items[position:position + removed] = [model.get_item(i)
                                                   for i in range(position, position + added)]
        if self.items != list(model) or len(self.items) != model.get_n_items():
            self.mismatches.append((position, removed, added))


class TestExecutorModel(ExecutorTestCase):
    def test_list_model_api(self):
        executor = self.executor
        self.assertIsInstance(executor, Gio.ListModel)
        self.assertEqual(executor.get_item_type(), Futures.Future.__gtype__)
        self.assertEqual(len(executor), 0)
        self.assertTrue(executor)  # even with no futures
        gate = self.gate()
        futures = [executor.submit_call(gate.wait),
                   executor.submit_iteration(lambda: iter([gate.wait()])),
                   executor.submit_progress(lambda progress: gate.wait())]
        self.assertEqual(len(executor), 3)
        self.assertEqual(executor.get_n_items(), 3)
        self.assertEqual(list(executor), futures)
        self.assertIs(executor[0], futures[0])
        self.assertIs(executor[-1], futures[2])
        self.assertIs(executor.get_item(1), futures[1])
        self.assertIsNone(executor.get_item(3))
        with self.assertRaises(IndexError):
            executor[3]
        self.assertEqual(executor.props.n_futures, 3)
        gate.set()
        wait_done(*futures)
        self.assertEqual(len(executor), 0)
        self.assertEqual(list(executor), [])

    def test_items_changed_follows_the_futures_lifetimes(self):
        # Every future blocks on its own gate, so that they end one at a
        # time, in an order chosen here (seeded, so reproducible).
        n = 8
        executor = Futures.Executor(max_workers=n)
        self.addCleanup(executor.shutdown, -1)
        mirror = Mirror(executor)
        gates = [self.gate() for _ in range(n)]
        in_model_at_done = []
        futures = []
        for i in range(n):
            future = executor.submit_call(gates[i].wait)
            # Added at submit: one item at the end, before submit returned.
            self.assertEqual(mirror.events[-1], (i, 0, 1))
            self.assertIs(mirror.items[i], future)
            future.connect('notify::done',
                           lambda f, p: in_model_at_done.append(f in list(executor)))
            futures.append(future)
        self.assertEqual(len(mirror.events), n)

        for k in random.Random(20261122).sample(range(n), n):
            position = mirror.items.index(futures[k])
            before = len(mirror.events)
            gates[k].set()
            wait_done(futures[k])
            # Removed once done: exactly one emission, at its position.
            self.assertEqual(mirror.events[before:], [(position, 1, 0)])
            self.assertEqual(mirror.removed[-1], (futures[k], State.COMPLETED, True))
            self.assertNotIn(futures[k], mirror.items)

        self.assertEqual(mirror.items, [])
        self.assertEqual(mirror.mismatches, [])
        self.assertEqual(mirror.threads, {MAIN_THREAD})
        # Out of the model before notify::done told anyone it was done.
        self.assertEqual(in_model_at_done, [False] * n)

    def test_every_outcome_and_future_type(self):
        class Custom(Futures.Future):
            pass

        executor = Futures.Executor(max_workers=1)
        self.addCleanup(executor.shutdown, -1)
        mirror = Mirror(executor)
        gate = self.gate()
        blocker = executor.submit_call(gate.wait)
        futures = [
            executor.submit_iteration(lambda: iter(range(3))),
            executor.submit_progress(lambda progress: progress(0.5)),
            executor.submit(Custom, lambda task: task.send('x', 1)),
            executor.submit_call(lambda: 1 / 0),
            executor.submit_call(lambda: 'cancelled before it started'),
        ]
        self.assertEqual(mirror.items, [blocker] + futures)
        # Cancelled, it stays in the model until it is done.
        futures[-1].cancel()
        self.assertEqual(futures[-1].props.state, State.CANCELLING)
        self.assertIn(futures[-1], list(executor))
        gate.set()
        wait_done(blocker, *futures)
        self.assertEqual(mirror.items, [])
        self.assertEqual(len(mirror.events), 12)
        self.assertEqual(sorted(state.value_nick for _, state, _ in mirror.removed),
                         ['cancelled', 'completed', 'completed', 'completed', 'completed',
                          'failed'])
        self.assertTrue(all(done for _, _, done in mirror.removed))
        self.assertEqual(mirror.mismatches, [])

    def test_many_futures_ending_in_any_order(self):
        executor = self.executor
        mirror = Mirror(executor)
        rng = random.Random(4)
        futures = []
        for i in range(300):
            kind = rng.randrange(3)
            if kind == 0:
                futures.append(executor.submit_call(sum, range(rng.randrange(5000))))
            elif kind == 1:
                futures.append(executor.submit_iteration(range, rng.randrange(50)))
            else:
                futures.append(executor.submit_call(lambda: 'cancel me'))
                futures[-1].cancel()
        # n-futures is the number of items whenever it is notified.
        n_futures = []
        executor.connect('notify::n-futures',
                         lambda e, p: n_futures.append((e.props.n_futures, len(e))))
        wait_done(*futures)
        self.assertEqual(mirror.items, [])
        self.assertEqual(mirror.mismatches, [])
        self.assertEqual(len(mirror.events), 600)
        self.assertEqual(sorted(id(item) for item, _, _ in mirror.removed),
                         sorted(id(f) for f in futures))
        self.assertEqual(len(n_futures), 300)
        self.assertTrue(all(a == b for a, b in n_futures))

    def test_shutdown_empties_the_model(self):
        executor = self.executor
        gate = self.gate()
        futures = [executor.submit_call(gate.wait) for _ in range(5)]
        mirror = Mirror(executor)
        stopped = []
        executor.shutdown_async(None, lambda e, r: stopped.append(e.shutdown_finish(r)))
        gate.set()
        run_until(lambda: stopped)
        self.assertEqual(mirror.items, [])
        self.assertEqual(len(mirror.events), 5)
        self.assertTrue(all(removed == 1 and added == 0 for _, removed, added in mirror.events))
        self.assertEqual({state for _, state, _ in mirror.removed}, {State.CANCELLED})
        self.assertEqual(len(futures), 5)


class TestItemsModel(ExecutorTestCase):
    max_workers = 1

    def test_list_model_of_items(self):
        values = ['text', 7, True, 2.5, GLib.Variant('(is)', (1, 'x')), None]
        future = self.executor.submit_iteration(lambda: iter(values))
        items = future.get_items()
        self.assertIsInstance(items, Gio.ListModel)
        self.assertEqual(items.get_item_type(), Futures.Item.__gtype__)
        self.assertIs(future.props.items, items)
        self.assertIs(future.get_items(), items)
        wait_done(future)
        self.assertEqual(len(items), len(values))
        self.assertEqual([item.get_value() for item in items], values)
        self.assertEqual([item.props.value for item in items], values)
        self.assertEqual([item.props.position for item in items], list(range(len(values))))
        # The value's GLib type shows through in its text, made in C.
        self.assertEqual([item.props.string for item in items][:5],
                         ['text', '7', 'TRUE', '2.500000', "(1, 'x')"])
        self.assertIsNone(items.get_item(len(values)))
        # One object per position, made when first asked for.
        self.assertIs(items[0], items.get_item(0))

    def test_python_objects_are_themselves(self):
        payloads = [{'i': i} for i in range(3)]
        future = self.executor.submit_iteration(lambda: iter(payloads))
        items = future.get_items()
        wait_done(future)
        for item, payload in zip(items, payloads):
            self.assertIs(item.get_value(), payload)
            self.assertTrue(item.props.string)  # some text, whatever it is

    def test_grows_in_batches(self):
        n = 500
        produced = Gate()

        def produce():
            yield from range(n)
            produced.set()

        future = self.executor.submit_iteration(produce)
        items = future.get_items()
        mirror = Mirror(items)
        # Every item is sent while the main context does not run...
        produced.wait()
        wait_done(future)
        # ...and arrives in a few appends, never one emission per item.
        self.assertEqual(sum(added for _, _, added in mirror.events), n)
        self.assertTrue(all(removed == 0 for _, removed, _ in mirror.events))
        positions = [position for position, _, _ in mirror.events]
        self.assertEqual(positions, sorted(set(positions)))
        self.assertLess(len(mirror.events), n // 10)
        self.assertEqual([item.get_value() for item in mirror.items], list(range(n)))
        self.assertEqual(mirror.mismatches, [])
        self.assertEqual(mirror.threads, {MAIN_THREAD})

    def test_complete_before_done_is_notified(self):
        for n in (0, 1, 3000):
            future = self.executor.submit_iteration(range, n)
            items = future.get_items()
            at_done = []
            future.connect('notify::done', lambda f, p: at_done.append(len(items)))
            waited = []
            future.wait_async(None, lambda f, r: waited.append(len(items)))
            run_until(lambda: waited)
            self.assertEqual((at_done, waited), ([n], [n]))

    def test_items_follow_the_item_signal(self):
        gate = self.gate()

        def produce():
            for i in range(10):
                if i == 5:
                    gate.wait()
                yield i

        future = self.executor.submit_iteration(produce)
        items = future.get_items()
        signalled = []
        future.connect('item', lambda f, value: signalled.append(value))
        run_until(lambda: len(items) == 5)
        self.assertEqual(signalled, list(range(5)))
        future.cancel()
        gate.set()
        wait_done(future)
        # What was delivered stays; nothing comes after the cancel.
        self.assertEqual([item.get_value() for item in items], signalled)
        self.assertEqual(len(items), future.get_n_items())

    def test_made_late_holds_the_later_items(self):
        gate = self.gate()

        def produce():
            yield 'early'
            gate.wait()
            yield 'late'

        future = self.executor.submit_iteration(produce)
        early = []
        future.connect('item', lambda f, value: early.append(value))
        run_until(lambda: early)
        items = future.get_items()
        gate.set()
        wait_done(future)
        self.assertEqual([(item.props.position, item.get_value()) for item in items],
                         [(0, 'late')])
        self.assertEqual(future.get_n_items(), 2)

    def test_outlives_its_future(self):
        executor = Futures.Executor()
        future = executor.submit_iteration(lambda: iter(['kept', 'too']))
        items = future.get_items()
        wait_done(future)
        executor.shutdown(-1)
        del future, executor
        gc.collect()
        self.assertEqual([item.props.string for item in items], ['kept', 'too'])


if __name__ == '__main__':
    taprunner.main()
