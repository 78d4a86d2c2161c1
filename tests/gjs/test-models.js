// test-models.js: the list models read from GJS (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A Futures.Executor is a Gio.ListModel of its live futures: a future is
// added when it is submitted (inside the submit call) and removed once
// it is done, before its notify::done. An iteration future's items
// (get_items(), the "items" property) are a Gio.ListModel of
// Futures.Item that grows by appending batches and holds every item
// before notify::done. These tests follow both models through
// items-changed, keeping a mirror of what the splices say, and check the
// mirror against the model read back with get_n_items()/get_item().
//
// GJS 1.74 cannot iterate a GListModel with `for … of`; the tests read
// models with the plain loop of helpers.js listModelItems().
//
// Run:  gjs -m tests/gjs/test-models.js   (prints TAP, exits 1 on failure)
// with GI_TYPELIB_PATH and LD_LIBRARY_PATH naming the build directories
// of futures-glib/ and tests/helper/ (meson test sets them).
//
// How GJS 1.74 behaves here, as measured:
//   - get_item() hands back the same JS object as the one submit gave
//     for the same future (GJS keeps one wrapper per GObject).
//   - item.value (a GValue-typed property) and item.get_value() come
//     back unpacked: a number, a string, a boolean, a GLib.Variant, the
//     object itself.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';
import FuturesTest from 'gi://FuturesTest?version=1.0';
import System from 'system';

import {
    AssertionError, assert, assertArrayEqual, assertEqual, assertRejects, describe, runTests,
    test,
} from './tap.js';
import {
    TIMEOUT_MS, futureState, iterate, iterateUntil, listModelItems, makeWarningsFatal,
    mirrorModel, promisifyAsyncPairs,
} from './helpers.js';
import {Fixture, useHelper} from './fixture.js';

useHelper(FuturesTest);

makeWarningsFatal();
promisifyAsyncPairs();

const {CANCELLING, CANCELLED} = Futures.FutureState;
const IO = Gio.IOErrorEnum;

// Fails unless two arrays hold the same objects in the same order.
function assertSameObjects(actual, expected, what) {
    const same = actual.length === expected.length && actual.every((v, i) => v === expected[i]);
    if (!same) {
        const names = list => list.map(o => o?.name ?? String(o));
        throw new AssertionError(
            `${what}: expected ${describe(names(expected))}, got ${describe(names(actual))}`);
    }
}

// A deterministic pseudo-random sequence (a linear congruential
// generator), so that a failing order can be replayed.
function randomSequence(seed) {
    let state = seed >>> 0;
    return bound => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state % bound;
    };
}

// ---------------------------------------------------------------------
// The executor's model of live futures
// ---------------------------------------------------------------------

test('executor model: a Gio.ListModel of Futures.Future, empty at first', t => {
    const executor = t.executor();
    assert(executor instanceof Gio.ListModel, 'the executor is not a Gio.ListModel');
    assert(executor.get_item_type() === Futures.Future.$gtype,
        `item type ${executor.get_item_type()}`);
    assertEqual(executor.get_n_items(), 0, 'get_n_items()');
    assertEqual(executor.get_item(0), null, 'get_item(0)');
});

test('executor model: a future is added inside the submit call, at the end', t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const mirror = mirrorModel(executor);
    const counts = [];
    mirror.onChange = m => counts.push([m.get_n_items(), executor.n_futures]);

    const first = FuturesTest.submit_blocking(executor, gate);
    assertArrayEqual(mirror.changes, ['0,0,1'], 'items-changed inside the first submit');
    const second = FuturesTest.submit_sum(executor, 1, 2);
    const third = FuturesTest.submit_count(executor, 3);
    assertArrayEqual(mirror.changes, ['0,0,1', '1,0,1', '2,0,1'], 'items-changed');
    assertSameObjects(listModelItems(executor), [first, second, third], 'the model');
    assertSameObjects(mirror.items, [first, second, third], 'the mirror');
    assertEqual(executor.get_item(3), null, 'get_item() past the end');
    // n-futures agrees with the model inside each emission.
    assertEqual(JSON.stringify(counts), '[[1,1],[2,2],[3,3]]', 'counts inside items-changed');
});

