// test-process.js: JavaScript tasks in gjs worker processes (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// GJS runs no JS on worker threads, but it can run JS in worker
// processes: this file is also the worker program. The pool starts
// `gjs -m <this file>`, which registers the same JS functions with
// Futures.register_task() and serves them from
// Futures.process_worker_main() (on its main thread), then exits before
// any test runs. Arguments, items and results cross as GVariants. The
// awaited futures and shutdowns of test-async.js work the same here.
//
// Run:  gjs -m tests/gjs/test-process.js   (prints TAP, exits 1 on failure)
// with GI_TYPELIB_PATH and LD_LIBRARY_PATH naming futures-glib's build
// directory (meson test sets them).
//
// How GJS 1.74 behaves here, as measured:
//   - task.return_value(v) / task.yield_value(v) take a `const GValue *`,
//     which GJS fills by guessing a GType from the JS value: a number that
//     fits 32 bits is a gint, any other number a gdouble (an integer up
//     to 2**53 still arrives exactly), a string a gchararray, a boolean a
//     gboolean, a GLib.Variant a GVariant. All of these cross processes.
//   - null is a NULL gpointer value, and a plain object a boxed JSObject:
//     the library refuses both (NOT_SERIALIZABLE, naming the type).
//     undefined, an array or a Uint8Array throws "Could not guess
//     unspecified GValue type". So structured values go as a GLib.Variant,
//     and a task that has nothing to return does not call return_value().
//   - new GObject.Value() + init(GStrv) + set_boxed(['a']) leaves the
//     value NULL in 1.74 (there is no GObject.TYPE_STRV either): use a
//     GLib.Variant('as', ...) for a list of strings.
//   - A JS exception thrown out of a registered function is NOT the
//     task's error: GJS logs it ("Gjs-CRITICAL: JS ERROR ...") in the
//     worker and returns, and the task completes with no result (null).
//     task.return_error(new GLib.Error(quark, code, message)) works, so
//     registerTask() below catches exceptions and fails the task with one.
//   - In the main process a GVariant result or item arrives as a
//     GLib.Variant (deepUnpack() it), a number as a number, a string as a
//     string; dup_error() gives a GLib.Error with the worker's domain
//     (re-quarked by name), code and message.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';
import System from 'system';

import {
    assert, assertArrayEqual, assertEqual, assertRejects, runTests, test,
} from './tap.js';
import {
    iterateUntil as iterateUntilFor, makeWarningsFatal, promisifyAsyncPairs,
} from './helpers.js';

// ---------------------------------------------------------------------
// The tasks, registered in the main process and in every worker
// ---------------------------------------------------------------------

const JS_ERROR_DOMAIN = 'futures-gjs-error-quark';

const pid = () => Gio.Credentials.new().get_unix_pid();

// Registers fn(task, ...args) as a named task: args are the submitted
// tuple's members (deepUnpack()ed), a value fn returns (other than
// undefined) is the result, and an exception becomes the task's error,
// which GJS alone would only log.
function registerTask(name, fn) {
    Futures.register_task(name, task => {
        try {
            const variant = task.get_arguments();
            let args = [];
            if (variant?.get_type_string().startsWith('('))
                args = variant.deepUnpack();
            else if (variant !== null)
                args = [variant.deepUnpack()];
            const result = fn(task, ...args);
            if (result !== undefined)
                task.return_value(result);
        } catch (e) {
            task.return_error(e instanceof GLib.Error ? e
                : new GLib.Error(GLib.quark_from_string(JS_ERROR_DOMAIN), 0,
                    `${e.name}: ${e.message}\n${e.stack ?? ''}`.trimEnd()));
        }
    });
}

function fibonacci(n) {
    return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}

registerTask('fibonacci', (task, n) => fibonacci(n));
registerTask('pid', () => pid());
registerTask('value', (task, kind) => ({
    int: 42,
    big: 2 ** 40,
    float: 2.5,
    string: 'text',
    boolean: true,
    variant: new GLib.Variant('(sas)', ['name', ['a', 'b']]),
    object: {a: 1},
    null: null,
})[kind]);
registerTask('squares', (task, n) => {
    for (let i = 0; i < n; i++) {
        if (!task.yield_value(i * i))
            return undefined;
    }
    return `${n} squares`;
});
registerTask('fail', (task, message) => {
    throw new TypeError(message);
});
registerTask('fail-glib', () => {
    throw new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.NOT_FOUND, 'nothing there');
});
// Cooperative: polls for cancellation, yielding a tick now and then.
registerTask('spin', task => {
    let ticks = 0;
    while (!task.is_cancelled()) {
        GLib.usleep(1000);
        if (ticks % 5 === 0)
            task.yield_value(ticks);
        ticks++;
    }
    return undefined;
});
// Registered bare: an exception escapes to GJS.
Futures.register_task('throw-bare', () => {
    throw new Error('escaped from a bare JS task');
});

