// test-bindings.js: properties of futures and executors bound from GJS
// (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What a user interface binds: a future's state, done and may-cancel, a
// progress future's fraction and text, an executor's state, running,
// stopped and n-futures, an item's string. Each is bound with
// GObject.Object.bind_property() or bind_property_full() (with JS
// transform functions) onto the properties of a JS GObject subclass, as
// a widget of a jobs panel would be; the target must follow every
// change, in the same order as the source's own notifications, and
// every update must come in the main thread.
//
// Run:  gjs -m tests/gjs/test-bindings.js   (prints TAP, exits 1 on failure)
// with GI_TYPELIB_PATH and LD_LIBRARY_PATH naming the build directories
// of futures-glib/ and tests/helper/ (meson test sets them).
//
// How GJS 1.74 behaves here, as measured:
//   - a transform function of bind_property_full() gets (binding, value)
//     with the value unpacked (an enum as a number) and returns
//     [true, newValue], or [false, anything] to leave the target as it
//     is.
//   - GObject.ParamSpec.enum() takes the introspected enum object
//     (Futures.FutureState) as its enum type.

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';
import FuturesTest from 'gi://FuturesTest?version=1.0';
import System from 'system';

import {assert, assertArrayEqual, assertEqual, assertRejects, runTests, test} from './tap.js';
import {
    TIMEOUT_MS, executorState, futureState, iterateUntil, listModelItems, makeWarningsFatal,
    promisifyAsyncPairs, watchExecutor, watchFuture,
} from './helpers.js';
import {Fixture, useHelper} from './fixture.js';

useHelper(FuturesTest);

makeWarningsFatal();
promisifyAsyncPairs();

const {WAITING, CANCELLED} = Futures.FutureState;
const {RUNNING, STOPPED} = Futures.ExecutorState;
const {SYNC_CREATE, INVERT_BOOLEAN} = GObject.BindingFlags;
const READWRITE = GObject.ParamFlags.READWRITE;

// A row of a jobs panel, in JavaScript: plain read-write properties for
// everything a future or an executor can bind.
const JobRow = GObject.registerClass({
    GTypeName: 'FuturesTestJobRow',
    Properties: {
        'state': GObject.ParamSpec.enum('state', null, null, READWRITE,
            Futures.FutureState, WAITING),
        'done': GObject.ParamSpec.boolean('done', null, null, READWRITE, false),
        'may-cancel': GObject.ParamSpec.boolean('may-cancel', null, null, READWRITE, false),
        'active': GObject.ParamSpec.boolean('active', null, null, READWRITE, false),
        'fraction': GObject.ParamSpec.double('fraction', null, null, READWRITE, 0, 1, 0),
        'text': GObject.ParamSpec.string('text', null, null, READWRITE, 'unset'),
        'percent': GObject.ParamSpec.int('percent', null, null, READWRITE, -1, 100, -1),
        'label': GObject.ParamSpec.string('label', null, null, READWRITE, 'unset'),
        'executor-state': GObject.ParamSpec.enum('executor-state', null, null, READWRITE,
            Futures.ExecutorState, STOPPED),
        'running': GObject.ParamSpec.boolean('running', null, null, READWRITE, false),
        'stopped': GObject.ParamSpec.boolean('stopped', null, null, READWRITE, false),
        'n-futures': GObject.ParamSpec.uint('n-futures', null, null, READWRITE, 0, 1000000, 0),
    },
}, class JobRow extends GObject.Object {
    // Records the row's notifications as "name:value", and how many came
    // outside the main thread.
    watch(...names) {
        this.events = [];
        this.offMainThread = 0;
        for (const name of names) {
            this.connect(`notify::${name}`, () => {
                if (!FuturesTest.in_main_thread())
                    this.offMainThread++;
                this.events.push(`${name}:${this.describe(name)}`);
            });
        }
        return this;
    }

    describe(name) {
        const value = this[name.replaceAll('-', '_')];
        if (name === 'state')
            return futureState(value);
        if (name === 'executor-state')
            return executorState(value);
        return `${value}`;
    }
});

// The events of a row with their names changed, to compare them with
// those of the source (helpers.js watchFuture() / watchExecutor()).
function renamed(events, names) {
    return events.map(e => {
        const [name, value] = e.split(':');
        return `${names[name] ?? name}:${value}`;
    });
}

function assertOnMainThread(row) {
    assertEqual(row.offMainThread, 0, 'row notifications outside the main thread');
}