test('executor model: removed once done, before notify::done, in any order', async t => {
    const executor = t.executor(3);
    const gates = [t.gate(), t.gate(), t.gate()];
    const futures = gates.map(gate => FuturesTest.submit_blocking(executor, gate));
    const names = ['a', 'b', 'c'];
    const events = [];
    const mirror = mirrorModel(executor);
    mirror.onChange = (m, position, removed, added) =>
        events.push(`items-changed:${position},${removed},${added}`);
    futures.forEach((future, i) => future.connect('notify::done', () => {
        const live = listModelItems(executor);
        events.push(`done:${names[i]} (${live.includes(future) ? 'still' : 'not'} in the model)`);
    }));

    // Done in the order b, c, a.
    for (const i of [1, 2, 0]) {
        gates[i].open();
        await futures[i].wait_async(null);
        assertSameObjects(listModelItems(executor), mirror.items,
            `the model after ${names[i]} was done`);
    }
    assertArrayEqual(events, [
        'items-changed:1,1,0', 'done:b (not in the model)',
        'items-changed:1,1,0', 'done:c (not in the model)',
        'items-changed:0,1,0', 'done:a (not in the model)',
    ], 'events');
    assertEqual(executor.get_n_items(), 0, 'get_n_items()');
    assertEqual(mirror.items.length, 0, 'items in the mirror');
});

test('executor model: the mirror matches the model through 200 lifetimes', async t => {
    const executor = t.executor(3);
    const random = randomSequence(20260601);
    const mirror = mirrorModel(executor);
    const problems = [];
    const added = new Set();
    const removed = new Set();
    mirror.onChange = (m, position, nRemoved, nAdded) => {
        // Compare the whole model, and a few random positions (which
        // moves the executor's lookup cursor about).
        const live = listModelItems(m);
        if (live.length !== mirror.items.length || live.some((f, i) => f !== mirror.items[i]))
            problems.push(`after ${position},${nRemoved},${nAdded} the mirror differs`);
        for (let k = 0; k < 3 && live.length > 0; k++) {
            const at = random(live.length);
            if (m.get_item(at) !== mirror.items[at])
                problems.push(`get_item(${at}) differs`);
        }
        if (nAdded > 0)
            added.add(mirror.items[position]);
        if (nAdded + nRemoved !== 1)
            problems.push(`items-changed ${position},${nRemoved},${nAdded}`);
    };

    const futures = [];
    const kinds = ['sum', 'fail', 'count', 'progress'];
    for (let i = 0; i < 200; i++) {
        const kind = kinds[random(kinds.length)];
        const future = {
            sum: () => FuturesTest.submit_sum(executor, i, 1),
            fail: () => FuturesTest.submit_fail(executor, `failure ${i}`),
            count: () => FuturesTest.submit_count(executor, 5),
            progress: () => FuturesTest.submit_progress(executor, 2),
        }[kind]();
        future.connect('notify::done', f => {
            if (listModelItems(executor).includes(f))
                problems.push(`future ${i} (${kind}) is in the model at notify::done`);
            removed.add(f);
        });
        futures.push(future);
        // Some are cancelled, before they start or while they run.
        if (random(10) === 0)
            future.cancel();
        if (random(4) === 0)
            iterate();
    }

    await Promise.allSettled(futures.map(f => f.wait_async(null)));
    assertArrayEqual(problems.slice(0, 5), [], 'problems');
    assertEqual(added.size, 200, 'futures added');
    assertEqual(removed.size, 200, 'futures removed');
    assertEqual(mirror.changes.length, 400, 'items-changed emissions');
    assertEqual(executor.get_n_items(), 0, 'get_n_items()');
    assertEqual(mirror.items.length, 0, 'items in the mirror');
});

