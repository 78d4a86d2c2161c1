// process-worker.js: JavaScript work in the background, in gjs worker
// processes, watched from a GLib main loop (ES module). Run:
//
//   gjs -m examples/gjs/process-worker.js
//
// GJS runs no JS on worker threads; worker processes are its way to run
// JS in the background. The script is its own worker: the pool starts
// `gjs -m process-worker.js`, which registers the same functions and
// serves them from Futures.process_worker_main(), then exits.
//
// Values cross between the processes as GVariants. task.return_value()
// and task.yield_value() take numbers, strings, booleans and GLib.Variants
// as they are (GJS 1.74 guesses the GValue type from the JS value); a
// list or an object goes as a GLib.Variant. A JS exception escaping a
// registered function is only logged by GJS (the task would complete
// with no result), so registerTask() turns it into the task's error.
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';
import System from 'system';

const pid = () => Gio.Credentials.new().get_unix_pid();

// fn(task, ...args): args are the members of the submitted tuple; what
// fn returns (unless undefined) is the result; an exception, the error.
function registerTask(name, fn) {
    Futures.register_task(name, task => {
        try {
            const args = task.get_arguments()?.deepUnpack() ?? [];
            const result = fn(task, ...args);
            if (result !== undefined)
                task.return_value(result);
        } catch (e) {
            task.return_error(e instanceof GLib.Error ? e
                : new GLib.Error(GLib.quark_from_string('example-js-error'), 0, `${e}`));
        }
    });
}

function isPrime(n) {
    let d = 2;
    while (d * d <= n && n % d !== 0)
        d++;
    return n >= 2 && d * d > n;
}

// CPU-heavy: count the primes below a limit, the slow way.
registerTask('count-primes', (task, limit) => {
    let count = 0;
    for (let n = 2; n < limit; n++) {
        if (n % 10000 === 0 && task.is_cancelled())
            return undefined;
        if (isPrime(n))
            count++;
    }
    return new GLib.Variant('(uui)', [limit, count, pid()]);
});

// Streams items: each Mersenne prime exponent below a limit, as found.
registerTask('mersenne', (task, below) => {
    let found = 0;
    for (let p = 2; p < below; p++) {
        if (!isPrime(p))
            continue;
        // Lucas-Lehmer test, with BigInt.
        const m = (1n << BigInt(p)) - 1n;
        let s = 4n;
        for (let i = 0; i < p - 2; i++)
            s = (s * s - 2n) % m;
        if (p === 2 || s === 0n) {
            found++;
            if (!task.yield_value(p))
                return undefined;
        }
    }
    return `${found} Mersenne primes with exponents below ${below}, found by process ${pid()}`;
});

// In a worker process the pool's work happens in here; then we are done.
if (Futures.process_worker_main())
    System.exit(0);

const loop = new GLib.MainLoop(null, false);
const thisFile = GLib.filename_from_uri(import.meta.url)[0];
const context = Futures.ProcessContext.new(['gjs', '-m', thisFile]);
const executor = Futures.Executor.new_full(context, null, 2);
const pending = new Set();
const workerPids = new Set();
const start = GLib.get_monotonic_time();

print(`main process ${pid()}`);

function finished(future) {
    if (future.state === Futures.FutureState.FAILED)
        print(`failed: ${future.dup_error().message}`);
    pending.delete(future);
    if (pending.size === 0)
        loop.quit();
}

for (const limit of [1000000, 1100000]) {
    const future = executor.submit_named(Futures.CallFuture, 'count-primes',
        new GLib.Variant('(u)', [limit]));
    future.connect('notify::done', f => {
        if (f.state === Futures.FutureState.COMPLETED) {
            const [below, count, worker] = f.get_result().deepUnpack();
            workerPids.add(worker);
            print(`${count} primes below ${below} (process ${worker})`);
        }
        finished(f);
    });
    pending.add(future);
}

const mersenne = executor.submit_named(Futures.IterationFuture, 'mersenne',
    new GLib.Variant('(u)', [1300]));
mersenne.connect('item', (f, p) => print(`2^${p} - 1 is prime`));
mersenne.connect('notify::done', f => {
    if (f.state === Futures.FutureState.COMPLETED)
        print(`${f.get_result()} (${f.get_n_items()} items)`);
    finished(f);
});
pending.add(mersenne);

loop.run();
print(`2 counts in ${workerPids.size} worker processes, all done after ` +
    `${((GLib.get_monotonic_time() - start) / 1e6).toFixed(2)} s`);
executor.shutdown(-1);
System.exit(workerPids.size === 2 ? 0 : 1);
