// tap.js: the tiny TAP harness of the GJS tests (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Usage:
//
//   import {test, assert, assertEqual, runTests} from './tap.js';
//   test('name', t => { ... });           // t: the test's fixture
//   test('name', t => { ... }, {todo: 'why'});   // a known failure
//   System.exit(runTests(() => new Fixture()) > 0 ? 1 : 0);
//
// Each test gets a fresh fixture from the factory given to runTests();
// its cleanup() runs after the test, pass or fail, and an exception it
// throws fails the test. Output is TAP: a plan, one "ok"/"not ok" line
// per test and the failure's message as "#" comments. A test marked
// {todo} is reported with a "# TODO" directive: its failure is expected
// (meson counts it as such) and its passing means the marker can go.
//
// buildFilename('helper') names a built test file the way GLib's
// g_test_build_filename() does: under $G_TEST_BUILDDIR (set by meson
// test), else beside this file (where the installed tests live).
//
// A test may be asynchronous: an async function, or any function that
// returns a promise. runTests() then runs a GLib.MainLoop on the default
// main context until the promise settles (a rejection fails the test)
// or until timeoutMs pass (which fails it too), so that `await` on a
// promisified _async/_finish pair works as it does in an application.
// Tests still run one after another, each one's cleanup (which may
// return a promise as well) before the next test starts:
//
//   test('name', async t => { await future.wait_async(null); });
//   runTests(() => new Fixture(), {timeoutMs: 20000});

import GLib from 'gi://GLib';
import Futures from 'gi://Futures?version=1.0';

const tests = [];

export function buildFilename(...parts) {
    const dir = GLib.getenv('G_TEST_BUILDDIR') ??
        GLib.path_get_dirname(GLib.filename_from_uri(import.meta.url)[0]);
    return GLib.build_filenamev([dir, ...parts]);
}

export function test(name, fn, {todo = null} = {}) {
    tests.push({name, fn, todo});
}

export class AssertionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AssertionError';
    }
}

export function describe(value) {
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (typeof value === 'bigint')
        return `${value}n`;
    if (Object.is(value, -0))
        return '-0';
    if (Array.isArray(value))
        return `[${value.map(describe).join(', ')}]`;
    if (value instanceof GLib.Variant)
        return `GLib.Variant(${value.print(true)})`;
    return String(value);
}

export function assert(condition, message) {
    if (!condition)
        throw new AssertionError(message);
}

export function assertEqual(actual, expected, what) {
    if (!Object.is(actual, expected)) {
        throw new AssertionError(
            `${what}: expected ${describe(expected)}, got ${describe(actual)}`);
    }
}

export function assertArrayEqual(actual, expected, what) {
    const same = actual.length === expected.length &&
        actual.every((v, i) => Object.is(v, expected[i]));
    if (!same) {
        throw new AssertionError(
            `${what}: expected ${describe(expected)}, got ${describe(actual)}`);
    }
}

export function errorName(code) {
    const name = Object.keys(Futures.Error).find(k => Futures.Error[k] === code);
    return name ? `Futures.Error.${name}` : `code ${code}`;
}

// Runs fn, which must throw a GLib.Error in the Futures domain with the
// given code; returns the error.
export function assertThrowsFutures(code, fn, what) {
    try {
        fn();
    } catch (e) {
        if (!(e instanceof GLib.Error))
            throw new AssertionError(`${what}: expected ${errorName(code)}, got ${e}`);
        if (!e.matches(Futures.error_quark(), code)) {
            throw new AssertionError(
                `${what}: expected ${errorName(code)}, got ` +
                `${GLib.quark_to_string(e.domain)} ${e.code}: ${e.message}`);
        }
        return e;
    }
    throw new AssertionError(`${what}: expected ${errorName(code)}, nothing was thrown`);
}

// Describes a GLib.Error with its domain and code.
export function describeError(e) {
    if (!(e instanceof GLib.Error))
        return `${e}`;
    return `${GLib.quark_to_string(e.domain)} ${e.code}: ${e.message}`;
}

// Awaits a promise that must reject with a GLib.Error matching domain
// (an error quark or an error enum such as Gio.IOErrorEnum) and code;
// returns the error.
export async function assertRejects(promise, domain, code, what) {
    let value;
    try {
        value = await promise;
    } catch (e) {
        if (!(e instanceof GLib.Error) || !e.matches(domain, code)) {
            throw new AssertionError(
                `${what}: expected a rejection with code ${code}, got ${describeError(e)}`);
        }
        return e;
    }
    throw new AssertionError(`${what}: expected a rejection, it resolved with ${describe(value)}`);
}

// Waits for a promise by running a main loop on the default main
// context (promise reactions are jobs that GJS runs from that context);
// returns null once it fulfils, or what it rejected with, and throws if
// it is still pending after timeoutMs.
function settle(promise, timeoutMs, what) {
    const loop = new GLib.MainLoop(null, false);
    let outcome = null;
    promise.then(
        () => {
            outcome = {error: null};
            loop.quit();
        },
        error => {
            outcome = {error: error ?? new AssertionError(`${what} rejected with ${error}`)};
            loop.quit();
        });

    let timedOut = false;
    const timeout = GLib.timeout_source_new(timeoutMs);
    timeout.set_callback(() => {
        timedOut = true;
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    timeout.attach(null);
    try {
        // A reaction can only run inside the loop, so quit() never comes
        // before run(); the loop ends for good only on an outcome.
        while (outcome === null && !timedOut)
            loop.run();
    } finally {
        timeout.destroy();
    }
    if (outcome === null)
        throw new AssertionError(`${what} still pending after ${timeoutMs} ms`);
    return outcome.error;
}

// Runs fn(...args); if it returns a promise, waits for it with settle().
function runMaybeAsync(fn, args, timeoutMs, what) {
    const result = fn(...args);
    if (typeof result?.then !== 'function')
        return;
    const error = settle(result, timeoutMs, what);
    if (error !== null)
        throw error;
}

// Runs every registered test with a fixture from makeFixture (or none);
// prints TAP and returns the number of failed tests (known failures,
// marked {todo}, not included). An asynchronous test, or cleanup, fails
// if its promise is still pending after timeoutMs.
export function runTests(makeFixture = () => null, {timeoutMs = 60000} = {}) {
    let failed = 0;

    print(`1..${tests.length}`);
    tests.forEach(({name, fn, todo}, i) => {
        let fixture = null;
        let error = null;
        try {
            fixture = makeFixture();
            runMaybeAsync(fn, [fixture], timeoutMs, 'the test');
        } catch (e) {
            error = e;
        }
        try {
            if (fixture?.cleanup)
                runMaybeAsync(() => fixture.cleanup(), [], timeoutMs, 'the cleanup');
        } catch (e) {
            error ??= e;
        }

        const directive = todo === null ? '' : ` # TODO ${todo}`;
        if (error === null) {
            print(`ok ${i + 1} - ${name}${directive}`);
        } else {
            if (todo === null)
                failed++;
            print(`not ok ${i + 1} - ${name}${directive}`);
            const text = error instanceof AssertionError
                ? error.message
                : `${error}\n${error.stack ?? ''}`;
            for (const line of text.trimEnd().split('\n'))
                print(`# ${line}`);
        }
    });
    return failed;
}