test('executor model: cancelled futures stay while CANCELLING; a shutdown empties it', async t => {
    const executor = t.executor(1);
    const gate = t.gate();
    const futures = [FuturesTest.submit_stubborn(executor, gate),
        FuturesTest.submit_sum(executor, 1, 2), FuturesTest.submit_count(executor, 10)];
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the task never reached the gate');
    const mirror = mirrorModel(executor);

    const shutdown = executor.shutdown_async(null);
    for (const future of futures)
        assertEqual(futureState(future.state), futureState(CANCELLING), 'state');
    assertSameObjects(listModelItems(executor), futures, 'the model while cancelling');
    assertArrayEqual(mirror.changes, [], 'items-changed before the futures are done');

    gate.open();
    assertEqual(await shutdown, true, 'shutdown');
    assertEqual(mirror.changes.length, 3, `items-changed ${mirror.changes}`);
    assert(mirror.changes.every(c => c.endsWith(',1,0')), `items-changed ${mirror.changes}`);
    assertEqual(executor.get_n_items(), 0, 'get_n_items()');
    assertEqual(mirror.items.length, 0, 'items in the mirror');
    for (const future of futures)
        assertEqual(futureState(future.state), futureState(CANCELLED), 'state');
});

// ---------------------------------------------------------------------
// An iteration future's items
// ---------------------------------------------------------------------

test('items model: get_items() and the items property are one model of Futures.Item', t => {
    const executor = t.executor();
    const future = FuturesTest.submit_count(executor, 3);
    const model = future.get_items();
    assert(model instanceof Gio.ListModel, `get_items() gave ${model}`);
    assert(model === future.items, 'the items property is another object');
    assert(model === future.get_items(), 'a second get_items() is another object');
    assert(model.get_item_type() === Futures.Item.$gtype, `item type ${model.get_item_type()}`);
    assertEqual(model.get_n_items(), 0, 'get_n_items() before the main loop ran');
    assertEqual(model.get_item(0), null, 'get_item(0) of an empty model');
    iterateUntil(() => future.done, 'the future to be done');
    assertEqual(model.get_n_items(), 3, 'get_n_items()');
    assertEqual(model.get_item(3), null, 'get_item() past the end');
});

test('items model: grows by appended batches, complete before notify::done', async t => {
    const executor = t.executor();
    const n = 2000;
    const future = FuturesTest.submit_count(executor, n);
    const model = future.get_items();
    const mirror = mirrorModel(model);
    const problems = [];
    let total = 0;
    mirror.onChange = (m, position, removed, added) => {
        if (position !== total || removed !== 0 || added === 0)
            problems.push(`items-changed ${position},${removed},${added} at ${total} items`);
        total += added;
    };
    let atDone = null;
    future.connect('notify::done', () => {
        atDone = {model: model.get_n_items(), signalled: future.get_n_items()};
    });

    await future.wait_async(null);
    assertArrayEqual(problems, [], 'problems');
    assertEqual(JSON.stringify(atDone), JSON.stringify({model: n, signalled: n}),
        'items at notify::done');
    assertEqual(total, n, 'items added');
    const items = listModelItems(model);
    const wrong = items.filter((item, i) =>
        item.value !== i || item.get_value() !== i || item.position !== i ||
        item.get_position() !== i || item.string !== `${i}` || item.get_string() !== `${i}` ||
        item !== mirror.items[i]);
    assertEqual(wrong.length, 0, `wrong items, the first ${wrong[0]?.position}`);
    print(`# ${n} items in ${mirror.changes.length} batches`);
});