// ---------------------------------------------------------------------
// Futures
// ---------------------------------------------------------------------

test('bind: state, done and may-cancel of a call future follow, in order', async t => {
    const executor = t.executor();
    const future = FuturesTest.submit_sum(executor, 1, 2);
    const row = new JobRow();
    for (const name of ['state', 'done', 'may-cancel'])
        future.bind_property(name, row, name, SYNC_CREATE);
    assertEqual(futureState(row.state), 'waiting', 'state after SYNC_CREATE');
    assertEqual(row.done, false, 'done after SYNC_CREATE');
    assertEqual(row.may_cancel, true, 'may-cancel after SYNC_CREATE');

    row.watch('state', 'done', 'may-cancel');
    const log = watchFuture(future);
    await future.wait_async(null);
    assertArrayEqual(row.events,
        ['state:executing', 'state:completed', 'may-cancel:false', 'done:true'],
        'row notifications');
    assertArrayEqual(row.events, log.events, 'row notifications against the future\'s');
    assertOnMainThread(row);
});

test('bind: a cancelled future, and INVERT_BOOLEAN of done', async t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_blocking(executor, gate);
    const row = new JobRow();
    future.bind_property('state', row, 'state', SYNC_CREATE);
    future.bind_property('may-cancel', row, 'may-cancel', SYNC_CREATE);
    future.bind_property('done', row, 'active', SYNC_CREATE | INVERT_BOOLEAN);
    assertEqual(row.active, true, 'active after SYNC_CREATE');
    row.watch('state', 'may-cancel', 'active');
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');

    iterateUntil(() => row.state !== WAITING, 'the task to start');
    future.cancel();
    await assertRejects(future.wait_async(null), Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED,
        'wait');
    assertArrayEqual(row.events,
        ['state:executing', 'state:cancelling', 'may-cancel:false', 'state:cancelled',
            'active:false'],
        'row notifications');
    assertEqual(row.state, CANCELLED, 'state');
    assertOnMainThread(row);
});

test('bind: fraction and text of a progress future follow every report', async t => {
    const executor = t.executor();
    const steps = 8;
    const future = FuturesTest.submit_progress(executor, steps);
    const row = new JobRow();
    future.bind_property('fraction', row, 'fraction', SYNC_CREATE);
    future.bind_property('text', row, 'text', SYNC_CREATE);
    assertEqual(row.fraction, 0, 'fraction after SYNC_CREATE');
    assertEqual(row.text, null, 'text after SYNC_CREATE (none reported yet)');

    row.watch('fraction', 'text');
    const reports = [];
    future.connect('progress', (_f, fraction, text) => {
        reports.push(`fraction:${fraction}`, `text:${text}`);
    });
    await future.wait_async(null);
    // Reports may be merged (latest wins), but each one delivered reaches
    // the row, and the last one is there. (Which of fraction and text is
    // notified first is not said.)
    for (const name of ['fraction', 'text']) {
        const only = events => events.filter(e => e.startsWith(`${name}:`));
        assertArrayEqual(only(row.events), only(reports),
            `row ${name} notifications against the progress signal`);
    }
    assertEqual(row.fraction, 1, 'fraction');
    assertEqual(row.text, `step ${steps}`, 'text');
    assertOnMainThread(row);
});

test('bind_property_full: JS transforms of fraction, state and done', async t => {
    const executor = t.executor();
    const steps = 4;
    const future = FuturesTest.submit_progress(executor, steps);
    const row = new JobRow();
    const transformed = [];
    future.bind_property_full('fraction', row, 'percent', SYNC_CREATE,
        (binding, fraction) => {
            transformed.push(fraction);
            return [true, Math.round(fraction * 100)];
        }, null);
    future.bind_property_full('state', row, 'label', SYNC_CREATE,
        (binding, state) => [true, `job ${futureState(state)}`], null);
    // A transform that declines leaves the target alone: here until done.
    future.bind_property_full('done', row, 'text', SYNC_CREATE,
        (binding, done) => [done, done ? 'finished' : null], null);
    assertEqual(row.percent, 0, 'percent after SYNC_CREATE');
    assertEqual(row.label, 'job waiting', 'label after SYNC_CREATE');
    assertEqual(row.text, 'unset', 'text after a declined SYNC_CREATE');

    row.watch('percent', 'label', 'text');
    await future.wait_async(null);
    const percents = row.events.filter(e => e.startsWith('percent:'));
    assertArrayEqual(percents, transformed.slice(1).map(f => `percent:${Math.round(f * 100)}`),
        'percent notifications');
    assertEqual(percents[percents.length - 1], 'percent:100', 'last percent');
    assertArrayEqual(row.events.filter(e => !e.startsWith('percent:')),
        ['label:job executing', 'label:job completed', 'text:finished'],
        'label and text notifications');
    assertOnMainThread(row);
});

