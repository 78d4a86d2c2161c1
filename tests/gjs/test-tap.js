// test-tap.js: the GJS tests' harness, tap.js, checked from outside
// (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Runs tap-sample.js, whose tests pass, fail, fail asynchronously, never
// settle or fail in an asynchronous cleanup on purpose, in a child gjs,
// and checks the TAP it prints and its exit status: asynchronous tests
// must be reported as their promises settle, one after another, and a
// test left pending must time out and not hold up those after it.
//
// Run:  gjs -m tests/gjs/test-tap.js   (prints TAP, exits 1 on failure)

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import System from 'system';

import {assert, assertArrayEqual, assertEqual, runTests, test} from './tap.js';

const SAMPLE = GLib.build_filenamev([
    GLib.path_get_dirname(GLib.filename_from_uri(import.meta.url)[0]), 'tap-sample.js']);

// Runs the sample once, in the same gjs as this file.
function runSample() {
    const process = Gio.Subprocess.new(['/proc/self/exe', '-m', SAMPLE],
        Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_MERGE);
    const [, stdout] = process.communicate_utf8(null, null);
    return {lines: stdout.trimEnd().split('\n'), status: process.get_exit_status()};
}

const sample = runSample();

test('the plan, then one result line per test, in order', () => {
    assertArrayEqual(sample.lines.filter(line => !line.startsWith('#')), [
        '1..9',
        'ok 1 - sync pass',
        'not ok 2 - sync fail',
        'ok 3 - async pass after a main loop timeout',
        'not ok 4 - async fail after an await',
        'not ok 5 - async assertion',
        'not ok 6 - promise that never settles',
        'not ok 7 - async cleanup that rejects',
        'ok 8 - the fixture is fresh after a failed cleanup',
        'not ok 9 - known async failure # TODO on purpose',
    ], 'result lines');
});

test('each failure is explained in comments after its line', () => {
    const after = (number, comment) => {
        const at = sample.lines.findIndex(line => line.startsWith(`not ok ${number} `));
        const comments = [];
        for (let i = at + 1; i < sample.lines.length && sample.lines[i].startsWith('#'); i++)
            comments.push(sample.lines[i]);
        assert(comments.some(line => line.includes(comment)),
            `test ${number}: no comment with ${JSON.stringify(comment)} in ${comments}`);
    };
    after(2, '# sync failure');
    after(4, '# Error: async failure');
    after(5, '# async assertion failure');
    after(6, '# the test still pending after 300 ms');
    after(7, '# Error: cleanup failure');
    after(9, '# Error: known');
});

test('the exit status counts failures but not known ones', () => {
    assertEqual(sample.lines[sample.lines.length - 1], '# failed: 5', 'failures counted');
    assertEqual(sample.status, 1, 'exit status');
});

const failed = runTests();
System.exit(failed > 0 ? 1 : 0);
