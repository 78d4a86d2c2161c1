#!/usr/bin/python3
# process_worker.py: pure-Python, CPU-bound work in worker processes,
# escaping the GIL, watched from a GLib main loop. Run with Debian's
# Python, which has PyGObject:
#
#   /usr/bin/python3 examples/python/process_worker.py
#
# The script is its own worker: the pool starts `/usr/bin/python3
# process_worker.py`, which registers the same functions and serves them
# from Futures.process_worker_main(), then exits. Arguments, items and
# results cross between the processes as GVariants (see the doc of
# gi.overrides.Futures): a tuple result comes back as a GLib.Variant,
# which Futures.from_variant() turns into a Python tuple again.
#
# Copyright 2026 The futures-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys
import time

import gi
gi.require_version('Futures', '1.0')
from gi.repository import Futures, GLib  # noqa: E402


def is_prime(n):
    d = 2
    while d * d <= n and n % d:
        d += 1
    return n >= 2 and d * d > n


def count_primes(limit):
    """Pure Python, CPU-bound: threads would take turns on the GIL."""
    start = time.process_time()
    count = sum(1 for n in range(limit) if is_prime(n))
    return (limit, count, os.getpid(), time.process_time() - start)


def twin_primes(below):
    """A generator: each pair is an item, the return value the result."""
    pairs = 0
    for n in range(3, below - 2, 2):
        if is_prime(n) and is_prime(n + 2):
            pairs += 1
            yield (n, n + 2)
    return f'{pairs} twin prime pairs below {below}, found by process {os.getpid()}'


Futures.register_task('count-primes', count_primes)
Futures.register_task('twin-primes', twin_primes)

# In a worker process the pool's work happens in here; then we are done.
if Futures.process_worker_main():
    sys.exit(0)


def main():
    loop = GLib.MainLoop()
    context = Futures.ProcessContext(argv=['/usr/bin/python3', os.path.abspath(__file__)])
    executor = Futures.Executor(context=context, max_workers=4)
    pending = set()
    worker_pids = set()
    cpu_seconds = []
    start = time.monotonic()

    print(f'main process {os.getpid()}')

    def finished(future):
        pending.discard(future)
        if not pending:
            loop.quit()

    def on_counted(future, _pspec):
        if future.props.state == Futures.FutureState.COMPLETED:
            limit, count, pid, cpu = Futures.from_variant(future.get_result())
            worker_pids.add(pid)
            cpu_seconds.append(cpu)
            print(f'{count} primes below {limit} (process {pid}, {cpu:.2f} s of CPU)')
        else:
            print(f'count-primes: {future.props.state.value_nick}: '
                  f'{future.dup_error().message.splitlines()[0]}')
        finished(future)

    for limit in (80000, 90000, 100000, 110000):
        future = executor.submit_named(Futures.CallFuture, 'count-primes', limit)
        future.connect('notify::done', on_counted)
        pending.add(future)

    def on_item(future, pair):
        # Items arrive here, in the main loop, in order.
        first, second = Futures.from_variant(pair)
        if first < 200:
            print(f'twin primes: {first}, {second}')

    def on_twins_done(future, _pspec):
        if future.props.state == Futures.FutureState.COMPLETED:
            print(f'{future.get_result()} ({future.get_n_items()} items)')
        else:
            print(f'twin-primes: {future.props.state.value_nick}')
        finished(future)

    twins = executor.submit_named(Futures.IterationFuture, 'twin-primes', 20000)
    twins.connect('item', on_item)
    twins.connect('notify::done', on_twins_done)
    pending.add(twins)

    loop.run()
    print(f'4 counts in {len(worker_pids)} worker processes: {sum(cpu_seconds):.2f} s of CPU, '
          f'all done after {time.monotonic() - start:.2f} s')
    executor.shutdown(-1)
    return 0 if len(worker_pids) > 1 else 1


if __name__ == '__main__':
    sys.exit(main())
