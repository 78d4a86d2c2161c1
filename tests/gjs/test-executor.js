// test-executor.js: executors and futures driven from GJS (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Checks, through GObject-Introspection, what a JavaScript user of
// futures-glib relies on when watching background work: the states and
// notifications of call, iteration and progress futures, their results
// and errors, custom messages, cancellation before and while a task
// runs (and through the GCancellable a task blocks on), the life cycle
// of an executor (stop, shutdown with a timeout, submit when not
// running, pools and contexts), and that every signal of futures,
// executors and models is emitted in the main thread.
// The _async/_finish pairs are in test-async.js, the list models in
// test-models.js, property bindings in test-bindings.js.
//
// Run:  gjs -m tests/gjs/test-executor.js   (prints TAP, exits 1 on failure)
// with GI_TYPELIB_PATH and LD_LIBRARY_PATH naming the build directory
// of futures-glib/ and G_TEST_BUILDDIR the build directory of tests/
// (meson test sets them); installed, the helper sits in helper/ beside
// this file.
//
// GJS runs no JS on worker threads, so JS cannot supply a task function:
// the tasks are C functions of the test-only FuturesTest helper library
// (tests/helper/), e.g. FuturesTest.submit_sum(executor, a, b). Every
// handler below therefore runs in the main thread, which is also what
// the library promises; each one records that it ran, and the orders
// are checked strictly. Any GLib warning or critical (for instance GJS
// refusing to run a JS callback on another thread) aborts the run.
//
// How GJS 1.74 behaves here, as measured:
//   - `new Futures.Executor(props)` does NOT call g_initable_init(): a
//     construction error does not throw. Because the executor does its
//     setup in constructed(), a good executor works anyway; a bad one
//     (worker_pool and max_workers) is STOPPED and every method throws
//     its construction error. Use Futures.Executor.new() / new_full(),
//     or call init(null) after `new`.
//   - future.get_result() (a `const GValue *`) comes back as a plain JS
//     value: a gint64 as a number, a string, a boolean; the unset value
//     of a task that returned nothing comes back as null.
//   - future.dup_error() (a transfer-full GError return) comes back as a
//     GLib.Error, even an instance of the domain's registered error class
//     (Gio.IOErrorEnum), with the task's domain, code and message.
//   - the GValue arguments of `item` and `message` arrive unpacked: a
//     guint as a number, a string as a string.
//   - get_n_items() (a guint64) comes back as a number.

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';
import System from 'system';

import {
    AssertionError, assert, assertArrayEqual, assertEqual, assertThrowsFutures,
    describe, runTests, test,
} from './tap.js';
import {
    TIMEOUT_MS, assertState, executorState, futureState, iterate, iterateFor, iterateUntil,
    makeWarningsFatal, watchExecutor, watchFuture,
} from './helpers.js';
import GIRepository from 'gi://GIRepository?version=2.0';
import {Fixture, useHelper} from './fixture.js';
import {buildFilename} from './tap.js';

// The helper's typelib and library: tests/helper/ in the build tree,
// helper/ beside the installed tests. A static import would be resolved
// before this code puts them on the search paths. (This test's own tests
// are synchronous, so a top-level await does no harm here.)
const helperDir = buildFilename('helper');
GIRepository.Repository.prepend_search_path(helperDir);
GIRepository.Repository.prepend_library_path(helperDir);
const {default: FuturesTest} = await import('gi://FuturesTest?version=1.0');
useHelper(FuturesTest);

makeWarningsFatal();

const {WAITING, EXECUTING, CANCELLING, COMPLETED, FAILED, CANCELLED} = Futures.FutureState;
const {RUNNING, STOPPING, STOPPED} = Futures.ExecutorState;

// ---------------------------------------------------------------------
// Call futures
// ---------------------------------------------------------------------

test('call: result, and notify order state → may-cancel → done, done once', t => {
    const executor = t.executor();
    const future = FuturesTest.submit_sum(executor, 2, 3);

    assert(future instanceof Futures.CallFuture, `submit_sum gave ${future}`);
    assertState(future, WAITING, 'new future');
    assertEqual(future.may_cancel, true, 'may_cancel of a new future');
    assertEqual(future.done, false, 'done of a new future');
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.get_result(),
        'get_result() before done');

    const log = watchFuture(future);
    let inDone = null;
    log.onDone = f => {
        inDone = {state: f.state, result: f.get_result()};
    };
    iterateUntil(() => future.done, 'the future to be done');

    assertArrayEqual(log.events,
        ['state:executing', 'state:completed', 'may-cancel:false', 'done:true'],
        'notifications');
    assert(inDone !== null, 'notify::done handler did not run');
    assertEqual(futureState(inDone.state), 'completed', 'state inside the done handler');
    assertEqual(inDone.result, 5, 'result inside the done handler');
    assertEqual(future.get_result(), 5, 'get_result()');
    assertEqual(typeof future.get_result(), 'number', 'type of a gint64 result');
    assertState(future, COMPLETED, 'completed future');
    assertEqual(future.may_cancel, false, 'may_cancel of a completed future');

    // Nothing more comes later.
    iterateFor(50);
    assertEqual(log.doneCount, 1, 'notify::done emissions');
    assertEqual(log.events.length, 4, 'notifications after more iterations');

    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.dup_error(),
        'dup_error() of a completed future');
});