test('items model: nothing beyond a batch until the producer goes on', async t => {
    const executor = t.executor();
    const gates = [t.gate(), t.gate()];
    const batch = 25;
    const future = FuturesTest.submit_count_batches(executor, batch, gates);
    const model = future.get_items();
    const mirror = mirrorModel(model);
    const addedIn = [];
    let phase = 0;
    mirror.onChange = (m, position, removed, added) => {
        addedIn[phase] = (addedIn[phase] ?? 0) + added;
    };

    for (const [i, gate] of gates.entries()) {
        iterateUntil(() => model.get_n_items() === (i + 1) * batch, `batch ${i + 1}`);
        assert(gate.wait_arrivals(1, TIMEOUT_MS), `the producer never reached gate ${i + 1}`);
        iterate();
        assertEqual(model.get_n_items(), (i + 1) * batch, `items while at gate ${i + 1}`);
        phase++;
        gate.open();
    }
    await future.wait_async(null);
    assertArrayEqual(addedIn, [batch, batch, batch], 'items added per batch');
    assertArrayEqual(listModelItems(model).map(item => item.value),
        Array.from({length: 3 * batch}, (_, i) => i), 'values');
    assertEqual(future.get_result(), 'done', 'result');
});

test('items model: made after items arrived, it holds only the later ones', async t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_count_gated(executor, gate);
    const early = [];
    future.connect('item', (_f, value) => early.push(value));
    iterateUntil(() => early.length === 1, 'the first item');

    const model = future.get_items();
    gate.open();
    await future.wait_async(null);
    assertEqual(future.get_n_items(), 101, 'items delivered');
    const items = listModelItems(model);
    assertArrayEqual(items.map(item => item.value), Array.from({length: 100}, (_, i) => i + 1),
        'values in the model');
    assertArrayEqual(items.map(item => item.position), Array.from({length: 100}, (_, i) => i),
        'positions in the model');
});

test('items model: a cancelled producer leaves what arrived before', async t => {
    const executor = t.executor();
    const gate = t.gate();
    const future = FuturesTest.submit_count_batches(executor, 10, [gate]);
    const model = future.get_items();
    iterateUntil(() => model.get_n_items() === 10, 'the first batch');
    assert(gate.wait_arrivals(1, TIMEOUT_MS), 'the producer never reached the gate');

    assertEqual(future.cancel(), true, 'cancel()');
    await assertRejects(future.wait_async(null), IO, IO.CANCELLED, 'wait');
    assertEqual(gate.get_saw_cancel(), 1, 'the producer saw its cancellation at the gate');
    assertArrayEqual(listModelItems(model).map(item => item.value),
        Array.from({length: 10}, (_, i) => i), 'values');
});

test('items model: value and string of items of each type', async t => {
    const executor = t.executor();
    const object = t.gate();
    const future = FuturesTest.submit_mixed(executor, object);
    const model = future.get_items();
    await future.wait_async(null);

    const items = listModelItems(model);
    assertEqual(items.length, 7, 'items');
    assertArrayEqual(items.slice(0, 5).map(item => item.value), [7, -7, 'seven', 7.5, true],
        'values of the simple types');
    // GLib's own transformations give the strings.
    assertArrayEqual(items.slice(0, 5).map(item => item.string),
        ['7', '-7', 'seven', '7.500000', 'TRUE'], 'strings of the simple types');

    const variant = items[5].value;
    assert(variant instanceof GLib.Variant, `the variant item is ${variant}`);
    assertEqual(variant.get_type_string(), '(su)', 'variant type');
    assertArrayEqual(variant.deepUnpack(), ['x', 7], 'variant value');
    assertEqual(items[5].string, "('x', 7)", 'string of the variant (g_variant_print)');

    assert(items[6].value === object, `the object item is ${items[6].value}`);
    assert(items[6].string.startsWith('((FuturesTestGate*) 0x'),
        `string of the object item ${items[6].string}`);
    assertArrayEqual(items.map(item => item.position), [0, 1, 2, 3, 4, 5, 6], 'positions');
});

// ---------------------------------------------------------------------

const failed = runTests(() => new Fixture(), {timeoutMs: 3 * TIMEOUT_MS});
System.exit(failed > 0 ? 1 : 0);
