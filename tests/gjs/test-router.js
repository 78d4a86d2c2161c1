// test-router.js: the message-routing layer driven from GJS (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Checks, through GObject-Introspection, what a JavaScript user of
// futures-glib relies on: a FuturesThreadRouter made from JS carries
// messages of many JS types through a GValue to the receiver's `message`
// signal, in order and only when the router's main context runs; every
// misuse the contract names throws a GLib.Error in the Futures domain and
// leaves the objects usable; route_until() switches to manual routing;
// connection ids pair up; a router bound to its own GMainContext delivers
// only there; senders go INITIAL → OPEN → CLOSED; and the two documented
// warnings (message on a closed pipe, stop with open pipes) are logged.
//
// Run:  gjs -m tests/gjs/test-router.js   (prints TAP, exits 1 on failure)
//
// All senders are used from the main thread: GJS runs no JS on other
// threads. The C tests cover the cross-thread paths.
//
// How GJS 1.74 carries values through `send(value)` (a `const GValue *`
// in-argument) and back out of the `message` signal, as measured:
//   - a number that is an int32 becomes G_TYPE_INT; any other number
//     (2**31, 3.5, NaN, Infinity, -0) becomes G_TYPE_DOUBLE. Both come
//     back as a JS number.
//   - a BigInt becomes G_TYPE_INT64 and comes back as a plain number, so
//     precision beyond 2**53 is lost; one outside the int64 range throws.
//   - string → G_TYPE_STRING, boolean → G_TYPE_BOOLEAN, null →
//     G_TYPE_POINTER (NULL), all come back as they went.
//   - a GObject goes as its own type and comes back as the same JS object.
//   - a GLib.Variant goes as G_TYPE_VARIANT and comes back as a new
//     wrapper of an equal variant.
//   - a plain JS object goes as GJS's boxed "JSObject" type
//     (GObject.TYPE_JSOBJECT) and comes back as the very same JS object.
//   - a GObject.Value is passed as is, so its type is kept (e.g. guint64).
//   - undefined, arrays, functions, symbols, typed arrays and Date throw a
//     plain JS Error ("Could not guess unspecified GValue type"), not a
//     GLib.Error, before the library is called.
//
// Two other GJS 1.74 facts shape this file:
//   - GJS ignores the (skip) annotation on a return value, so pipe()
//     returns [true, sender, receiver] instead of the documented
//     [sender, receiver]; openPipe() accepts both.
//   - GLib.log_set_writer_func() can be installed only once, can never be
//     removed (GLib.log_set_writer_default() crashes) and aborts the
//     process if anything logs during shutdown; so the warnings are
//     checked on the stderr of a child gjs process instead.

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';
import System from 'system';

import {
    AssertionError, assert, assertArrayEqual, assertEqual, assertThrowsFutures,
    describe, runTests, test,
} from './tap.js';

// ---------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------

// Dispatches everything pending in a main context without blocking.
// Returns how many iterations dispatched something.
function iterate(context = GLib.MainContext.default()) {
    let dispatched = 0;
    while (context.iteration(false)) {
        if (++dispatched > 100000)
            throw new AssertionError('main context never became idle');
    }
    return dispatched;
}

// router.pipe(), whatever the GJS version makes of its skipped boolean
// return value: GJS 1.74 returns [true, sender, receiver].
function openPipe(router) {
    const result = router.pipe();
    assert(Array.isArray(result), `pipe() returned ${describe(result)}, not an array`);
    const [sender, receiver] = result.length === 3 ? result.slice(1) : result;
    assert(sender instanceof Futures.MessageSender,
        `pipe() gave ${describe(sender)} as the sender`);
    assert(receiver instanceof Futures.MessageReceiver,
        `pipe() gave ${describe(receiver)} as the receiver`);
    return [sender, receiver];
}