test('call: a gint64 result beyond int32 comes back as an exact number', t => {
    const executor = t.executor();
    const max = 2 ** 31 - 1;
    const future = FuturesTest.submit_sum(executor, max, max);
    const low = FuturesTest.submit_sum(executor, -max - 1, -max - 1);
    iterateUntil(() => future.done && low.done, 'the futures to be done');
    assertEqual(future.get_result(), 2 * max, 'sum of two G_MAXINT');
    assertEqual(low.get_result(), -(2 ** 32), 'sum of two G_MININT');
});

test('call: a failed task is FAILED and dup_error() gives its own GLib.Error', t => {
    const executor = t.executor();
    const future = FuturesTest.submit_fail(executor, 'disk on fire');
    const log = watchFuture(future);
    let errorInDone = null;
    log.onDone = f => {
        errorInDone = f.dup_error();
    };
    iterateUntil(() => future.done, 'the future to be done');

    assertArrayEqual(log.events,
        ['state:executing', 'state:failed', 'may-cancel:false', 'done:true'],
        'notifications');
    assertState(future, FAILED, 'failed future');

    for (const [what, error] of [['in the done handler', errorInDone],
        ['afterwards', future.dup_error()]]) {
        assert(error instanceof GLib.Error, `dup_error() ${what} gave ${error}`);
        // GJS 1.74 even gives it the class of the domain's error enum.
        assert(error instanceof Gio.IOErrorEnum, `dup_error() ${what} is not a Gio.IOErrorEnum`);
        assertEqual(error.domain, Gio.io_error_quark(), `error domain ${what}`);
        assertEqual(error.code, Gio.IOErrorEnum.FAILED, `error code ${what}`);
        assertEqual(error.message, 'disk on fire', `error message ${what}`);
        assert(error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.FAILED), `matches() ${what}`);
    }
    assert(future.dup_error() !== future.dup_error(), 'dup_error() returned the same object');

    const e = assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.get_result(),
        'get_result() of a failed future');
    assert(e instanceof Futures.Error, 'the get_result() error is not a Futures.Error');
});

test('call: get_result() and dup_error() before done throw INVALID_STATE', t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const future = FuturesTest.submit_blocking(executor, gate);
    iterateUntil(() => future.state === EXECUTING, 'the task to start');

    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.get_result(),
        'get_result() while executing');
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.dup_error(),
        'dup_error() while executing');

    gate.open();
    iterateUntil(() => future.done, 'the future to be done');
    assertEqual(future.get_result(), false, 'result of an uncancelled blocking task');
});

// ---------------------------------------------------------------------
// Iteration, progress, custom messages
// ---------------------------------------------------------------------

test('iteration: item delivers 0..n-1 in order, then the result "done"', t => {
    const executor = t.executor();
    const n = 200;
    const future = FuturesTest.submit_count(executor, n);
    assert(future instanceof Futures.IterationFuture, `submit_count gave ${future}`);
    assertEqual(future.get_n_items(), 0, 'get_n_items() of a new future');

    const items = [];
    const problems = [];
    future.connect('item', (f, value) => {
        items.push(value);
        if (f.state !== EXECUTING)
            problems.push(`item ${value} in state ${futureState(f.state)}`);
        if (f.get_n_items() !== items.length)
            problems.push(`item ${value}: get_n_items() ${f.get_n_items()}`);
    });
    const log = watchFuture(future);
    let itemsAtDone = -1;
    log.onDone = () => {
        itemsAtDone = items.length;
    };
    iterateUntil(() => future.done, 'the future to be done');

    assertArrayEqual(problems, [], 'inside the item handler');
    assertArrayEqual(items, Array.from({length: n}, (_, i) => i), 'items');
    assertEqual(typeof items[0], 'number', 'type of a guint item');
    assertEqual(itemsAtDone, n, 'items delivered before done');
    assertArrayEqual(log.events,
        ['state:executing', 'state:completed', 'may-cancel:false', 'done:true'],
        'notifications');
    assertEqual(future.get_result(), 'done', 'result');
    assertEqual(future.get_n_items(), n, 'get_n_items()');
    assertEqual(typeof future.get_n_items(), 'number', 'type of get_n_items()');
});

test('iteration: no items, result "done"', t => {
    const executor = t.executor();
    const future = FuturesTest.submit_count(executor, 0);
    let items = 0;
    future.connect('item', () => items++);
    iterateUntil(() => future.done, 'the future to be done');
    assertEqual(items, 0, 'items');
    assertEqual(future.get_result(), 'done', 'result');
    assertEqual(future.get_n_items(), 0, 'get_n_items()');
});

