// fixture.js: the per-test fixture of the GJS tests that use the
// FuturesTest helper library (ES module).
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import Futures from 'gi://Futures?version=1.0';

// The FuturesTest helper module, handed in by the test (useHelper()): a
// test run in the build tree imports it statically, with its path in the
// environment; an installed test finds it beside itself and imports it
// dynamically. (Not here with a top-level await: a module that awaits is
// evaluated in a promise job, where the asynchronous tests' main loop
// could not settle any promise.)
let FuturesTest = null;

export function useHelper(helper) {
    FuturesTest = helper;
}

// Tracks what a test makes so that nothing outlives it, even on failure:
// gates are opened and executors shut down (shutdown(-1)).
export class Fixture {
    constructor() {
        this._executors = [];
        this._gates = [];
        this._pools = [];
    }

    track(executor) {
        this._executors.push(executor);
        return executor;
    }

    executor(maxWorkers = 0) {
        return this.track(maxWorkers > 0
            ? Futures.Executor.new_full(null, null, maxWorkers)
            : Futures.Executor.new());
    }

    gate() {
        const gate = FuturesTest.Gate.new();
        this._gates.push(gate);
        return gate;
    }

    pool(maxWorkers) {
        const pool = Futures.ThreadPool.new(maxWorkers);
        this._pools.push(pool);
        return pool;
    }

    cleanup() {
        for (const gate of this._gates)
            gate.open();
        for (const executor of this._executors) {
            if (executor.state !== Futures.ExecutorState.STOPPED)
                executor.shutdown(-1);
        }
        for (const pool of this._pools)
            pool.shutdown(true);
    }
}