// route_until() in one place: the typelib's order is
// route_until(timeout_msec, condition), user_data being the closure.
function routeUntil(router, condition, timeoutMsec) {
    return router.route_until(timeoutMsec, condition);
}

// Tracks the routers and pipes a test makes, so that a failing test does
// not leave a router running (its pipes open) for the next one.
class Fixture {
    constructor() {
        this._routers = [];
        this._pipes = [];
    }

    router(context) {
        const router = context === undefined
            ? Futures.ThreadRouter.new()
            : Futures.ThreadRouter.new_for_context(context);
        this._routers.push(router);
        return router;
    }

    startedRouter(context) {
        const router = this.router(context);
        router.start();
        return router;
    }

    // A pipe whose receiver records every message in `inbox`. The sender
    // is started unless {start: false}.
    pipe(router, {start = true} = {}) {
        const [sender, receiver] = openPipe(router);
        const inbox = [];
        receiver.connect('message', (_receiver, value) => inbox.push(value));
        if (start)
            sender.start();
        const pipe = {router, sender, receiver, inbox};
        this._pipes.push(pipe);
        return pipe;
    }

    cleanup() {
        for (const {router, receiver} of this._pipes) {
            if (router.running) {
                try {
                    router.close_pipe(receiver);
                } catch (e) {
                    // Closed by the test already.
                }
            }
        }
        for (const router of this._routers) {
            if (router.running)
                router.stop();
        }
    }
}

// ---------------------------------------------------------------------
// Child mode: scenarios whose warnings the parent reads on stderr
// ---------------------------------------------------------------------

const childScenarios = {
    'closed-pipe'() {
        const router = Futures.ThreadRouter.new();
        router.start();
        const [sender, receiver] = openPipe(router);
        let received = 0;
        receiver.connect('message', () => received++);
        sender.start();
        router.close_pipe(receiver);
        sender.send('too late');
        iterate();
        router.stop();
        print(`received=${received}`);
    },

    'stop-unclosed'() {
        const router = Futures.ThreadRouter.new();
        router.start();
        const [sender] = openPipe(router);
        sender.start();
        router.stop();
        print(`running=${router.running}`);
    },
};

function selfCommand(scenario) {
    let gjs;
    try {
        gjs = GLib.file_read_link('/proc/self/exe');
    } catch (e) {
        gjs = GLib.find_program_in_path('gjs');
    }
    const [script] = GLib.filename_from_uri(import.meta.url);
    return [gjs, '-m', script, '--child', scenario];
}

// Runs a child scenario; returns {status, stdout, stderr}.
function runChild(scenario) {
    const launcher = new Gio.SubprocessLauncher({
        flags: Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_PIPE,
    });
    // The child logs warnings on purpose; they must not be fatal.
    launcher.unsetenv('G_DEBUG');
    const child = launcher.spawnv(selfCommand(scenario));
    const [, stdout, stderr] = child.communicate_utf8(null, null);
    const status = child.get_if_exited() ? child.get_exit_status() : -1;
    return {status, stdout: stdout ?? '', stderr: stderr ?? ''};
}

// ---------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------

test('pipe() returns a sender and its receiver', t => {
    const router = t.startedRouter();
    const result = router.pipe();
    // GJS 1.74 ignores (skip) on the boolean return value.
    assert(result.length === 2 || (result.length === 3 && result[0] === true),
        `unexpected pipe() result ${describe(result)}`);
    const [sender, receiver] = result.slice(-2);
    assert(sender instanceof Futures.MessageSender, 'no sender');
    assert(receiver instanceof Futures.MessageReceiver, 'no receiver');
    router.close_pipe(receiver);
});