test('progress: progress signal args match fraction/text; notify::fraction; result', t => {
    const executor = t.executor();
    const steps = 5;
    const future = FuturesTest.submit_progress(executor, steps);
    assert(future instanceof Futures.ProgressFuture, `submit_progress gave ${future}`);
    assertEqual(future.fraction, 0, 'fraction before any report');
    assertEqual(future.text, null, 'text before any report');
    assertEqual(future.get_fraction(), 0, 'get_fraction() before any report');
    assertEqual(future.get_text(), null, 'get_text() before any report');

    const reports = [];
    const problems = [];
    const fractions = [];
    const texts = [];
    future.connect('progress', (f, fraction, text) => {
        reports.push([fraction, text]);
        // The properties are updated before the signal.
        if (f.fraction !== fraction || f.text !== text)
            problems.push(`(${fraction}, ${text}) with properties (${f.fraction}, ${f.text})`);
        if (f.state !== EXECUTING)
            problems.push(`report in state ${futureState(f.state)}`);
    });
    // A report changes both properties before notifying either, so a
    // handler of one sees the other from the same report.
    const sameReport = (f, what) => {
        if (f.text !== `step ${Math.round(f.fraction * steps)}`)
            problems.push(`${what} with properties (${f.fraction}, ${f.text})`);
    };
    future.connect('notify::fraction', f => {
        fractions.push(f.fraction);
        sameReport(f, 'notify::fraction');
    });
    future.connect('notify::text', f => {
        texts.push(f.text);
        sameReport(f, 'notify::text');
    });
    const log = watchFuture(future);
    iterateUntil(() => future.done, 'the future to be done');

    assertArrayEqual(problems, [], 'inside the progress and notify handlers');
    // Progress may be delivered latest-wins (DESIGN.md), so reports may be
    // skipped, but those delivered are in order and the last one arrives.
    assert(reports.length >= 1, 'no progress signal');
    let previous = 0;
    for (const [fraction, text] of reports) {
        const step = Math.round(fraction * steps);
        assert(step > previous, `report ${describe([fraction, text])} out of order`);
        assertEqual(fraction, step / steps, `fraction of step ${step}`);
        assertEqual(text, `step ${step}`, `text of step ${step}`);
        previous = step;
    }
    assertArrayEqual(reports[reports.length - 1], [1, `step ${steps}`], 'last report');
    assertArrayEqual(fractions, reports.map(([f]) => f), 'notify::fraction values');
    assertArrayEqual(texts, reports.map(([, text]) => text), 'notify::text values');

    assertArrayEqual(log.events,
        ['state:executing', 'state:completed', 'may-cancel:false', 'done:true'],
        'notifications');
    assertEqual(future.get_result(), true, 'result');
    assertEqual(future.fraction, 1, 'final fraction');
    assertEqual(future.text, `step ${steps}`, 'final text');
    print(`# ${reports.length} of ${steps} progress reports delivered`);
});

test('messages: message::tick gets (kind, value) in order; detail filters kinds', t => {
    const executor = t.executor();
    const n = 50;
    const future = FuturesTest.submit_messages(executor, n);

    const ticks = [];
    const tocks = [];
    const all = [];
    const problems = [];
    future.connect('message::tick', (f, kind, value) => {
        ticks.push([kind, value]);
        if (f.state !== EXECUTING)
            problems.push(`tick in state ${futureState(f.state)}`);
    });
    future.connect('message::tock', (_f, kind, value) => tocks.push([kind, value]));
    future.connect('message', (_f, kind, value) => all.push(`${kind}:${value}`));
    const log = watchFuture(future);
    iterateUntil(() => future.done, 'the future to be done');

    assertArrayEqual(problems, [], 'inside the message::tick handler');
    assertEqual(ticks.length, n, 'tick messages');
    ticks.forEach(([kind, value], i) => {
        assertEqual(kind, 'tick', `kind of tick ${i}`);
        assertEqual(value, i, `value of tick ${i}`);
    });
    assertEqual(tocks.length, 1, 'tock messages');
    assertArrayEqual(tocks[0], ['tock', 'end'], 'tock message');
    assertArrayEqual(all,
        [...Array.from({length: n}, (_, i) => `tick:${i}`), 'tock:end'],
        'every message, in order');
    assertArrayEqual(log.events,
        ['state:executing', 'state:completed', 'may-cancel:false', 'done:true'],
        'notifications');
    // A task that returns nothing has an unset result: null in JS.
    assertEqual(future.get_result(), null, 'result of a task that returned nothing');
});

// ---------------------------------------------------------------------
// Cancellation
// ---------------------------------------------------------------------

test('cancel before start: waiting → cancelling → cancelled, never executing', t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const busy = FuturesTest.submit_blocking(executor, gate);
    iterateUntil(() => busy.state === EXECUTING, 'the first task to occupy the worker');

    const future = FuturesTest.submit_blocking(executor, gate);
    const log = watchFuture(future);
    iterateFor(20);
    assertState(future, WAITING, 'queued future');

    assertEqual(future.cancel(), true, 'cancel() of a waiting future');
    // Synchronous: the notifications came inside cancel().
    assertArrayEqual(log.events, ['state:cancelling', 'may-cancel:false'],
        'notifications inside cancel()');
    assertState(future, CANCELLING, 'cancelled future');
    assertEqual(future.may_cancel, false, 'may_cancel while cancelling');
    assertEqual(future.done, false, 'done while cancelling');
    assertEqual(future.cancel(), false, 'second cancel()');
    assertEqual(log.events.length, 2, 'notifications after the second cancel()');
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.get_result(),
        'get_result() while cancelling');

    gate.open();
    iterateUntil(() => future.done && busy.done, 'both futures to be done');

    assertArrayEqual(log.events,
        ['state:cancelling', 'may-cancel:false', 'state:cancelled', 'done:true'],
        'notifications');
    assertState(future, CANCELLED, 'cancelled future');
    assertEqual(gate.get_arrived(), 1, 'tasks that reached the gate (the cancelled one never ran)');
    assertEqual(busy.get_result(), false, 'the first task saw no cancellation');
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.get_result(),
        'get_result() of a cancelled future');
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.dup_error(),
        'dup_error() of a cancelled future');
    assertEqual(executor.n_futures, 0, 'n_futures');
});

