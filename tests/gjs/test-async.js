// test-async.js: the _async/_finish pairs awaited from GJS (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Futures.Future.wait_async/wait_finish and
// Futures.Executor.shutdown_async/shutdown_finish, made into promises
// with Gio._promisify() exactly as a JavaScript application does, and
// awaited inside async tests (tap.js runs a GLib.MainLoop until each
// test's promise settles). Both the fulfilled and the rejected outcomes
// are checked: a wait rejects with the task's own error when the future
// FAILED and with Gio.IOErrorEnum.CANCELLED when the future or the wait
// was cancelled; a shutdown rejects with Futures.Error.NOT_RUNNING when
// the executor is stopped already. A few tests pass a callback instead,
// to see the GAsyncReadyCallback itself: it runs in the main thread, and
// never from inside the _async call.
//
// Run:  gjs -m tests/gjs/test-async.js   (prints TAP, exits 1 on failure)
// with GI_TYPELIB_PATH and LD_LIBRARY_PATH naming the build directories
// of futures-glib/ and tests/helper/ (meson test sets them).
//
// How GJS 1.74 behaves here, as measured:
//   - after Gio._promisify(Futures.Future.prototype, 'wait_async',
//     'wait_finish') the subclasses (CallFuture, IterationFuture,
//     ProgressFuture) have the promise form too; wait_async(null) then
//     returns a Promise that resolves with wait_finish()'s `true`.
//   - called with a callback as its last argument, a promisified
//     function is the original one: it returns undefined and calls back.
//   - the rejection is the GLib.Error from the _finish function, of the
//     domain's registered class (Gio.IOErrorEnum, Futures.Error).

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';
import FuturesTest from 'gi://FuturesTest?version=1.0';
import System from 'system';

import {
    assert, assertArrayEqual, assertEqual, assertRejects, runTests, test,
} from './tap.js';
import {
    TIMEOUT_MS, assertState, executorState, iterateUntil, listModelItems, makeWarningsFatal,
    promisifyAsyncPairs, watchExecutor, watchFuture,
} from './helpers.js';
import {Fixture, useHelper} from './fixture.js';

useHelper(FuturesTest);

makeWarningsFatal();
promisifyAsyncPairs();

const {WAITING, CANCELLING, COMPLETED, FAILED, CANCELLED} = Futures.FutureState;
const {STOPPING, STOPPED} = Futures.ExecutorState;
const IO = Gio.IOErrorEnum;

// Where each continuation after an await ran; checked at the end of
// every test that uses it.
function assertMainThread(what) {
    assert(FuturesTest.in_main_thread(), `${what} ran outside the main thread`);
}

// ---------------------------------------------------------------------
// Futures.Future.wait_async
// ---------------------------------------------------------------------

test('wait: await resolves with true once a call future COMPLETED', async t => {
    const executor = t.executor();
    const future = FuturesTest.submit_sum(executor, 2, 40);
    const log = watchFuture(future);

    const promise = future.wait_async(null);
    assert(promise instanceof Promise, `wait_async(null) gave ${promise}`);
    assertState(future, WAITING, 'future right after wait_async()');

    const outcome = await promise;
    assertMainThread('the continuation');
    assertEqual(outcome, true, 'what the promise resolved with');
    assertState(future, COMPLETED, 'future');
    assertEqual(future.get_result(), 42, 'get_result()');
    assertArrayEqual(log.events,
        ['state:executing', 'state:completed', 'may-cancel:false', 'done:true'],
        'notifications before the promise resolved');
});

test('wait: the task error rejects the await (Gio.IOErrorEnum.FAILED)', async t => {
    const executor = t.executor();
    const future = FuturesTest.submit_fail(executor, 'disk on fire');

    const error = await assertRejects(future.wait_async(null), IO, IO.FAILED, 'wait');
    assertMainThread('the continuation');
    assert(error instanceof Gio.IOErrorEnum, `the rejection is a ${error.constructor.name}`);
    assertEqual(error.message, 'disk on fire', 'message');
    assertState(future, FAILED, 'future');
    assertEqual(future.dup_error().message, 'disk on fire', 'dup_error() message');
});

test('wait: cancelling a running future rejects the await with CANCELLED', async t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_blocking(executor, gate);
    const promise = future.wait_async(null);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');

    assertEqual(future.cancel(), true, 'cancel()');
    const error = await assertRejects(promise, IO, IO.CANCELLED, 'wait');
    assertEqual(error.message, 'The future was cancelled', 'message');
    assertState(future, CANCELLED, 'future');
    assertEqual(gate.get_saw_cancel(), 1, 'the task saw its cancellation');
});