test('round trip: values of several types arrive intact, in order, only when the context runs', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);

    const object = new GObject.Object();
    const action = new Gio.SimpleAction({name: 'x'});
    const variant = new GLib.Variant('(si)', ['x', 42]);
    const jsObject = {a: 1};
    const sent = [
        42,             // G_TYPE_INT
        -7,             // G_TYPE_INT
        3.5,            // G_TYPE_DOUBLE
        2 ** 40,        // G_TYPE_DOUBLE (not an int32)
        'hello',
        '',
        true,
        false,
        null,           // G_TYPE_POINTER, NULL
        object,
        action,
        variant,
        jsObject,       // GJS's boxed JSObject type
    ];
    for (const value of sent)
        sender.send(value);

    assertEqual(inbox.length, 0, 'messages delivered before the main context ran');

    iterate();
    assertEqual(inbox.length, sent.length, 'number of messages received');

    // Scalars and objects with identity come back as they went.
    sent.forEach((value, i) => {
        if (value instanceof GLib.Variant)
            return;
        assertEqual(inbox[i], value, `message ${i}`);
    });
    assertEqual(typeof inbox[0], 'number', 'type of an integer message');
    assertEqual(typeof inbox[4], 'string', 'type of a string message');
    assertEqual(typeof inbox[6], 'boolean', 'type of a boolean message');

    // A variant comes back as a new wrapper of an equal variant.
    const gotVariant = inbox[sent.indexOf(variant)];
    assert(gotVariant instanceof GLib.Variant, `variant came back as ${describe(gotVariant)}`);
    assertEqual(gotVariant.get_type_string(), '(si)', 'variant type');
    assert(gotVariant.equal(variant), `variant ${describe(gotVariant)} != ${describe(variant)}`);
    assertArrayEqual(gotVariant.deepUnpack(), ['x', 42], 'variant contents');

    assertEqual(inbox[sent.indexOf(action)].name, 'x', 'action name');
    assertEqual(inbox[sent.indexOf(jsObject)].a, 1, 'JS object property');

    assertEqual(iterate(), 0, 'main context idle after delivery');
    assertEqual(inbox.length, sent.length, 'no extra messages');
});

test('GValue conversion: BigInt, non-int32 numbers and explicit GObject.Value', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);

    const uint64 = new GObject.Value();
    uint64.init(GObject.TYPE_UINT64);
    uint64.set_uint64(2 ** 53);
    const string = new GObject.Value();
    string.init(GObject.TYPE_STRING);
    string.set_string('typed');

    sender.send(2 ** 31);             // G_TYPE_DOUBLE
    sender.send(-(2 ** 31));          // G_TYPE_INT
    sender.send(2n ** 60n + 1n);      // G_TYPE_INT64, back as a number
    sender.send(Infinity);
    sender.send(NaN);
    sender.send(uint64);              // G_TYPE_UINT64, kept
    sender.send(string);

    iterate();
    assertArrayEqual(inbox,
        [2 ** 31, -(2 ** 31), Number(2n ** 60n + 1n), Infinity, NaN, 2 ** 53, 'typed'],
        'received');
    assertEqual(typeof inbox[2], 'number', 'an int64 message comes back as');
});

test('JS values that GJS cannot put in a GValue throw and leave the sender usable', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);

    const unconvertible = {
        'undefined': undefined,
        'an array': [1, 2, 3],
        'a function': () => 1,
        'a symbol': Symbol('s'),
        'a Uint8Array': new Uint8Array([1, 2]),
        'a Date': new Date(0),
        'a BigInt beyond int64': 2n ** 70n,
    };
    for (const [what, value] of Object.entries(unconvertible)) {
        let thrown = null;
        try {
            sender.send(value);
        } catch (e) {
            thrown = e;
        }
        assert(thrown !== null, `sending ${what} did not throw`);
        // A conversion failure, before the library is reached.
        assert(!(thrown instanceof GLib.Error),
            `sending ${what} threw a GLib.Error: ${thrown}`);
    }

    iterate();
    assertEqual(inbox.length, 0, 'messages delivered after failed conversions');
    assertEqual(sender.get_state(), Futures.MessageSenderState.OPEN, 'sender state');
    sender.send('still works');
    iterate();
    assertArrayEqual(inbox, ['still works'], 'received');
});