test('cancel while running: executing → cancelling → cancelled; the task sees it', t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_blocking(executor, gate);
    const log = watchFuture(future);
    let resultError = null;
    log.onDone = f => {
        try {
            f.get_result();
        } catch (e) {
            resultError = e;
        }
    };
    iterateUntil(() => future.state === EXECUTING, 'the task to start');
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');

    assertEqual(future.cancel(), true, 'cancel() of an executing future');
    assertArrayEqual(log.events, ['state:executing', 'state:cancelling', 'may-cancel:false'],
        'notifications up to cancel()');
    assertState(future, CANCELLING, 'cancelled future');

    // The gate stays closed: the task wakes up because it is cancelled.
    iterateUntil(() => future.done, 'the future to be done');
    assertArrayEqual(log.events,
        ['state:executing', 'state:cancelling', 'may-cancel:false',
            'state:cancelled', 'done:true'],
        'notifications');
    assertEqual(log.doneCount, 1, 'notify::done emissions');
    assertEqual(gate.get_is_open(), false, 'gate opened');
    assertEqual(gate.get_saw_cancel(), 1, 'tasks that saw their cancellation');
    assert(resultError?.matches(Futures.error_quark(), Futures.Error.INVALID_STATE),
        `get_result() inside the done handler gave ${resultError}`);
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.get_result(),
        'get_result() of a cancelled future');
});

test('cancel after done returns false and changes nothing', t => {
    const executor = t.executor();
    const future = FuturesTest.submit_sum(executor, 20, 22);
    const log = watchFuture(future);
    iterateUntil(() => future.done, 'the future to be done');
    const events = log.events.length;

    assertEqual(future.cancel(), false, 'cancel() of a completed future');
    assertEqual(log.events.length, events, 'notifications after cancel()');
    assertState(future, COMPLETED, 'future');
    assertEqual(future.get_result(), 42, 'result after cancel()');

    const failed = FuturesTest.submit_fail(executor, 'x');
    iterateUntil(() => failed.done, 'the failing future to be done');
    assertEqual(failed.cancel(), false, 'cancel() of a failed future');
    assertState(failed, FAILED, 'failed future');
});

test('cancelled iteration: yield_value() returns FALSE, no more items', t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_count_gated(executor, gate);
    const items = [];
    future.connect('item', (_f, value) => items.push(value));
    const log = watchFuture(future);
    iterateUntil(() => items.length === 1, 'the first item');

    assertEqual(future.cancel(), true, 'cancel()');
    gate.open();
    iterateUntil(() => future.done, 'the future to be done');

    assertArrayEqual(items, [0], 'items');
    assertEqual(future.get_n_items(), 1, 'get_n_items()');
    assertArrayEqual(log.events,
        ['state:executing', 'state:cancelling', 'may-cancel:false',
            'state:cancelled', 'done:true'],
        'notifications');
    assertEqual(gate.get_saw_cancel(), 1, 'the producer saw yield_value() return FALSE');
});

test('cancelled progress: report_progress() returns FALSE, no more reports', t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_progress_gated(executor, gate);
    const reports = [];
    future.connect('progress', (_f, fraction, text) => reports.push(`${fraction}:${text}`));
    const log = watchFuture(future);
    iterateUntil(() => reports.length === 1, 'the first report');

    assertEqual(future.cancel(), true, 'cancel()');
    gate.open();
    iterateUntil(() => future.done, 'the future to be done');

    assertArrayEqual(reports, ['0.5:half'], 'reports');
    assertEqual(future.fraction, 0.5, 'fraction');
    assertEqual(future.text, 'half', 'text');
    assertArrayEqual(log.events,
        ['state:executing', 'state:cancelling', 'may-cancel:false',
            'state:cancelled', 'done:true'],
        'notifications');
    assertEqual(gate.get_saw_cancel(), 1, 'the task saw report_progress() return FALSE');
});

test('messages still queued when cancelled are dropped; the state never goes back', t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_count_gated(executor, gate);
    const items = [];
    future.connect('item', (_f, value) => items.push(value));
    const log = watchFuture(future);

    // The task started and yielded item 0, but the main context has not
    // run: "started" and the item are still queued.
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');
    assertState(future, WAITING, 'future whose start is not delivered yet');
    assertEqual(future.cancel(), true, 'cancel()');
    gate.open();
    iterateUntil(() => future.done, 'the future to be done');

    assertArrayEqual(items, [], 'items delivered');
    assertArrayEqual(log.events,
        ['state:cancelling', 'may-cancel:false', 'state:cancelled', 'done:true'],
        'notifications');
    assertEqual(gate.get_saw_cancel(), 1, 'the producer saw yield_value() return FALSE');
});

// ---------------------------------------------------------------------
// Executors
// ---------------------------------------------------------------------

