// tap-sample.js: a run of tap.js with known outcomes, for test-tap.js
// (ES module; not a test of its own).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import System from 'system';

import {assert, runTests, test} from './tap.js';

const later = ms => new Promise(resolve => {
    GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
        resolve();
        return GLib.SOURCE_REMOVE;
    });
});

test('sync pass', () => {});
test('sync fail', () => assert(false, 'sync failure'));
test('async pass after a main loop timeout', async () => {
    await later(10);
});
test('async fail after an await', async () => {
    await later(1);
    throw new Error('async failure');
});
test('async assertion', async () => {
    await null;
    assert(false, 'async assertion failure');
});
test('promise that never settles', () => new Promise(() => {}));
test('async cleanup that rejects', t => {
    t.failCleanup = true;
});
test('the fixture is fresh after a failed cleanup', t => {
    assert(!t.failCleanup, 'the fixture was reused');
});
test('known async failure', async () => {
    await null;
    throw new Error('known');
}, {todo: 'on purpose'});

class Fixture {
    constructor() {
        this.failCleanup = false;
    }

    async cleanup() {
        await later(1);
        if (this.failCleanup)
            throw new Error('cleanup failure');
    }
}

const failed = runTests(() => new Fixture(), {timeoutMs: 300});
print(`# failed: ${failed}`);
System.exit(failed > 0 ? 1 : 0);