test('messages of several pipes reach their own receiver, each pipe in order', t => {
    const router = t.startedRouter();
    const a = t.pipe(router);
    const b = t.pipe(router);

    for (let i = 0; i < 50; i++) {
        a.sender.send(i);
        b.sender.send(`b${i}`);
    }
    iterate();
    assertArrayEqual(a.inbox, Array.from({length: 50}, (_, i) => i), 'pipe a');
    assertArrayEqual(b.inbox, Array.from({length: 50}, (_, i) => `b${i}`), 'pipe b');
});

test('close_pipe: queued and later messages are not delivered, other pipes unaffected', t => {
    const router = t.startedRouter();
    const closed = t.pipe(router);
    const other = t.pipe(router);

    closed.sender.send(1);
    iterate();
    assertArrayEqual(closed.inbox, [1], 'before close_pipe');

    // Both messages are dropped with a Futures warning on stderr (checked
    // by the "warning" test below); warnings are not fatal here.
    closed.sender.send(2);                  // queued before close_pipe
    router.close_pipe(closed.receiver);
    closed.sender.send(3);                  // sent after close_pipe
    other.sender.send('other');
    iterate();

    assertArrayEqual(closed.inbox, [1], 'after close_pipe');
    assertArrayEqual(other.inbox, ['other'], 'other pipe');
    assert(router.running, 'router stopped running');
    // close_pipe only ends the receiving side.
    assertEqual(closed.sender.get_state(), Futures.MessageSenderState.OPEN,
        'sender state after close_pipe');
});

test('warning: a message on a closed pipe is dropped with a Futures warning', () => {
    const {status, stdout, stderr} = runChild('closed-pipe');
    assertEqual(status, 0, `child exit status (stderr: ${stderr.trim()})`);
    assert(stdout.includes('received=0'), `child stdout: ${stdout.trim()}`);
    assert(/Futures-WARNING \*\*:.*discarding a message from closed pipe #\d+/.test(stderr),
        `no closed-pipe warning on stderr: ${JSON.stringify(stderr)}`);
});

test('warning: stop with an unclosed pipe logs a Futures warning and stops', () => {
    const {status, stdout, stderr} = runChild('stop-unclosed');
    assertEqual(status, 0, `child exit status (stderr: ${stderr.trim()})`);
    assert(stdout.includes('running=false'), `child stdout: ${stdout.trim()}`);
    assert(/Futures-WARNING \*\*:.*stopped with 1 unclosed pipe\(s\)/.test(stderr),
        `no unclosed-pipe warning on stderr: ${JSON.stringify(stderr)}`);
});

test('errors are GLib.Error in the Futures domain', t => {
    const router = t.startedRouter();
    const e = assertThrowsFutures(Futures.Error.ALREADY_RUNNING, () => router.start(),
        'second start');
    assertEqual(e.domain, Futures.error_quark(), 'error domain');
    assertEqual(e.code, Futures.Error.ALREADY_RUNNING, 'error code');
    assert(e instanceof Futures.Error, 'error is not a Futures.Error');
    assert(e.message.length > 0, 'empty error message');
});

test('router: start twice fails with ALREADY_RUNNING and the router keeps running', t => {
    const router = t.startedRouter();
    const before = t.pipe(router);

    assertThrowsFutures(Futures.Error.ALREADY_RUNNING, () => router.start(), 'second start');

    assert(router.running, 'not running after a failed start');
    assert(router.get_running(), 'get_running() false after a failed start');
    const after = t.pipe(router);
    before.sender.send('before');
    after.sender.send('after');
    iterate();
    assertArrayEqual(before.inbox, ['before'], 'pipe made before the failed start');
    assertArrayEqual(after.inbox, ['after'], 'pipe made after the failed start');
});