test('executor: a new one is RUNNING, with a thread context and its own pool', t => {
    const executor = t.track(Futures.Executor.new());
    assertEqual(executorState(executor.state), 'running', 'state');
    assertEqual(executor.get_state(), RUNNING, 'get_state()');
    assertEqual(executor.running, true, 'running');
    assertEqual(executor.stopped, false, 'stopped');
    assertEqual(executor.get_running(), true, 'get_running()');
    assertEqual(executor.get_stopped(), false, 'get_stopped()');
    assertEqual(executor.n_futures, 0, 'n_futures');
    assertEqual(executor.max_workers, 0, 'max_workers');
    assert(executor.context instanceof Futures.ThreadContext, `context ${executor.context}`);
    assert(executor.get_context() === executor.context, 'get_context()');
    assert(executor.worker_pool instanceof Futures.ThreadPool, `pool ${executor.worker_pool}`);
    assertEqual(executor.worker_pool.max_workers, GLib.get_num_processors(),
        'default pool size');

    const sized = t.track(Futures.Executor.new_full(null, null, 3));
    assertEqual(sized.max_workers, 3, 'max_workers of new_full(null, null, 3)');
    assertEqual(sized.get_worker_pool().get_max_workers(), 3, 'its pool size');
});

test('executor: stop() with no futures notifies STOPPING then STOPPED at once', t => {
    const executor = t.executor();
    const log = watchExecutor(executor);

    assertEqual(executor.stop(), true, 'stop()');
    assertArrayEqual(log.events,
        ['state:stopping', 'running:false', 'state:stopped', 'stopped:true'],
        'notifications inside stop()');
    assertEqual(executor.state, STOPPED, 'state');
    assertEqual(executor.context.closed, true, 'own context closed');

    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => executor.stop(), 'second stop()');
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => executor.shutdown(-1),
        'shutdown() when stopped');
    assertEqual(log.events.length, 4, 'notifications after the failed calls');
});

test('executor: stop() cancels running and waiting futures; STOPPED after the last is done', t => {
    const executor = t.executor(2);
    const gate = t.gate();
    const order = [];
    const a = FuturesTest.submit_blocking(executor, gate);
    const b = FuturesTest.submit_blocking(executor, gate);
    const waiting = FuturesTest.submit_sum(executor, 1, 1);
    const logs = [a, b, waiting].map((future, i) => {
        const log = watchFuture(future);
        log.onDone = () => order.push(`future ${i} done`);
        return log;
    });
    assertEqual(executor.n_futures, 3, 'n_futures');
    iterateUntil(() => a.state === EXECUTING && b.state === EXECUTING,
        'both blocking tasks to start');
    assertState(waiting, WAITING, 'third future');

    const log = watchExecutor(executor);
    executor.connect('notify::stopped', () => order.push('executor stopped'));
    assertEqual(executor.stop(), true, 'stop()');
    assertArrayEqual(log.events, ['state:stopping', 'running:false'],
        'executor notifications inside stop()');
    for (const future of [a, b, waiting])
        assertState(future, CANCELLING, 'future after stop()');
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => FuturesTest.submit_sum(executor, 1, 2),
        'submit while stopping');
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => executor.stop(), 'stop while stopping');

    iterateUntil(() => executor.stopped, 'the executor to stop');

    assertArrayEqual(logs[0].events,
        ['state:executing', 'state:cancelling', 'may-cancel:false',
            'state:cancelled', 'done:true'],
        'notifications of a running future');
    assertArrayEqual(logs[2].events,
        ['state:cancelling', 'may-cancel:false', 'state:cancelled', 'done:true'],
        'notifications of the waiting future');
    for (const future of [a, b, waiting])
        assertState(future, CANCELLED, 'future after the executor stopped');
    assertEqual(order[order.length - 1], 'executor stopped', `order ${describe(order)}`);
    assertEqual(order.length, 4, `order ${describe(order)}`);
    const nFutures = log.events.filter(e => e.startsWith('n-futures:'));
    assertArrayEqual(nFutures, ['n-futures:2', 'n-futures:1', 'n-futures:0'],
        'n-futures notifications');
    assertArrayEqual(log.events.filter(e => !e.startsWith('n-futures:')),
        ['state:stopping', 'running:false', 'state:stopped', 'stopped:true'],
        'executor notifications');
    assertEqual(log.events[log.events.length - 1], 'stopped:true',
        'last executor notification');
    assertEqual(gate.get_arrived(), 2, 'tasks that ran');
    assertEqual(gate.get_saw_cancel(), 2, 'tasks that saw their cancellation');
    assertEqual(executor.n_futures, 0, 'n_futures');
});

test('executor: every submit after stop() throws NOT_RUNNING', t => {
    const executor = t.executor();
    const gate = t.gate();
    executor.stop();
    const submits = {
        submit_sum: () => FuturesTest.submit_sum(executor, 1, 2),
        submit_fail: () => FuturesTest.submit_fail(executor, 'x'),
        submit_count: () => FuturesTest.submit_count(executor, 3),
        submit_progress: () => FuturesTest.submit_progress(executor, 3),
        submit_messages: () => FuturesTest.submit_messages(executor, 3),
        submit_blocking: () => FuturesTest.submit_blocking(executor, gate),
        submit_stubborn: () => FuturesTest.submit_stubborn(executor, gate),
        submit_count_gated: () => FuturesTest.submit_count_gated(executor, gate),
        submit_progress_gated: () => FuturesTest.submit_progress_gated(executor, gate),
    };
    for (const [name, submit] of Object.entries(submits))
        assertThrowsFutures(Futures.Error.NOT_RUNNING, submit, `${name} after stop()`);
    assertEqual(executor.n_futures, 0, 'n_futures');
    assertEqual(gate.get_arrived(), 0, 'tasks that ran');
});

