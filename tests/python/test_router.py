#!/usr/bin/python3
# test_router.py: the message-routing layer driven from Python (PyGObject).
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


def iterate_pending(context=None):
    context = context or GLib.MainContext.default()
    while context.iteration(False):
        pass


def assert_futures_error(case, code):
    """Context manager: the block raises GLib.Error in FUTURES_ERROR/code."""
    class Checker:
        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc, tb):
            case.assertIsNotNone(exc, f'expected a Futures error {code}')
            case.assertIsInstance(exc, GLib.Error)
            case.assertTrue(exc.matches(Futures.error_quark(), code),
                            f'{exc.domain}:{exc.code} {exc.message}')
            return True
    return Checker()


class Inbox:
    def __init__(self, receiver):
        self.values = []
        self.threads = set()
        receiver.connect('message', self.on_message)

    def on_message(self, receiver, value):
        self.threads.add(threading.get_ident())
        self.values.append(value)


class Payload:
    """An arbitrary Python object: PyGObject carries it as a boxed PyObject."""

    def __init__(self, data):
        self.data = data


class RouterTestCase(unittest.TestCase):
    def setUp(self):
        self.router = Futures.ThreadRouter.new()
        self.router.start()

    def tearDown(self):
        if self.router.get_running():
            self.router.stop()

    def pipe(self):
        sender, receiver = self.router.pipe()
        self.addCleanup(self.close_quietly, receiver)
        return sender, receiver

    def close_quietly(self, receiver):
        if self.router.get_running():
            try:
                self.router.close_pipe(receiver)
            except GLib.Error:
                pass


class TestRouterLifecycle(RouterTestCase):
    def test_running_property(self):
        self.assertTrue(self.router.props.running)
        self.router.stop()
        self.assertFalse(self.router.props.running)
        self.assertFalse(self.router.get_running())

    def test_start_twice(self):
        with assert_futures_error(self, Futures.Error.ALREADY_RUNNING):
            self.router.start()
        self.assertTrue(self.router.get_running())

    def test_stop_not_running(self):
        self.router.stop()
        with assert_futures_error(self, Futures.Error.NOT_RUNNING):
            self.router.stop()

    def test_pipe_not_running(self):
        self.router.stop()
        with assert_futures_error(self, Futures.Error.NOT_RUNNING):
            self.router.pipe()

    def test_close_pipe_not_running(self):
        sender, receiver = self.router.pipe()
        self.router.close_pipe(receiver)
        self.router.stop()
        with assert_futures_error(self, Futures.Error.NOT_RUNNING):
            self.router.close_pipe(receiver)

    def test_close_pipe_twice(self):
        sender, receiver = self.router.pipe()
        self.router.close_pipe(receiver)
        with assert_futures_error(self, Futures.Error.UNKNOWN_PIPE):
            self.router.close_pipe(receiver)

    def test_close_other_routers_pipe(self):
        other = Futures.ThreadRouter.new()
        other.start()
        sender, receiver = other.pipe()
        with assert_futures_error(self, Futures.Error.UNKNOWN_PIPE):
            self.router.close_pipe(receiver)
        other.close_pipe(receiver)
        other.stop()

    def test_error_message_is_readable(self):
        try:
            self.router.start()
        except GLib.Error as e:
            self.assertEqual(e.domain, 'futures-error-quark')
            self.assertIn('already running', e.message)
        else:
            self.fail('start() on a running router did not raise')

    def test_context(self):
        self.assertEqual(self.router.get_context(), GLib.MainContext.default())
        context = GLib.MainContext.new()
        router = Futures.ThreadRouter.new_for_context(context)
        self.assertEqual(router.get_context(), context)
        self.assertEqual(router.props.context, context)

    def test_priority(self):
        self.assertEqual(self.router.props.priority, GLib.PRIORITY_DEFAULT_IDLE)
        self.router.props.priority = GLib.PRIORITY_HIGH
        self.assertEqual(self.router.get_priority(), GLib.PRIORITY_HIGH)