test('router: stop when not running fails with NOT_RUNNING', t => {
    const router = t.router();
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => router.stop(), 'stop before start');

    router.start();
    router.stop();
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => router.stop(), 'stop twice');
    assert(!router.running, 'running after a failed stop');

    router.start();
    assert(router.running, 'could not start again');
});

test('router: pipe when not running fails with NOT_RUNNING', t => {
    const router = t.router();
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => router.pipe(), 'pipe before start');

    router.start();
    router.stop();
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => router.pipe(), 'pipe after stop');

    router.start();
    const {sender, inbox} = t.pipe(router);
    sender.send('ok');
    iterate();
    assertArrayEqual(inbox, ['ok'], 'received after restart');
});

test('router: close_pipe when not running fails with NOT_RUNNING', t => {
    const router = t.startedRouter();
    const [, receiver] = openPipe(router);
    router.close_pipe(receiver);
    router.stop();
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => router.close_pipe(receiver),
        'close_pipe after stop');

    const never = t.router();
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => never.close_pipe(receiver),
        'close_pipe on a router never started');
});

test('router: close_pipe twice fails with UNKNOWN_PIPE and the router keeps working', t => {
    const router = t.startedRouter();
    const closed = t.pipe(router);
    const other = t.pipe(router);

    router.close_pipe(closed.receiver);
    assertThrowsFutures(Futures.Error.UNKNOWN_PIPE, () => router.close_pipe(closed.receiver),
        'second close_pipe');

    assert(router.running, 'router stopped running');
    other.sender.send('other');
    iterate();
    assertArrayEqual(other.inbox, ['other'], 'other pipe');
    router.close_pipe(other.receiver);
});

test("router: close_pipe of another router's receiver fails with UNKNOWN_PIPE", t => {
    const mine = t.startedRouter();
    const theirs = t.startedRouter();
    const own = t.pipe(mine);
    const foreign = t.pipe(theirs);

    assertThrowsFutures(Futures.Error.UNKNOWN_PIPE, () => mine.close_pipe(foreign.receiver),
        "close_pipe of another router's receiver");

    // Neither pipe was closed by the failed call.
    own.sender.send('mine');
    foreign.sender.send('theirs');
    iterate();
    assertArrayEqual(own.inbox, ['mine'], "own pipe (may share the foreign pipe's id)");
    assertArrayEqual(foreign.inbox, ['theirs'], 'foreign pipe');
    theirs.close_pipe(foreign.receiver);
    mine.close_pipe(own.receiver);
});

test('router: route_until when not running fails with NOT_RUNNING', t => {
    const router = t.router();
    assertThrowsFutures(Futures.Error.NOT_RUNNING,
        () => routeUntil(router, () => true, 100), 'route_until before start');

    router.start();
    router.stop();
    assertThrowsFutures(Futures.Error.NOT_RUNNING,
        () => routeUntil(router, () => true, 100), 'route_until after stop');
});

test('sender: send before start fails with INVALID_STATE; start then send works', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router, {start: false});

    assertThrowsFutures(Futures.Error.INVALID_STATE, () => sender.send('early'),
        'send before start');
    assertEqual(sender.get_state(), Futures.MessageSenderState.INITIAL, 'state');

    sender.start();
    sender.send('on time');
    iterate();
    assertArrayEqual(inbox, ['on time'], 'received');
});

test('sender: start twice fails with INVALID_STATE and the sender stays open', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);

    assertThrowsFutures(Futures.Error.INVALID_STATE, () => sender.start(), 'second start');
    assertEqual(sender.get_state(), Futures.MessageSenderState.OPEN, 'state');
    sender.send('still open');
    iterate();
    assertArrayEqual(inbox, ['still open'], 'received');
});

test('sender: send after stop fails with INVALID_STATE; earlier messages still arrive', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);

    sender.send(1);
    sender.send(2);
    sender.stop();
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => sender.send(3), 'send after stop');
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => sender.start(),
        'start after stop');
    iterate();
    assertArrayEqual(inbox, [1, 2], 'received');
    assertEqual(sender.get_state(), Futures.MessageSenderState.CLOSED, 'state');
});