test('executor: shutdown(timeout) with a stubborn task throws TIMED_OUT, stays STOPPING; again succeeds', t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const future = FuturesTest.submit_stubborn(executor, gate);
    const log = watchFuture(future);
    const executorLog = watchExecutor(executor);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');

    const timeout = 100;
    const start = GLib.get_monotonic_time();
    assertThrowsFutures(Futures.Error.TIMED_OUT, () => executor.shutdown(timeout),
        'shutdown(100)');
    const elapsedMs = (GLib.get_monotonic_time() - start) / 1000;
    assert(elapsedMs >= timeout * 0.9, `shutdown() returned after ${elapsedMs} ms`);

    assertEqual(executorState(executor.state), 'stopping', 'executor state after the timeout');
    assertEqual(executor.running, false, 'running');
    assertEqual(executor.stopped, false, 'stopped');
    assertState(future, CANCELLING, 'future');
    assertEqual(future.done, false, 'done');
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => FuturesTest.submit_sum(executor, 1, 2),
        'submit after a timed-out shutdown');

    gate.open();
    assertEqual(executor.shutdown(-1), true, 'second shutdown()');
    assertEqual(executorState(executor.state), 'stopped', 'executor state');
    assertState(future, CANCELLED, 'future');
    assertArrayEqual(log.events,
        ['state:cancelling', 'may-cancel:false', 'state:cancelled', 'done:true'],
        'future notifications');
    assertArrayEqual(executorLog.events,
        ['state:stopping', 'running:false', 'n-futures:0', 'state:stopped', 'stopped:true'],
        'executor notifications');
    assertEqual(gate.get_saw_cancel(), 1, 'the stubborn task saw its cancellation at last');
    assertThrowsFutures(Futures.Error.NOT_RUNNING, () => executor.shutdown(-1),
        'third shutdown()');
});

test('executor: after a timed-out shutdown only another shutdown delivers (manual mode)', t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const future = FuturesTest.submit_stubborn(executor, gate);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');
    assertThrowsFutures(Futures.Error.TIMED_OUT, () => executor.shutdown(20), 'shutdown(20)');

    // As documented, the router stays in manual mode: the main context no
    // longer delivers, even once the task has ended.
    gate.open();
    iterateFor(200);
    assertState(future, CANCELLING, 'future after iterating the main context');
    assertEqual(executor.state, STOPPING, 'executor state after iterating the main context');

    assertEqual(executor.shutdown(-1), true, 'second shutdown()');
    assertState(future, CANCELLED, 'future after the second shutdown()');
    assertEqual(executor.state, STOPPED, 'executor state after the second shutdown()');
});

// Inside notify::done of the last future the executor already agrees
// that it is done: n_futures is 0 and shutdown() completes at once.
test('executor: shutdown() from the notify::done handler of the last future', t => {
    const executor = t.executor();
    const future = FuturesTest.submit_sum(executor, 1, 2);
    let outcome = null;
    let nFutures = null;
    future.connect('notify::done', () => {
        nFutures = executor.n_futures;
        try {
            outcome = executor.shutdown(500);
        } catch (e) {
            outcome = e;
        }
    });
    iterateUntil(() => future.done, 'the future to be done');
    iterateUntil(() => executor.stopped, 'the executor to stop');

    assert(outcome !== null, 'the notify::done handler did not run');
    assertEqual(outcome instanceof GLib.Error ? outcome.message : outcome, true,
        'shutdown(500) inside notify::done');
    assertEqual(nFutures, 0, 'n_futures inside notify::done of the last future');
});

test('executor: shutdown() delivers every end without the main loop', t => {
    const executor = t.executor();
    const futures = Array.from({length: 10}, (_, i) => FuturesTest.submit_sum(executor, i, i));
    const logs = futures.map(f => watchFuture(f));

    assertEqual(executor.shutdown(-1), true, 'shutdown(-1)');
    assertEqual(executor.stopped, true, 'stopped');
    // Nothing was delivered before shutdown(): every future was WAITING
    // as far as the main context knew, so every one ends CANCELLED.
    futures.forEach((future, i) => {
        assertState(future, CANCELLED, `future ${i}`);
        assertArrayEqual(logs[i].events,
            ['state:cancelling', 'may-cancel:false', 'state:cancelled', 'done:true'],
            `notifications of future ${i}`);
    });
    assertEqual(iterate(), 0, 'sources dispatched in the main context afterwards');
});