test('wait: cancelling a future that never started rejects with CANCELLED', async t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const busy = FuturesTest.submit_blocking(executor, gate);
    const queued = FuturesTest.submit_sum(executor, 1, 2);
    const busyWait = busy.wait_async(null);
    const queuedWait = queued.wait_async(null);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the first task never reached the gate');

    assertEqual(queued.cancel(), true, 'cancel() of the queued future');
    // The queued task is dropped when the worker gets to it.
    gate.open();
    await assertRejects(queuedWait, IO, IO.CANCELLED, 'wait for the queued future');
    assertState(queued, CANCELLED, 'queued future');
    assertEqual(await busyWait, true, 'wait for the busy future');
    assertEqual(busy.get_result(), false, 'the busy task saw no cancellation');
    assertEqual(gate.get_arrived(), 1, 'tasks that ran (the cancelled one never did)');
});

test('wait: cancelling the wait rejects with CANCELLED; the task runs on', async t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_blocking(executor, gate);
    const cancellable = new Gio.Cancellable();
    const cancelledWait = future.wait_async(cancellable);
    const otherWait = future.wait_async(null);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');

    cancellable.cancel();
    await assertRejects(cancelledWait, IO, IO.CANCELLED, 'cancelled wait');
    assertMainThread('the continuation');
    assertEqual(future.done, false, 'done after the wait was cancelled');
    assertEqual(future.may_cancel, true, 'may_cancel after the wait was cancelled');

    // The same cancellable, already cancelled, fails a new wait at once.
    await assertRejects(future.wait_async(cancellable), IO, IO.CANCELLED,
        'wait with a cancelled cancellable');
    assertEqual(future.done, false, 'done after the second cancelled wait');

    gate.open();
    assertEqual(await otherWait, true, 'the other wait');
    assertState(future, COMPLETED, 'future');
    assertEqual(future.get_result(), false, 'the task saw no cancellation');
});

test('wait: a future done already settles with its outcome', async t => {
    const executor = t.executor();
    const completed = FuturesTest.submit_sum(executor, 3, 4);
    const failed = FuturesTest.submit_fail(executor, 'late');
    const cancelled = FuturesTest.submit_sum(executor, 5, 6);
    cancelled.cancel();
    iterateUntil(() => completed.done && failed.done && cancelled.done, 'the futures to be done');

    assertEqual(await completed.wait_async(null), true, 'wait for a completed future');
    const error = await assertRejects(failed.wait_async(null), IO, IO.FAILED,
        'wait for a failed future');
    assertEqual(error.message, 'late', 'message');
    await assertRejects(cancelled.wait_async(null), IO, IO.CANCELLED,
        'wait for a cancelled future');

    // A wait asks for the outcome only: a cancelled cancellable does not
    // hide that the future is done.
    const cancellable = new Gio.Cancellable();
    cancellable.cancel();
    assertEqual(await completed.wait_async(cancellable), true,
        'wait for a completed future with a cancelled cancellable');
});

test('wait: the callback of a done future never runs inside wait_async()', t => {
    const executor = t.executor();
    const future = FuturesTest.submit_sum(executor, 1, 1);
    iterateUntil(() => future.done, 'the future to be done');

    const calls = [];
    const returned = future.wait_async(null, (source, result) => {
        calls.push({
            source,
            outcome: source.wait_finish(result),
            mainThread: FuturesTest.in_main_thread(),
            owner: GLib.MainContext.default().is_owner(),
        });
    });
    assertEqual(returned, undefined, 'wait_async() with a callback');
    assertEqual(calls.length, 0, 'callbacks inside wait_async()');

    iterateUntil(() => calls.length > 0, 'the callback');
    assertEqual(calls.length, 1, 'callbacks');
    assert(calls[0].source === future, 'the source object is not the future');
    assertEqual(calls[0].outcome, true, 'wait_finish()');
    assertEqual(calls[0].mainThread, true, 'callback in the main thread');
    assertEqual(calls[0].owner, true, 'callback dispatched by the default main context');
});