test('sender: stop when not open fails with INVALID_STATE', t => {
    const router = t.startedRouter();
    const {sender} = t.pipe(router, {start: false});

    assertThrowsFutures(Futures.Error.INVALID_STATE, () => sender.stop(), 'stop before start');
    assertEqual(sender.get_state(), Futures.MessageSenderState.INITIAL, 'state after failed stop');

    sender.start();
    sender.stop();
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => sender.stop(), 'stop twice');
    assertEqual(sender.get_state(), Futures.MessageSenderState.CLOSED, 'state after stop twice');
});

test('sender: get_state() and the state property go INITIAL → OPEN → CLOSED', t => {
    const {INITIAL, OPEN, CLOSED} = Futures.MessageSenderState;
    assertEqual(new Set([INITIAL, OPEN, CLOSED]).size, 3, 'distinct state values');

    const router = t.startedRouter();
    const {sender} = t.pipe(router, {start: false});
    assertEqual(sender.get_state(), INITIAL, 'new sender');
    assertEqual(sender.state, INITIAL, 'state property of a new sender');
    sender.start();
    assertEqual(sender.get_state(), OPEN, 'started sender');
    assertEqual(sender.state, OPEN, 'state property of a started sender');
    sender.stop();
    assertEqual(sender.get_state(), CLOSED, 'stopped sender');
    assertEqual(sender.state, CLOSED, 'state property of a stopped sender');
});

test('router: running property and notify::running follow start and stop', t => {
    const router = t.router();
    let notifications = 0;
    router.connect('notify::running', () => notifications++);

    assertEqual(router.running, false, 'new router running');
    router.start();
    assertEqual(router.running, true, 'started router running');
    assertEqual(router.get_running(), true, 'get_running() of a started router');
    try {
        router.start();
    } catch (e) {
        // Checked by the ALREADY_RUNNING test.
    }
    router.stop();
    assertEqual(router.running, false, 'stopped router running');
    assertEqual(notifications, 2, 'notify::running emissions');
});

test('route_until: a condition already true routes nothing', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);
    sender.send(1);
    sender.send(2);

    let calls = 0;
    const ret = routeUntil(router, () => {
        calls++;
        return true;
    }, 1000);

    assertEqual(ret, true, 'return value');
    assertEqual(calls, 1, 'condition calls');
    assertEqual(inbox.length, 0, 'messages routed');
});

test('route_until: returns once the condition counting messages holds', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);
    for (let i = 1; i <= 5; i++)
        sender.send(i);

    let calls = 0;
    const ret = routeUntil(router, () => {
        calls++;
        return inbox.length >= 3;
    }, -1);

    assertEqual(ret, true, 'return value');
    // Checked first, then after each message.
    assertEqual(calls, 4, 'condition calls');
    assertArrayEqual(inbox, [1, 2, 3], 'routed');

    assertEqual(routeUntil(router, () => inbox.length >= 5, 1000), true, 'second call');
    assertArrayEqual(inbox, [1, 2, 3, 4, 5], 'routed by the second call');
});

test('route_until: an unmet condition times out with TIMED_OUT', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);
    sender.send('routed while waiting');

    const timeout = 100;
    const start = GLib.get_monotonic_time();
    assertThrowsFutures(Futures.Error.TIMED_OUT,
        () => routeUntil(router, () => false, timeout), 'route_until');
    const elapsedMs = (GLib.get_monotonic_time() - start) / 1000;

    assert(elapsedMs >= timeout * 0.9, `returned after ${elapsedMs} ms, before the timeout`);
    assert(elapsedMs < timeout + 5000, `returned after ${elapsedMs} ms`);
    assertArrayEqual(inbox, ['routed while waiting'], 'routed meanwhile');
    assert(router.running, 'router stopped running');
});