test('executor: new_full(null, pool, 2) throws NOT_SUPPORTED; a shared pool outlives its executors', t => {
    const pool = t.pool(2);
    assertThrowsFutures(Futures.Error.NOT_SUPPORTED,
        () => t.track(Futures.Executor.new_full(null, pool, 2)), 'new_full(null, pool, 2)');

    const first = t.track(Futures.Executor.new_full(null, pool, 0));
    const second = t.track(Futures.Executor.new_full(null, pool, 0));
    assert(first.worker_pool === pool, 'worker_pool of the first executor');
    const a = FuturesTest.submit_sum(first, 1, 2);
    const b = FuturesTest.submit_sum(second, 3, 4);
    iterateUntil(() => a.done && b.done, 'both futures to be done');
    assertEqual(a.get_result(), 3, 'result on the first executor');
    assertEqual(b.get_result(), 7, 'result on the second executor');
    assertEqual(first.shutdown(-1), true, 'first shutdown()');
    assertEqual(second.shutdown(-1), true, 'second shutdown()');

    // The pool was not shut down: a third executor can still use it.
    const third = t.track(Futures.Executor.new_full(null, pool, 0));
    const c = FuturesTest.submit_sum(third, 5, 6);
    iterateUntil(() => c.done, 'the future on the third executor');
    assertEqual(c.get_result(), 11, 'result on the third executor');
});

test('executor: new Futures.Executor() works but never throws its construction error', t => {
    // GJS 1.74 does not call g_initable_init() for `new`: the object is
    // usable only because FuturesExecutor sets itself up in constructed().
    const executor = t.track(new Futures.Executor({max_workers: 2}));
    assertEqual(executorState(executor.state), 'running', 'state');
    assertEqual(executor.worker_pool.max_workers, 2, 'pool size');
    executor.init(null);   // Gio.Initable.init(): succeeds
    const future = FuturesTest.submit_sum(executor, 4, 5);
    iterateUntil(() => future.done, 'the future to be done');
    assertEqual(future.get_result(), 9, 'result');

    const pool = t.pool(2);
    let bad = null;
    try {
        bad = t.track(new Futures.Executor({worker_pool: pool, max_workers: 2}));
    } catch (e) {
        throw new AssertionError(`GJS now throws from new: ${e}; update this test`);
    }
    assertEqual(executorState(bad.state), 'stopped', 'state of a failed executor');
    assertThrowsFutures(Futures.Error.NOT_SUPPORTED, () => bad.init(null), 'init()');
    assertThrowsFutures(Futures.Error.NOT_SUPPORTED, () => FuturesTest.submit_sum(bad, 1, 2),
        'submit to a failed executor');
    assertThrowsFutures(Futures.Error.NOT_SUPPORTED, () => bad.stop(), 'stop() of a failed executor');
    assertThrowsFutures(Futures.Error.NOT_SUPPORTED, () => bad.shutdown(-1),
        'shutdown() of a failed executor');
});

test('executor: n_futures counts live futures, with notify::n-futures', t => {
    const executor = t.executor();
    const log = watchExecutor(executor);
    const futures = [FuturesTest.submit_sum(executor, 1, 1), FuturesTest.submit_count(executor, 3)];
    assertEqual(executor.n_futures, 2, 'n_futures after two submits');
    assertEqual(executor.get_n_futures(), 2, 'get_n_futures()');
    iterateUntil(() => futures.every(f => f.done), 'the futures to be done');
    assertEqual(executor.n_futures, 0, 'n_futures when all are done');
    assertArrayEqual(log.events, ['n-futures:1', 'n-futures:2', 'n-futures:1', 'n-futures:0'],
        'notifications');
});

test('executor: made under a thread-default context, it delivers only there', t => {
    const context = new GLib.MainContext();
    context.push_thread_default();
    let executor;
    try {
        executor = t.executor();
    } finally {
        context.pop_thread_default();
    }
    const future = FuturesTest.submit_sum(executor, 6, 7);
    const log = watchFuture(future);

    iterateFor(100);
    assertState(future, WAITING, 'future after iterating the global default context');
    assertEqual(log.events.length, 0, 'notifications from the global default context');

    iterateUntil(() => future.done, 'the future to be done', {context});
    assertEqual(future.get_result(), 13, 'result');
    assertArrayEqual(log.events,
        ['state:executing', 'state:completed', 'may-cancel:false', 'done:true'],
        'notifications');
    assertEqual(executor.shutdown(-1), true, 'shutdown()');
});

test('many futures on a small pool: each completes once, with its own result', t => {
    const executor = t.executor(3);
    const n = 300;
    const futures = [];
    let doneCount = 0;
    let wrong = 0;
    for (let i = 0; i < n; i++) {
        const future = FuturesTest.submit_sum(executor, i, 1000);
        future.connect('notify::done', f => {
            doneCount++;
            if (f.get_result() !== i + 1000)
                wrong++;
        });
        futures.push(future);
    }
    assertEqual(executor.n_futures, n, 'n_futures');
    iterateUntil(() => doneCount >= n, 'every future to be done');
    iterateFor(20);
    assertEqual(doneCount, n, 'notify::done emissions');
    assertEqual(wrong, 0, 'wrong results');
    assertEqual(executor.n_futures, 0, 'n_futures');
});

// ---------------------------------------------------------------------
// Failures of every task type, and a task's GCancellable
// ---------------------------------------------------------------------