test('bind: unbind() stops following', async t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_progress_gated(executor, gate);
    const row = new JobRow();
    const binding = future.bind_property('fraction', row, 'fraction', SYNC_CREATE);
    future.bind_property('text', row, 'text', SYNC_CREATE);
    iterateUntil(() => row.fraction === 0.5, 'the first report');

    binding.unbind();
    gate.open();
    await future.wait_async(null);
    assertEqual(future.fraction, 1, 'fraction of the future');
    assertEqual(row.fraction, 0.5, 'fraction of the row, unbound');
    assertEqual(row.text, 'all', 'text of the row, still bound');
});

test('bind: the string of an item of the items model', async t => {
    const executor = t.executor();
    const future = FuturesTest.submit_count(executor, 3);
    const model = future.get_items();
    await future.wait_async(null);
    const rows = listModelItems(model).map(item => {
        const row = new JobRow();
        item.bind_property('string', row, 'label', SYNC_CREATE);
        item.bind_property_full('position', row, 'percent', SYNC_CREATE,
            (binding, position) => [true, position * 10], null);
        return row;
    });
    assertArrayEqual(rows.map(row => row.label), ['0', '1', '2'], 'labels');
    assertArrayEqual(rows.map(row => row.percent), [0, 10, 20], 'transformed positions');
});

// ---------------------------------------------------------------------
// Executors
// ---------------------------------------------------------------------

test('bind: state, running, stopped and n-futures of an executor follow', async t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const row = new JobRow();
    const names = {'executor-state': 'state'};
    executor.bind_property('state', row, 'executor-state', SYNC_CREATE);
    for (const name of ['running', 'stopped', 'n-futures'])
        executor.bind_property(name, row, name, SYNC_CREATE);
    assertEqual(row.executor_state, RUNNING, 'executor-state after SYNC_CREATE');
    assertEqual(row.running, true, 'running after SYNC_CREATE');
    assertEqual(row.stopped, false, 'stopped after SYNC_CREATE');

    row.watch('executor-state', 'running', 'stopped', 'n-futures');
    const log = watchExecutor(executor);
    const futures = [FuturesTest.submit_stubborn(executor, gate),
        FuturesTest.submit_sum(executor, 1, 2), FuturesTest.submit_count(executor, 5)];
    assertEqual(row.n_futures, 3, 'n-futures after three submits');
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');

    const shutdown = executor.shutdown_async(null);
    assertEqual(row.executor_state, Futures.ExecutorState.STOPPING, 'executor-state');
    assertEqual(row.running, false, 'running while stopping');
    gate.open();
    await shutdown;
    assertArrayEqual(renamed(row.events, names), log.events,
        'row notifications against the executor\'s');
    assertArrayEqual(row.events, [
        'n-futures:1', 'n-futures:2', 'n-futures:3',
        'executor-state:stopping', 'running:false',
        'n-futures:2', 'n-futures:1', 'n-futures:0',
        'executor-state:stopped', 'stopped:true',
    ], 'row notifications');
    assert(futures.every(f => f.done), 'a future is not done');
    assertOnMainThread(row);
});

test('bind_property_full: the number of live futures as a label', async t => {
    const executor = t.executor();
    const row = new JobRow();
    executor.bind_property_full('n-futures', row, 'label', SYNC_CREATE,
        (binding, n) => [true, n === 1 ? '1 job' : `${n} jobs`], null);
    assertEqual(row.label, '0 jobs', 'label after SYNC_CREATE');
    row.watch('label');

    const futures = [FuturesTest.submit_sum(executor, 1, 2), FuturesTest.submit_sum(executor, 3, 4)];
    assertEqual(row.label, '2 jobs', 'label after two submits');
    await Promise.all(futures.map(f => f.wait_async(null)));
    assertArrayEqual(row.events,
        ['label:1 job', 'label:2 jobs', 'label:1 job', 'label:0 jobs'], 'labels');
    assertOnMainThread(row);
});

// ---------------------------------------------------------------------

const failed = runTests(() => new Fixture(), {timeoutMs: 3 * TIMEOUT_MS});
System.exit(failed > 0 ? 1 : 0);
