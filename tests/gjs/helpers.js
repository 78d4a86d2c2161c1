// helpers.js: what the GJS tests share beside tap.js (ES module): main
// context loops with a time limit, recorders of notifications, list
// model readers.
//
// Copyright 2026 The futures-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Futures from 'gi://Futures?version=1.0';

import {AssertionError, assertEqual} from './tap.js';

// How long a test waits for background work before it fails.
export const TIMEOUT_MS = 10000;

// Makes a warning or critical from anyone (the library, GLib, GJS) abort
// the run: each is a bug. So is a promise rejection that nobody handles,
// which GJS reports as a warning.
export function makeWarningsFatal() {
    GLib.log_set_always_fatal(GLib.LogLevelFlags.LEVEL_ERROR |
        GLib.LogLevelFlags.LEVEL_CRITICAL | GLib.LogLevelFlags.LEVEL_WARNING);
}

// Turns the library's _async/_finish pairs into functions that return a
// promise when called without a callback, as an application does.
export function promisifyAsyncPairs() {
    Gio._promisify(Futures.Future.prototype, 'wait_async', 'wait_finish');
    Gio._promisify(Futures.Executor.prototype, 'shutdown_async', 'shutdown_finish');
}

export function nick(enumType, value) {
    const name = Object.keys(enumType).find(k => enumType[k] === value);
    return name ? name.toLowerCase() : `?${value}`;
}

export const futureState = state => nick(Futures.FutureState, state);
export const executorState = state => nick(Futures.ExecutorState, state);

// Iterates a main context (blocking) until condition() holds; fails the
// test after timeoutMs so that a lost message is a failure, not a hang.
// A condition that no event of the context announces (a process that
// exits, say) is checked again every pollMs if given.
export function iterateUntil(condition, what, {context = GLib.MainContext.default(),
    timeoutMs = TIMEOUT_MS, pollMs = 0} = {}) {
    let timedOut = false;
    const timeout = GLib.timeout_source_new(timeoutMs);
    timeout.set_callback(() => {
        timedOut = true;
        return GLib.SOURCE_REMOVE;
    });
    timeout.attach(context);
    const poll = pollMs > 0 ? GLib.timeout_source_new(pollMs) : null;
    poll?.set_callback(() => GLib.SOURCE_CONTINUE);
    poll?.attach(context);
    try {
        while (!condition() && !timedOut)
            context.iteration(true);
    } finally {
        timeout.destroy();
        poll?.destroy();
    }
    if (!condition())
        throw new AssertionError(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

// Dispatches everything pending in a main context without blocking.
export function iterate(context = GLib.MainContext.default()) {
    let dispatched = 0;
    while (context.iteration(false)) {
        if (++dispatched > 100000)
            throw new AssertionError('main context never became idle');
    }
    return dispatched;
}

// Keeps iterating a main context, without waiting for anything, for ms.
export function iterateFor(ms, context = GLib.MainContext.default()) {
    const end = GLib.get_monotonic_time() + ms * 1000;
    while (GLib.get_monotonic_time() < end) {
        if (!context.iteration(false))
            GLib.usleep(1000);
    }
}

// Records, in order, the notifications of a future as strings like
// "state:executing", "may-cancel:false", "done:true". `log.onDone`, if
// set, runs inside the notify::done handler.
export function watchFuture(future, log = {events: []}) {
    log.doneCount = 0;
    future.connect('notify::state', f => log.events.push(`state:${futureState(f.state)}`));
    future.connect('notify::may-cancel', f => log.events.push(`may-cancel:${f.may_cancel}`));
    future.connect('notify::done', f => {
        log.events.push(`done:${f.done}`);
        log.doneCount++;
        log.onDone?.(f);
    });
    return log;
}

// Records, in order, the notifications of an executor: "state:stopping",
// "running:false", "stopped:true", "n-futures:2".
export function watchExecutor(executor, log = {events: []}) {
    executor.connect('notify::state', e => log.events.push(`state:${executorState(e.state)}`));
    executor.connect('notify::running', e => log.events.push(`running:${e.running}`));
    executor.connect('notify::stopped', e => log.events.push(`stopped:${e.stopped}`));
    executor.connect('notify::n-futures', e => log.events.push(`n-futures:${e.n_futures}`));
    return log;
}

export function assertState(future, state, what) {
    assertEqual(futureState(future.state), futureState(state), `${what} state`);
    assertEqual(future.get_state(), state, `${what} get_state()`);
}

// The items of a Gio.ListModel as an array. GJS 1.74 cannot iterate a
// GListModel with for…of: this is the loop to use instead.
export function listModelItems(model) {
    const items = [];
    for (let i = 0; i < model.get_n_items(); i++)
        items.push(model.get_item(i));
    return items;
}

// Follows a list model through items-changed: `mirror.items` is what
// the model held after each emission, as the splices say, and
// `mirror.changes` the emissions as "position,removed,added".
// `mirror.onChange`, if set, runs inside each emission, after the
// splice.
export function mirrorModel(model) {
    const mirror = {items: listModelItems(model), changes: []};
    mirror.handler = model.connect('items-changed', (m, position, removed, added) => {
        mirror.changes.push(`${position},${removed},${added}`);
        const fresh = [];
        for (let i = position; i < position + added; i++)
            fresh.push(m.get_item(i));
        mirror.items.splice(position, removed, ...fresh);
        mirror.onChange?.(m, position, removed, added);
    });
    return mirror;
}