test('wait: raw callbacks of a pending wait, a failing one and a cancelled one', t => {
    const executor = t.executor();
    const gate = t.gate();
    const outcomes = new Map();
    const record = name => (source, result) => {
        let outcome;
        try {
            outcome = source.wait_finish(result);
        } catch (e) {
            outcome = `${e.domain === Gio.io_error_quark() ? 'io' : e.domain}:${e.code}`;
        }
        outcomes.set(name, {outcome, mainThread: FuturesTest.in_main_thread()});
    };
    const ok = FuturesTest.submit_sum(executor, 1, 2);
    const failing = FuturesTest.submit_fail(executor, 'no');
    const blocked = FuturesTest.submit_blocking(executor, gate);
    const cancellable = new Gio.Cancellable();
    ok.wait_async(null, record('ok'));
    failing.wait_async(null, record('failing'));
    blocked.wait_async(cancellable, record('blocked'));
    cancellable.cancel();

    iterateUntil(() => outcomes.size === 3, 'three callbacks');
    assertEqual(outcomes.get('ok').outcome, true, 'wait for the sum');
    assertEqual(outcomes.get('failing').outcome, `io:${IO.FAILED}`, 'wait for the failure');
    assertEqual(outcomes.get('blocked').outcome, `io:${IO.CANCELLED}`, 'cancelled wait');
    for (const [name, {mainThread}] of outcomes)
        assertEqual(mainThread, true, `callback of ${name} in the main thread`);
    assert(!blocked.done, 'the blocked future ended');
});

test('wait: several waits on one future all resolve', async t => {
    const executor = t.executor();
    const future = FuturesTest.submit_sum(executor, 10, 20);
    const outcomes = await Promise.all([1, 2, 3].map(() => future.wait_async(null)));
    assertArrayEqual(outcomes, [true, true, true], 'outcomes');
    assertEqual(future.get_result(), 30, 'result');
});

test('wait: Promise.all over many futures on a small pool', async t => {
    const executor = t.executor(2);
    const n = 60;
    const futures = Array.from({length: n}, (_, i) => FuturesTest.submit_sum(executor, i, i));
    const results = await Promise.all(futures.map(async future => {
        await future.wait_async(null);
        return future.get_result();
    }));
    assertMainThread('the continuation');
    assertArrayEqual(results, Array.from({length: n}, (_, i) => 2 * i), 'results');
    assertEqual(executor.n_futures, 0, 'n_futures');
});

test('wait: an iteration future resolves with every item delivered', async t => {
    const executor = t.executor();
    const n = 300;
    const future = FuturesTest.submit_count(executor, n);
    const model = future.get_items();
    let signalled = 0;
    future.connect('item', () => signalled++);

    assertEqual(await future.wait_async(null), true, 'wait');
    assertEqual(signalled, n, 'item emissions');
    assertEqual(future.get_n_items(), n, 'get_n_items()');
    assertEqual(model.get_n_items(), n, 'items in the model');
    assertEqual(future.get_result(), 'done', 'result');
});

test('wait: a failing iteration future rejects after its items', async t => {
    const executor = t.executor();
    const future = FuturesTest.submit_count_fail(executor, 5, 'ran dry');
    const model = future.get_items();

    const error = await assertRejects(future.wait_async(null), IO, IO.FAILED, 'wait');
    assertEqual(error.message, 'ran dry', 'message');
    assertArrayEqual(listModelItems(model).map(item => item.value), [0, 1, 2, 3, 4],
        'items in the model');
    assertState(future, FAILED, 'future');
});

test('wait: a progress future resolves at fraction 1; a failing one rejects', async t => {
    const executor = t.executor();
    const steps = 4;
    const future = FuturesTest.submit_progress(executor, steps);
    assertEqual(await future.wait_async(null), true, 'wait');
    assertEqual(future.fraction, 1, 'fraction');
    assertEqual(future.text, `step ${steps}`, 'text');
    assertEqual(future.get_result(), true, 'result');

    const failing = FuturesTest.submit_progress_fail(executor, 3, 'stuck at 75%');
    const error = await assertRejects(failing.wait_async(null), IO, IO.FAILED, 'failing wait');
    assertEqual(error.message, 'stuck at 75%', 'message');
    assertEqual(failing.fraction, 0.75, 'fraction of the failed future');
    assertEqual(failing.text, 'step 3', 'text of the failed future');
});

test('wait: a custom-message future resolves after its last message', async t => {
    const executor = t.executor();
    const n = 20;
    const future = FuturesTest.submit_messages(executor, n);
    const kinds = [];
    future.connect('message', (_f, kind) => kinds.push(kind));
    assertEqual(await future.wait_async(null), true, 'wait');
    assertEqual(kinds.length, n + 1, 'messages');
    assertEqual(kinds[n], 'tock', 'last message');
    assertEqual(future.get_result(), null, 'result of a task that returned nothing');
});