test('iteration and progress tasks that fail are FAILED with their own error', t => {
    const executor = t.executor();
    const iteration = FuturesTest.submit_count_fail(executor, 3, 'ran dry');
    const progress = FuturesTest.submit_progress_fail(executor, 1, 'stuck');
    const items = [];
    iteration.connect('item', (_f, value) => items.push(value));
    const logs = [iteration, progress].map(f => watchFuture(f));
    iterateUntil(() => iteration.done && progress.done, 'the futures to be done');

    for (const [future, message, log] of [[iteration, 'ran dry', logs[0]],
        [progress, 'stuck', logs[1]]]) {
        assertState(future, FAILED, message);
        const error = future.dup_error();
        assert(error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.FAILED), `error ${error}`);
        assertEqual(error.message, message, 'message');
        assertArrayEqual(log.events,
            ['state:executing', 'state:failed', 'may-cancel:false', 'done:true'],
            `notifications of ${message}`);
        assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.get_result(),
            `get_result() of ${message}`);
    }
    assertArrayEqual(items, [0, 1, 2], 'items before the failure');
    assertEqual(progress.fraction, 0.5, 'fraction before the failure');
    assertEqual(progress.text, 'step 1', 'text before the failure');
});

test('cancel() cancels the GCancellable a task blocks on', t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_wait_cancellable(executor, gate);
    const log = watchFuture(future);
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never started');

    assertEqual(future.cancel(), true, 'cancel()');
    iterateUntil(() => future.done, 'the future to be done');
    assertEqual(gate.get_saw_cancel(), 1, 'the task woke up from its cancellable');
    assertState(future, CANCELLED, 'future');
    // The task's CANCELLED error is not the future's: it was cancelled.
    assertThrowsFutures(Futures.Error.INVALID_STATE, () => future.dup_error(), 'dup_error()');
    assertEqual(log.events[log.events.length - 1], 'done:true', 'last notification');
});

// ---------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------

test('threads: FuturesTest.in_main_thread() tells a worker thread apart', t => {
    assertEqual(FuturesTest.in_main_thread(), true, 'in_main_thread() here');
    const executor = t.executor(2);
    const futures = [0, 1, 2, 3].map(() => FuturesTest.submit_main_thread_check(executor));
    iterateUntil(() => futures.every(f => f.done), 'the futures to be done');
    assertArrayEqual(futures.map(f => f.get_result()), [false, false, false, false],
        'in_main_thread() on the workers');
});

// Every signal of a type and of its ancestors and interfaces. (In GJS
// 1.74 the parent of GObject is null; GObject.TYPE_INVALID is undefined.)
function signalNames(gtype) {
    const names = new Set();
    for (let type = gtype; type !== null; type = GObject.type_parent(type)) {
        for (const t of [type, ...GObject.type_interfaces(type)]) {
            for (const id of GObject.signal_list_ids(t))
                names.add(GObject.signal_name(id));
        }
    }
    return [...names];
}

test('threads: every signal of futures, executor and models comes in the main thread', t => {
    const executor = t.executor(3);
    const gate = t.gate();
    const seen = new Map();
    const offMainThread = [];
    const watchAll = (object, what) => {
        for (const name of signalNames(object.constructor.$gtype)) {
            object.connect(name, () => {
                const key = `${what}::${name}`;
                seen.set(key, (seen.get(key) ?? 0) + 1);
                if (!FuturesTest.in_main_thread())
                    offMainThread.push(key);
            });
        }
    };

    watchAll(executor, 'executor');
    const futures = {
        call: FuturesTest.submit_sum(executor, 1, 2),
        failing: FuturesTest.submit_fail(executor, 'x'),
        iteration: FuturesTest.submit_count(executor, 50),
        progress: FuturesTest.submit_progress(executor, 5),
        messages: FuturesTest.submit_messages(executor, 5),
        blocking: FuturesTest.submit_blocking(executor, gate),
        cancellable: FuturesTest.submit_wait_cancellable(executor, gate),
    };
    for (const [what, future] of Object.entries(futures))
        watchAll(future, what);
    watchAll(futures.iteration.get_items(), 'items');

    const others = Object.values(futures)
        .filter(f => f !== futures.blocking && f !== futures.cancellable);
    iterateUntil(() => others.every(f => f.done), 'the other futures to be done');
    assert(gate.wait_arrivals(2, TIMEOUT_MS), 'the blocking tasks never started');
    futures.blocking.cancel();
    futures.cancellable.cancel();
    let shutdownThread = null;
    executor.shutdown_async(null, () => {
        shutdownThread = FuturesTest.in_main_thread();
    });
    iterateUntil(() => shutdownThread !== null, 'the shutdown callback');

    assertArrayEqual(offMainThread, [], 'emissions outside the main thread');
    assertEqual(shutdownThread, true, 'shutdown callback in the main thread');
    const expected = [
        'executor::notify', 'executor::items-changed', 'items::items-changed',
        'iteration::item', 'progress::progress', 'messages::message',
        ...Object.keys(futures).map(what => `${what}::notify`),
    ];
    const missing = expected.filter(key => !seen.has(key));
    assertArrayEqual(missing, [], 'signals never emitted');
    print(`# ${[...seen.values()].reduce((a, b) => a + b, 0)} emissions of ` +
        `${seen.size} signals, all in the main thread`);
});

// ---------------------------------------------------------------------

const failed = runTests(() => new Fixture());
System.exit(failed > 0 ? 1 : 0);
