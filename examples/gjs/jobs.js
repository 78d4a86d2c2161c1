// jobs.js: background jobs from JavaScript, awaited with async/await
// (ES module). Run:
//
//   gjs -m examples/gjs/jobs.js
//
// GJS runs no JS on worker threads, so the jobs run in gjs worker
// processes: the script is its own worker (the pool starts
// `gjs -m jobs.js`, which registers the same tasks and serves them from
// Futures.process_worker_main()). The main process submits them by name
// and awaits them: after Gio._promisify(), future.wait_async(null)
// resolves when the job completed and rejects with the job's error when
// it failed, or with Gio.IOErrorEnum.CANCELLED when it was cancelled;
// executor.shutdown_async(null) resolves once every job is done and the
// workers are told to leave. Meanwhile signals and list models show
// what goes on: the executor is a Gio.ListModel of its live jobs, an
// iteration job's items are a Gio.ListModel that grows in batches.
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';
import System from 'system';

// The tasks, registered in the main process and in every worker --------

// fn(task, ...args): args are the members of the submitted tuple; what
// fn returns (unless undefined) is the result; an exception, the error
// (GJS alone would only log it).
function registerTask(name, fn) {
    Futures.register_task(name, task => {
        try {
            const args = task.get_arguments()?.deepUnpack() ?? [];
            const result = fn(task, ...args);
            if (result !== undefined)
                task.return_value(result);
        } catch (e) {
            task.return_error(e instanceof GLib.Error ? e
                : new GLib.Error(GLib.quark_from_string('jobs-js-error'), 0, `${e}`));
        }
    });
}

// Progress: a SHA-256 of `megabytes` of generated data, one report per
// megabyte.
registerTask('checksum', (task, megabytes) => {
    const checksum = new GLib.Checksum(GLib.ChecksumType.SHA256);
    const chunk = new Uint8Array(1 << 20);
    let seed = 1;
    for (let i = 0; i < megabytes; i++) {
        for (let j = 0; j < chunk.length; j++) {
            seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
            chunk[j] = seed >>> 24;
        }
        checksum.update(chunk);
        if (!task.report_progress((i + 1) / megabytes, `${i + 1} of ${megabytes} MB`))
            return undefined;
    }
    return checksum.get_string();
});

// Iteration: the primes below a limit, as they are found.
registerTask('primes', (task, below) => {
    let count = 0;
    for (let n = 2; n < below; n++) {
        let d = 2;
        while (d * d <= n && n % d !== 0)
            d++;
        if (d * d > n) {
            count++;
            if (!task.yield_value(n))
                return undefined;
        }
    }
    return count;
});

// A call that fails on bad input, with an error of its own.
registerTask('parse', (task, text) => {
    const value = Number.parseInt(text, 10);
    if (Number.isNaN(value)) {
        throw new GLib.Error(Gio.IOErrorEnum, Gio.IOErrorEnum.INVALID_DATA,
            `not a number: “${text}”`);
    }
    return value;
});

// A call that runs until it is cancelled.
registerTask('endless', task => {
    while (!task.is_cancelled())
        GLib.usleep(10000);
    return undefined;
});

// In a worker process the pool's work happens in here; then we are done.
if (Futures.process_worker_main())
    System.exit(0);

// The main process ----------------------------------------------------

Gio._promisify(Futures.Future.prototype, 'wait_async', 'wait_finish');
Gio._promisify(Futures.Executor.prototype, 'shutdown_async', 'shutdown_finish');

const thisFile = GLib.filename_from_uri(import.meta.url)[0];
const context = Futures.ProcessContext.new(['gjs', '-m', thisFile]);
const executor = Futures.Executor.new_full(context, null, 2);
const names = new Map();

const stateName = state =>
    Object.keys(Futures.FutureState).find(k => Futures.FutureState[k] === state).toLowerCase();

// A jobs panel in one line, redrawn once per main loop iteration however
// many jobs came and went, as a user interface would. GJS 1.74 cannot
// iterate a Gio.ListModel with for…of: get_n_items() and get_item() it is.
let redraw = 0;
executor.connect('items-changed', model => {
    redraw ||= GLib.idle_add(GLib.PRIORITY_DEFAULT_IDLE, () => {
        const jobs = [];
        for (let i = 0; i < model.get_n_items(); i++) {
            const job = model.get_item(i);
            jobs.push(`${names.get(job)} (${stateName(job.state)})`);
        }
        print(`  jobs: ${jobs.join(', ') || 'none'}`);
        redraw = 0;
        return GLib.SOURCE_REMOVE;
    });
});

function submit(futureType, name, args) {
    const future = executor.submit_named(futureType, name, args);
    names.set(future, name);
    return future;
}

async function main() {
    const checksum = submit(Futures.ProgressFuture, 'checksum', new GLib.Variant('(u)', [8]));
    // Reports may be merged when they come faster than the main loop
    // takes them (the latest wins): the signal gives each delivered one.
    checksum.connect('progress', (job, fraction, text) => print(`checksum: ${text}`));

    const primes = submit(Futures.IterationFuture, 'primes', new GLib.Variant('(u)', [300000]));
    const found = primes.get_items();
    let batches = 0;
    found.connect('items-changed', () => batches++);

    const parse = submit(Futures.CallFuture, 'parse', new GLib.Variant('(s)', ['forty-two']));
    const endless = submit(Futures.CallFuture, 'endless', null);

    // Await each job; a failed one rejects with its own GLib.Error.
    await checksum.wait_async(null);
    print(`checksum: ${checksum.get_result()}`);

    await primes.wait_async(null);
    const n = found.get_n_items();
    const last = found.get_item(n - 1);
    print(`primes: ${primes.get_result()} below 300000, in ${batches} batches; ` +
        `item ${last.position} is ${last.string}`);

    let parseError = null;
    try {
        await parse.wait_async(null);
    } catch (e) {
        parseError = e;
        print(`parse: failed as it should: ${e.message}`);
    }

    endless.cancel();
    let cancelled = false;
    try {
        await endless.wait_async(null);
    } catch (e) {
        cancelled = e.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
        print(`endless: ${e.message}`);
    }

    await executor.shutdown_async(null);
    print('executor stopped');

    return checksum.state === Futures.FutureState.COMPLETED && n === primes.get_result() &&
        parseError?.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.INVALID_DATA) && cancelled;
}

const loop = new GLib.MainLoop(null, false);
let ok = false;
main().then(result => {
    ok = result;
}).catch(e => {
    print(`unexpected: ${e}\n${e.stack}`);
    if (executor.state !== Futures.ExecutorState.STOPPED)
        executor.shutdown(-1);
}).finally(() => loop.quit());
loop.run();
System.exit(ok ? 0 : 1);