// In a worker process: serve, then leave before any test runs.
if (Futures.process_worker_main())
    System.exit(0);

// ---------------------------------------------------------------------
// The tests, in the main process
// ---------------------------------------------------------------------

// A warning or critical in the main process is a bug. (Not in the
// workers: the bare-throw test makes GJS log a critical there.)
makeWarningsFatal();

const {COMPLETED, FAILED, CANCELLED} = Futures.FutureState;
const TIMEOUT_MS = 20000;
const THIS_FILE = GLib.filename_from_uri(import.meta.url)[0];

const iterateUntil = (condition, what, options = {}) => iterateUntilFor(condition, what,
    {timeoutMs: TIMEOUT_MS, ...options});

const stateName = state =>
    Object.keys(Futures.FutureState).find(k => Futures.FutureState[k] === state) ?? `?${state}`;

function assertState(future, state, what) {
    let detail = '';
    if (future.state === FAILED && state !== FAILED)
        detail = ` (${future.dup_error().message})`;
    assertEqual(stateName(future.state) + detail, stateName(state), `${what} state`);
}

class Fixture {
    constructor() {
        this.context = Futures.ProcessContext.new(['gjs', '-m', THIS_FILE]);
        this.executor = Futures.Executor.new_full(this.context, null, 2);
    }

    submit(futureType, name, args = null) {
        return this.executor.submit_named(futureType, name, args);
    }

    call(name, args = null) {
        const future = this.submit(Futures.CallFuture, name, args);
        iterateUntil(() => future.done, `${name} to be done`);
        return future;
    }

    cleanup() {
        if (this.executor.state !== Futures.ExecutorState.STOPPED)
            this.executor.shutdown(-1);
    }
}

test('a JS function runs in a gjs worker process and returns a value', t => {
    assert(t.executor.get_worker_pool() instanceof Futures.ProcessPool, 'a process pool');
    const future = t.call('fibonacci', new GLib.Variant('(u)', [24]));
    assertState(future, COMPLETED, 'fibonacci');
    assertEqual(future.get_result(), 46368, 'fibonacci(24)');

    const worker = t.call('pid').get_result();
    assert(worker !== pid(), `the task ran in the main process (${worker})`);
    const pids = Array.from(t.executor.get_worker_pool().get_worker_pids());
    assert(pids.includes(worker), `worker ${worker} is not among the pool's ${pids}`);
});

test('values a JS task returns, as the main process gets them', t => {
    const cases = [['int', 42], ['big', 2 ** 40], ['float', 2.5], ['string', 'text'],
        ['boolean', true]];
    for (const [kind, expected] of cases) {
        const future = t.call('value', new GLib.Variant('(s)', [kind]));
        assertState(future, COMPLETED, kind);
        assertEqual(future.get_result(), expected, kind);
    }
    const variant = t.call('value', new GLib.Variant('(s)', ['variant'])).get_result();
    assert(variant instanceof GLib.Variant, `variant result is ${variant}`);
    assertEqual(variant.get_type_string(), '(sas)', 'variant type');
    const [name, list] = variant.deepUnpack();
    assertEqual(name, 'name', 'variant member');
    assertArrayEqual(list, ['a', 'b'], 'variant member');

    // Neither a plain object nor null can cross to the main process.
    for (const [kind, gtype] of [['object', 'JSObject'], ['null', 'gpointer']]) {
        const future = t.call('value', new GLib.Variant('(s)', [kind]));
        assertState(future, FAILED, kind);
        const error = future.dup_error();
        assert(error.matches(Futures.error_quark(), Futures.Error.NOT_SERIALIZABLE),
            `${kind}: ${error.message}`);
        assert(error.message.includes(gtype), `${kind}: ${error.message}`);
    }
});

test('iteration: items stream back in order, then the return value', t => {
    const future = t.submit(Futures.IterationFuture, 'squares', new GLib.Variant('(u)', [200]));
    const items = [];
    future.connect('item', (f, item) => items.push(item));
    iterateUntil(() => future.done, 'squares to be done');
    assertState(future, COMPLETED, 'squares');
    assertArrayEqual(items, Array.from({length: 200}, (_, i) => i * i), 'items');
    assertEqual(future.get_result(), '200 squares', 'result');
    assertEqual(future.get_n_items(), 200, 'get_n_items()');
});