test('route_until: afterwards the main context no longer delivers (manual mode)', t => {
    const router = t.startedRouter();
    const {sender, inbox} = t.pipe(router);
    sender.send(1);
    sender.send(2);

    routeUntil(router, () => inbox.length >= 1, 1000);
    assertArrayEqual(inbox, [1], 'routed');

    sender.send(3);
    iterate();
    assertArrayEqual(inbox, [1], 'delivered by the main context in manual mode');

    // Even a condition that is true at once keeps the router manual.
    routeUntil(router, () => true, 1000);
    sender.send(4);
    iterate();
    assertArrayEqual(inbox, [1], 'delivered by the main context in manual mode');

    routeUntil(router, () => inbox.length >= 4, 1000);
    assertArrayEqual(inbox, [1, 2, 3, 4], 'routed by hand, in order');
});

test('route_until: stop then start again gives delivery back to the main context', t => {
    const router = t.startedRouter();
    const old = t.pipe(router);
    old.sender.send('old');
    routeUntil(router, () => old.inbox.length >= 1, 1000);
    router.close_pipe(old.receiver);
    router.stop();

    router.start();
    const fresh = t.pipe(router);
    assert(fresh.sender.get_connection_id() !== old.sender.get_connection_id(),
        'a pipe of the new run reuses the id of an old one');
    fresh.sender.send('fresh');
    // A sender of an earlier run is never connected to a later one: its
    // router run has stopped, so sending fails and copies nothing.
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => old.sender.send('stale'),
        'send on a pipe of a stopped run');
    iterate();
    assertArrayEqual(fresh.inbox, ['fresh'], 'delivered by the main context after restart');
    assertArrayEqual(old.inbox, ['old'], 'old pipe');
});

test('connection ids: receiver matches its sender, two pipes differ', t => {
    const router = t.startedRouter();
    const a = t.pipe(router);
    const b = t.pipe(router);

    for (const [name, {sender, receiver}] of [['a', a], ['b', b]]) {
        const id = sender.get_connection_id();
        assertEqual(typeof id, 'number', `pipe ${name} id type`);
        assertEqual(receiver.connection_id, id, `pipe ${name} receiver connection-id`);
        assertEqual(receiver.get_connection_id(), id, `pipe ${name} receiver get_connection_id()`);
        assertEqual(sender.connection_id, id, `pipe ${name} sender connection-id`);
    }
    assert(a.sender.get_connection_id() !== b.sender.get_connection_id(),
        `both pipes have id ${a.sender.get_connection_id()}`);
});

test('new_for_context: only the bound context delivers', t => {
    const context = new GLib.MainContext();
    const router = t.startedRouter(context);
    const {sender, inbox} = t.pipe(router);

    sender.send('in context');
    iterate(GLib.MainContext.default());
    assertEqual(inbox.length, 0, 'delivered by the default context');

    iterate(context);
    assertArrayEqual(inbox, ['in context'], 'delivered by the bound context');
});

test('new(): binds to the thread-default context current at creation', t => {
    const context = new GLib.MainContext();
    context.push_thread_default();
    let router;
    try {
        router = t.router();
    } finally {
        context.pop_thread_default();
    }
    router.start();
    const {sender, inbox} = t.pipe(router);

    sender.send(1);
    iterate(GLib.MainContext.default());
    assertEqual(inbox.length, 0, 'delivered by the global default context');
    iterate(context);
    assertArrayEqual(inbox, [1], 'delivered by the thread-default context');
});

// ---------------------------------------------------------------------

const args = System.programArgs;
if (args[0] === '--child') {
    const scenario = childScenarios[args[1]];
    if (!scenario) {
        printerr(`unknown child scenario ${args[1]}`);
        System.exit(2);
    }
    scenario();
} else {
    const failed = runTests(() => new Fixture());
    System.exit(failed > 0 ? 1 : 0);
}