test('wait: a task blocked in GIO on its GCancellable ends on cancel()', async t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_wait_cancellable(executor, gate);
    const promise = future.wait_async(null);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never started');

    assertEqual(future.cancel(), true, 'cancel()');
    await assertRejects(promise, IO, IO.CANCELLED, 'wait');
    assertState(future, CANCELLED, 'future');
    assertEqual(gate.get_saw_cancel(), 1, 'the task woke up from its cancellable');
});

// ---------------------------------------------------------------------
// Futures.Executor.shutdown_async
// ---------------------------------------------------------------------

test('shutdown: await on an idle executor resolves with true; STOPPED', async t => {
    const executor = t.executor();
    const log = watchExecutor(executor);

    const promise = executor.shutdown_async(null);
    // With no future to wait for, the stop is over inside the call.
    assertArrayEqual(log.events,
        ['state:stopping', 'running:false', 'state:stopped', 'stopped:true'],
        'notifications inside shutdown_async()');
    assertEqual(await promise, true, 'what the promise resolved with');
    assertMainThread('the continuation');
    assertEqual(executorState(executor.state), 'stopped', 'state');
    assertEqual(executor.context.closed, true, 'own context closed');
    assertEqual(log.events.length, 4, 'notifications afterwards');
});

test('shutdown: cancels every future and resolves once the last is done', async t => {
    const executor = t.executor(2);
    const gate = t.gate();
    const running = [FuturesTest.submit_blocking(executor, gate),
        FuturesTest.submit_blocking(executor, gate)];
    const waiting = FuturesTest.submit_sum(executor, 1, 1);
    const futures = [...running, waiting];
    const order = [];
    futures.forEach((future, i) => future.connect('notify::done', () => order.push(`done ${i}`)));
    executor.connect('notify::stopped', () => order.push('stopped'));
    assert(gate.wait_arrivals(2, TIMEOUT_MS), 'the blocking tasks never started');

    const promise = executor.shutdown_async(null);
    // It does not block: the futures are only asked to stop.
    assertEqual(executor.state, STOPPING, 'state right after shutdown_async()');
    for (const future of futures)
        assertState(future, CANCELLING, 'future right after shutdown_async()');

    assertEqual(await promise, true, 'shutdown');
    assertEqual(executor.state, STOPPED, 'state');
    for (const future of futures)
        assertState(future, CANCELLED, 'future');
    assertEqual(order.length, 4, `order ${order}`);
    assertEqual(order[3], 'stopped', `order ${order}`);
    assertEqual(gate.get_saw_cancel(), 2, 'the running tasks saw their cancellation');
    assertEqual(executor.get_n_items(), 0, 'futures in the list model');
});

test('shutdown: the main loop keeps running while the shutdown waits', async t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const future = FuturesTest.submit_stubborn(executor, gate);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');

    const promise = executor.shutdown_async(null);
    // The stubborn task ends only when the gate opens, and only the main
    // loop, running while the test awaits, opens it.
    let idleRan = false;
    GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
        idleRan = true;
        gate.open();
        return GLib.SOURCE_REMOVE;
    });
    assertEqual(await promise, true, 'shutdown');
    assert(idleRan, 'the idle callback did not run');
    assertState(future, CANCELLED, 'future');
    assertEqual(gate.get_saw_cancel(), 1,
        'the stubborn task saw its cancellation once it went on');
});

test('shutdown: an already stopped executor rejects with NOT_RUNNING', async t => {
    const executor = t.executor();
    assertEqual(executor.stop(), true, 'stop()');
    assertEqual(executor.state, STOPPED, 'state after stop()');

    const error = await assertRejects(executor.shutdown_async(null), Futures.error_quark(),
        Futures.Error.NOT_RUNNING, 'shutdown of a stopped executor');
    assert(error instanceof Futures.Error, `the rejection is a ${error.constructor.name}`);
    assertMainThread('the continuation');

    // So does a second shutdown after a first one that succeeded.
    const other = t.executor();
    assertEqual(await other.shutdown_async(null), true, 'first shutdown');
    await assertRejects(other.shutdown_async(null), Futures.error_quark(),
        Futures.Error.NOT_RUNNING, 'second shutdown');
});