test('an exception in the JS task, caught by registerTask(), is the error', t => {
    const future = t.call('fail', new GLib.Variant('(s)', ['on purpose']));
    assertState(future, FAILED, 'fail');
    const error = future.dup_error();
    assert(error instanceof GLib.Error, `error is ${error}`);
    assertEqual(GLib.quark_to_string(error.domain), JS_ERROR_DOMAIN, 'domain');
    assert(error.message.startsWith('TypeError: on purpose\n'), error.message);
    assert(error.message.includes('test-process.js'), `no stack in ${error.message}`);

    // A GLib.Error thrown keeps its domain and code.
    const io = t.call('fail-glib').dup_error();
    assert(io.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.NOT_FOUND),
        `${GLib.quark_to_string(io.domain)} ${io.code}`);
    assertEqual(io.message, 'nothing there', 'message');
});

test('an exception escaping a bare JS task is only logged: no result, no error', t => {
    const future = t.call('throw-bare');
    assertState(future, COMPLETED, 'throw-bare');
    assertEqual(future.get_result(), null, 'result');
    // The worker carries on.
    assertEqual(t.call('fibonacci', new GLib.Variant('(u)', [10])).get_result(), 55, 'next');
});

test('cancelling a cooperative JS task that polls is_cancelled()', t => {
    const future = t.submit(Futures.IterationFuture, 'spin');
    const ticks = [];
    future.connect('item', (f, tick) => ticks.push(tick));
    iterateUntil(() => ticks.length >= 3, 'three ticks');
    assertEqual(future.cancel(), true, 'cancel()');
    iterateUntil(() => future.done, 'spin to be done');
    assertState(future, CANCELLED, 'spin');
    assertArrayEqual(ticks.slice(0, 3), [0, 5, 10], 'ticks');
    assertEqual(t.call('fibonacci', new GLib.Variant('(u)', [12])).get_result(), 144, 'next');
});

test('parallel JS tasks run in different processes; shutdown ends them', t => {
    const futures = [0, 1].map(() => t.submit(Futures.CallFuture, 'fibonacci',
        new GLib.Variant('(u)', [27])));
    const pids = Array.from(t.executor.get_worker_pool().get_worker_pids());
    assertEqual(pids.length, 2, 'worker processes');
    assert(pids[0] !== pids[1] && !pids.includes(pid()), `pids ${pids}`);
    iterateUntil(() => futures.every(f => f.done), 'both to be done');
    for (const future of futures)
        assertEqual(future.get_result(), 196418, 'fibonacci(27)');
    assertEqual(t.executor.shutdown(-1), true, 'shutdown()');
    for (const worker of pids) {
        assert(!GLib.file_test(`/proc/${worker}`, GLib.FileTest.EXISTS),
            `worker ${worker} is still there`);
    }
});

// The async pairs work the same with process workers.
promisifyAsyncPairs();

test('await: a JS task in a worker resolves; failing ones reject with their error', async t => {
    const future = t.submit(Futures.CallFuture, 'fibonacci', new GLib.Variant('(u)', [20]));
    assertEqual(await future.wait_async(null), true, 'wait for fibonacci');
    assertEqual(future.get_result(), 6765, 'fibonacci(20)');

    const failing = t.submit(Futures.CallFuture, 'fail', new GLib.Variant('(s)', ['awaited']));
    const error = await assertRejects(failing.wait_async(null),
        GLib.quark_from_string(JS_ERROR_DOMAIN), 0, 'wait for fail');
    assert(error.message.startsWith('TypeError: awaited\n'), error.message);

    const glib = t.submit(Futures.CallFuture, 'fail-glib');
    await assertRejects(glib.wait_async(null), Gio.IOErrorEnum, Gio.IOErrorEnum.NOT_FOUND,
        'wait for fail-glib');
});

test('await: a cancelled JS task rejects with CANCELLED; shutdown_async ends the workers', async t => {
    const future = t.submit(Futures.IterationFuture, 'spin');
    const items = future.get_items();
    iterateUntil(() => items.get_n_items() >= 2, 'two ticks in the items model');
    const pids = Array.from(t.executor.get_worker_pool().get_worker_pids());

    assertEqual(future.cancel(), true, 'cancel()');
    await assertRejects(future.wait_async(null), Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED,
        'wait for spin');
    assertEqual(items.get_item(1).value, 5, 'second tick in the items model');

    assertEqual(await t.executor.shutdown_async(null), true, 'shutdown');
    assertEqual(t.executor.state, Futures.ExecutorState.STOPPED, 'state');
    await assertRejects(t.executor.shutdown_async(null), Futures.error_quark(),
        Futures.Error.NOT_RUNNING, 'second shutdown');
    // The pool was told to shut down without waiting: the workers leave
    // soon after, not necessarily before the promise resolves.
    for (const worker of pids) {
        iterateUntil(() => !GLib.file_test(`/proc/${worker}`, GLib.FileTest.EXISTS),
            `worker ${worker} to exit`, {pollMs: 20});
    }
});

const failed = runTests(() => new Fixture());
System.exit(failed > 0 ? 1 : 0);