class TestPipes(RouterTestCase):
    def test_connection_ids(self):
        sender, receiver = self.pipe()
        sender2, receiver2 = self.pipe()
        self.assertEqual(sender.get_connection_id(), receiver.props.connection_id)
        self.assertEqual(sender.props.connection_id, receiver.get_connection_id())
        self.assertNotEqual(receiver.props.connection_id, receiver2.props.connection_id)

    def test_values_of_several_types(self):
        sender, receiver = self.pipe()
        inbox = Inbox(receiver)
        action = Gio.SimpleAction.new('act', None)
        variant = GLib.Variant('(sai)', ('x', [1, 2, 3]))
        payload = Payload({'nested': [1, 'two', 3.0]})

        sender.start()
        for value in (42, -7, 'héllo', 2.5, True, action, variant, payload):
            sender.send(value)
        sender.stop()

        # Delivery waits for the main context.
        self.assertEqual(inbox.values, [])
        iterate_pending()

        self.assertEqual(len(inbox.values), 8)
        self.assertEqual(inbox.values[0], 42)
        self.assertEqual(inbox.values[1], -7)
        self.assertEqual(inbox.values[2], 'héllo')
        self.assertEqual(inbox.values[3], 2.5)
        self.assertIs(inbox.values[4], True)
        self.assertIs(inbox.values[5], action)
        self.assertEqual(inbox.values[6].unpack(), ('x', [1, 2, 3]))
        self.assertIs(inbox.values[7], payload)
        self.assertEqual(inbox.values[7].data, {'nested': [1, 'two', 3.0]})
        self.assertEqual(inbox.threads, {MAIN_THREAD})

    def test_explicit_gvalue(self):
        sender, receiver = self.pipe()
        inbox = Inbox(receiver)
        value = GObject.Value(GObject.TYPE_UINT64, 2 ** 63 + 5)
        sender.start()
        sender.send(value)
        iterate_pending()
        self.assertEqual(inbox.values, [2 ** 63 + 5])

    def test_messages_from_python_threads(self):
        pipes = [self.pipe() for _ in range(4)]
        inboxes = [Inbox(receiver) for _, receiver in pipes]
        count = 2000

        def work(sender, tag):
            sender.start()
            for i in range(count):
                sender.send((tag, i))
            sender.stop()

        threads = [threading.Thread(target=work, args=(sender, n))
                   for n, (sender, _) in enumerate(pipes)]
        for t in threads:
            t.start()

        context = GLib.MainContext.default()
        deadline = GLib.get_monotonic_time() + 60 * 1000000
        while any(len(inbox.values) < count for inbox in inboxes):
            self.assertLess(GLib.get_monotonic_time(), deadline, 'messages lost')
            context.iteration(True)
        for t in threads:
            t.join()
        iterate_pending()

        for n, inbox in enumerate(inboxes):
            self.assertEqual(inbox.values, [(n, i) for i in range(count)])
            self.assertEqual(inbox.threads, {MAIN_THREAD})

    def test_closed_pipe_drops_messages(self):
        sender, receiver = self.router.pipe()
        inbox = Inbox(receiver)
        sender.start()
        sender.send(1)
        iterate_pending()
        self.router.close_pipe(receiver)
        sender.send(2)
        # The dropped message is announced by a g_warning on stderr.
        iterate_pending()
        self.assertEqual(inbox.values, [1])

    def test_send_after_router_stop(self):
        sender, receiver = self.router.pipe()
        sender.start()
        self.router.close_pipe(receiver)
        self.router.stop()
        with assert_futures_error(self, Futures.Error.NOT_RUNNING):
            sender.send('nobody listens')
        self.assertEqual(sender.get_state(), Futures.MessageSenderState.OPEN)

    def test_stop_drops_undelivered(self):
        sender, receiver = self.router.pipe()
        inbox = Inbox(receiver)
        sender.start()
        sender.send('never')
        self.router.close_pipe(receiver)
        self.router.stop()
        iterate_pending()
        self.assertEqual(inbox.values, [])


class TestSender(RouterTestCase):
    def test_states(self):
        sender, receiver = self.pipe()
        self.assertEqual(sender.get_state(), Futures.MessageSenderState.INITIAL)
        sender.start()
        self.assertEqual(sender.props.state, Futures.MessageSenderState.OPEN)
        sender.stop()
        self.assertEqual(sender.get_state(), Futures.MessageSenderState.CLOSED)

    def test_send_before_start(self):
        sender, receiver = self.pipe()
        inbox = Inbox(receiver)
        with assert_futures_error(self, Futures.Error.INVALID_STATE):
            sender.send(1)
        sender.start()
        sender.send(2)
        iterate_pending()
        self.assertEqual(inbox.values, [2])

    def test_send_after_stop(self):
        sender, receiver = self.pipe()
        sender.start()
        sender.stop()
        with assert_futures_error(self, Futures.Error.INVALID_STATE):
            sender.send(1)

    def test_start_twice(self):
        sender, receiver = self.pipe()
        sender.start()
        with assert_futures_error(self, Futures.Error.INVALID_STATE):
            sender.start()
        self.assertEqual(sender.get_state(), Futures.MessageSenderState.OPEN)

    def test_stop_errors(self):
        sender, receiver = self.pipe()
        with assert_futures_error(self, Futures.Error.INVALID_STATE):
            sender.stop()
        sender.start()
        sender.stop()
        with assert_futures_error(self, Futures.Error.INVALID_STATE):
            sender.stop()


class TestRouteUntil(RouterTestCase):
    def test_condition_true_on_entry(self):
        sender, receiver = self.pipe()
        inbox = Inbox(receiver)
        sender.start()
        sender.send(1)
        calls = []

        def condition():
            calls.append(1)
            return True

        self.router.route_until(0, condition)
        self.assertEqual(len(calls), 1)
        self.assertEqual(inbox.values, [])

    def test_routes_until_condition(self):
        sender, receiver = self.pipe()
        inbox = Inbox(receiver)

        def work():
            sender.start()
            for i in range(50):
                sender.send(i)
            sender.stop()

        thread = threading.Thread(target=work)
        thread.start()
        self.router.route_until(30000, lambda: len(inbox.values) == 50)
        thread.join()
        self.assertEqual(inbox.values, list(range(50)))
        self.assertEqual(inbox.threads, {MAIN_THREAD})

    def test_timeout(self):
        sender, receiver = self.pipe()
        inbox = Inbox(receiver)
        sender.start()
        sender.send('only one')
        with assert_futures_error(self, Futures.Error.TIMED_OUT):
            self.router.route_until(20, lambda: len(inbox.values) == 2)
        self.assertEqual(inbox.values, ['only one'])

    def test_manual_mode_is_permanent(self):
        sender, receiver = self.pipe()
        inbox = Inbox(receiver)
        sender.start()
        self.router.route_until(-1, lambda: True)
        sender.send('a')
        iterate_pending()
        self.assertEqual(inbox.values, [])
        self.router.route_until(5000, lambda: inbox.values == ['a'])
        sender.send('b')
        iterate_pending()
        self.assertEqual(inbox.values, ['a'])

    def test_not_running(self):
        self.router.stop()
        with assert_futures_error(self, Futures.Error.NOT_RUNNING):
            self.router.route_until(0, lambda: True)


if __name__ == '__main__':
    taprunner.main()