test('shutdown: cancelling the wait rejects with CANCELLED; the executor stays STOPPING', async t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const future = FuturesTest.submit_stubborn(executor, gate);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');

    const cancellable = new Gio.Cancellable();
    const promise = executor.shutdown_async(cancellable);
    cancellable.cancel();
    await assertRejects(promise, IO, IO.CANCELLED, 'cancelled shutdown');
    assertEqual(executor.state, STOPPING, 'state after the cancelled shutdown');
    assertState(future, CANCELLING, 'future');

    // A cancelled cancellable fails the next shutdown at once, too.
    await assertRejects(executor.shutdown_async(cancellable), IO, IO.CANCELLED,
        'shutdown with a cancelled cancellable');

    gate.open();
    assertEqual(await executor.shutdown_async(null), true, 'shutdown once the gate is open');
    assertEqual(executor.state, STOPPED, 'state');
    assertState(future, CANCELLED, 'future');
});

test('shutdown: after stop() it waits for the stop; two at once both resolve', async t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const future = FuturesTest.submit_stubborn(executor, gate);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');
    assertEqual(executor.stop(), true, 'stop()');
    assertEqual(executor.state, STOPPING, 'state after stop()');

    const first = executor.shutdown_async(null);
    const second = executor.shutdown_async(null);
    GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
        gate.open();
        return GLib.SOURCE_REMOVE;
    });
    assertArrayEqual(await Promise.all([first, second]), [true, true], 'both shutdowns');
    assertEqual(executor.state, STOPPED, 'state');
    assertState(future, CANCELLED, 'future');
});

test('shutdown: after a timed-out blocking shutdown it rejects with INVALID_STATE', async t => {
    const executor = t.executor(1);
    const gate = t.gate();
    FuturesTest.submit_stubborn(executor, gate);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');
    let timedOut = false;
    try {
        executor.shutdown(20);
    } catch (e) {
        timedOut = e.matches(Futures.error_quark(), Futures.Error.TIMED_OUT);
    }
    assert(timedOut, 'shutdown(20) did not time out');

    await assertRejects(executor.shutdown_async(null), Futures.error_quark(),
        Futures.Error.INVALID_STATE, 'shutdown_async() in manual mode');
    gate.open();
    assertEqual(executor.shutdown(-1), true, 'blocking shutdown again');
    assertEqual(executor.state, STOPPED, 'state');
});

test('shutdown: an executor that failed to construct rejects with its error', async t => {
    const pool = t.pool(2);
    const bad = t.track(new Futures.Executor({worker_pool: pool, max_workers: 2}));
    await assertRejects(bad.shutdown_async(null), Futures.error_quark(),
        Futures.Error.NOT_SUPPORTED, 'shutdown of a failed executor');
});

test('shutdown: awaiting the futures and the shutdown together', async t => {
    const executor = t.executor(2);
    const gate = t.gate();
    const done = FuturesTest.submit_sum(executor, 1, 2);
    assertEqual(await done.wait_async(null), true, 'the first future');
    const blocked = [FuturesTest.submit_blocking(executor, gate),
        FuturesTest.submit_blocking(executor, gate)];

    const outcomes = await Promise.allSettled([
        ...[done, ...blocked].map(future => future.wait_async(null)),
        executor.shutdown_async(null),
    ]);
    assertArrayEqual(outcomes.map(o => o.status),
        ['fulfilled', 'rejected', 'rejected', 'fulfilled'], 'outcomes');
    for (const {reason} of outcomes.slice(1, 3)) {
        assert(reason.matches(IO, IO.CANCELLED),
            `a cancelled future's wait rejected with ${reason}`);
    }
    assertEqual(executor.state, STOPPED, 'state');
});

test('shutdown: the raw callback runs once, in the main thread, after STOPPED', t => {
    const executor = t.executor();
    const gate = t.gate();
    FuturesTest.submit_blocking(executor, gate);
    const calls = [];
    executor.shutdown_async(null, (source, result) => {
        calls.push({
            source,
            outcome: source.shutdown_finish(result),
            state: source.state,
            mainThread: FuturesTest.in_main_thread(),
        });
    });
    assertEqual(calls.length, 0, 'callbacks inside shutdown_async()');
    iterateUntil(() => calls.length > 0, 'the callback');
    assertEqual(calls.length, 1, 'callbacks');
    assert(calls[0].source === executor, 'the source object is not the executor');
    assertEqual(calls[0].outcome, true, 'shutdown_finish()');
    assertEqual(calls[0].state, STOPPED, 'state in the callback');
    assertEqual(calls[0].mainThread, true, 'callback in the main thread');
});

// ---------------------------------------------------------------------

const failed = runTests(() => new Fixture(), {timeoutMs: 3 * TIMEOUT_MS});
System.exit(failed > 0 ? 1 : 0);
