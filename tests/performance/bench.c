/* bench.c: futures-glib benchmarks, printed, never asserted.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   futures-bench [--quick] [--repeat N] [--only W1,W3,...]
 *
 * Each workload runs N times (7 by default, 1 with --quick); the median
 * and the min–max are printed, and ratios against a baseline measured in
 * the same run. The machines are shared and noisy: read the figures, do
 * not assert them.
 *
 * W1 call throughput: 10,000 no-op calls, every completion seen in the
 *    main context; against GTask + g_task_run_in_thread, one g_idle_add
 *    and one g_main_context_invoke per completion, a bare coalesced
 *    GSource draining a GAsyncQueue, and a raw GAsyncQueue blocking pop.
 * W2 streaming: one task sends 1,000,000 ints to the main context; the
 *    same baselines but GTask.
 * W3 latency: a message every 100 µs, one-way latency p50 and p99;
 *    against the raw blocking pop and g_idle_add.
 * W4 memory: heap memory per in-flight call, 10,000 in flight;
 *    against GTask.
 * W5 responsiveness: while one task floods the main context with
 *    1,000,000 items and another with 1,000,000 progress reports, a 1 ms
 *    timeout measures the longest main-loop stall.
 * W6 process workers:
 *   - round trip: tiny named tasks per second through worker processes;
 *   - speed-up: 4 CPU-bound tasks in worker processes against the same 4
 *     run one after another in this process.
 */

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <gio/gio.h>

#include <futures-glib/futures-glib.h>

static int repeat = 7;
static gboolean quick;

/* Tasks ----------------------------------------------------------------- */

static guint32
count_primes_below (guint32 limit)
{
  guint32 n, d, count = 0;

  for (n = 2; n < limit; n++)
    {
      for (d = 2; d * d <= n && n % d != 0; d++)
        ;
      count += d * d > n;
    }
  return count;
}

static void
primes_task (FuturesTask *task,
             gpointer     user_data)
{
  guint32 limit;

  g_variant_get (futures_task_get_arguments (task), "(u)", &limit);
  futures_task_return_int (task, count_primes_below (limit));
}

static void
noop_task (FuturesTask *task,
           gpointer     user_data)
{
  futures_task_return_int (task, 1);
}

/* Statistics -------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  double median, min, max;
} Stats;

static Stats
stats_of (GArray *samples)
{
  Stats s;

  g_array_sort (samples, compare_doubles);
  s.min = g_array_index (samples, double, 0);
  s.max = g_array_index (samples, double, samples->len - 1);
  s.median = g_array_index (samples, double, samples->len / 2);
  return s;
}

static void
print_stats (const char *what,
             const char *unit,
             Stats       s)
{
  g_print ("  %-44s %12.1f %s  (min %.1f, max %.1f)\n", what, s.median, unit, s.min, s.max);
}

static void
print_ratio (const char *what,
             double      ours,
             double      theirs)
{
  g_print ("  %-44s %12.2f x\n", what, ours / theirs);
}

static void
iterate_until (const guint *count,
               guint        target)
{
  while ((guint) g_atomic_int_get ((const int *) count) < target)
    g_main_context_iteration (NULL, TRUE);
}

/* A bare coalesced-wakeup GSource over a GAsyncQueue: the floor any
 * main-context delivery can reach. */
typedef struct
{
  GSource      source;
  GAsyncQueue *queue;
  int          pending;
  void       (*deliver) (gpointer item, gpointer user_data);
  gpointer     user_data;
} BareSource;

static gboolean
bare_dispatch (GSource *source, GSourceFunc cb, gpointer data)
{
  BareSource *self = (BareSource *) source;
  gpointer item;

  g_source_set_ready_time (source, -1);
  g_atomic_int_set (&self->pending, 0);
  while ((item = g_async_queue_try_pop (self->queue)) != NULL)
    self->deliver (item, self->user_data);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs bare_funcs = { .dispatch = bare_dispatch };

static BareSource *
bare_source_new (void (*deliver) (gpointer, gpointer), gpointer user_data)
{
  BareSource *self = (BareSource *) g_source_new (&bare_funcs, sizeof *self);

  self->queue = g_async_queue_new ();
  self->deliver = deliver;
  self->user_data = user_data;
  g_source_attach ((GSource *) self, NULL);
  return self;
}

static void
bare_source_push (BareSource *self, gpointer item)
{
  g_async_queue_push (self->queue, item);
  if (g_atomic_int_compare_and_exchange (&self->pending, 0, 1))
    g_source_set_ready_time ((GSource *) self, 0);
}

static void
bare_source_free (BareSource *self)
{
  g_source_destroy ((GSource *) self);
  g_async_queue_unref (self->queue);
  g_source_unref ((GSource *) self);
}

static void
count_item (gpointer item, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
count_idle (gpointer user_data)
{
  g_atomic_int_inc ((int *) user_data);
  return G_SOURCE_REMOVE;
}

/* W1 --------------------------------------------------------------------- */

typedef enum { W1_RAW, W1_BARE, W1_IDLE, W1_INVOKE } W1Mode;

typedef struct
{
  W1Mode       mode;
  GAsyncQueue *queue;
  BareSource  *bare;
  guint       *count;
} W1Shared;

static void
w1_pool_func (gpointer data, gpointer user_data)
{
  W1Shared *shared = user_data;

  switch (shared->mode)
    {
    case W1_RAW:
      g_async_queue_push (shared->queue, data);
      break;
    case W1_BARE:
      bare_source_push (shared->bare, data);
      break;
    case W1_IDLE:
      g_idle_add (count_idle, shared->count);
      break;
    case W1_INVOKE:
      g_main_context_invoke (NULL, count_idle, shared->count);
      break;
    default:
      g_assert_not_reached ();
    }
}

static double
w1_baseline (W1Mode mode, guint n)
{
  guint count = 0, i;
  W1Shared shared = { mode, g_async_queue_new (), NULL, &count };
  GThreadPool *pool;
  gint64 start;

  if (mode == W1_BARE)
    shared.bare = bare_source_new (count_item, &count);
  pool = g_thread_pool_new (w1_pool_func, &shared, g_get_num_processors (), FALSE, NULL);

  start = g_get_monotonic_time ();
  for (i = 0; i < n; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  if (mode == W1_RAW)
    for (i = 0; i < n; i++)
      g_async_queue_pop (shared.queue);
  else
    iterate_until (&count, n);
  start = g_get_monotonic_time () - start;

  g_thread_pool_free (pool, FALSE, TRUE);
  g_async_queue_unref (shared.queue);
  if (shared.bare != NULL)
    bare_source_free (shared.bare);
  return n / (start / 1e6);
}

static void
gtask_noop (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_task_return_boolean (task, TRUE);
}

static void
gtask_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static double
w1_gtask (guint n)
{
  guint count = 0, i;
  gint64 start = g_get_monotonic_time ();

  for (i = 0; i < n; i++)
    {
      GTask *task = g_task_new (NULL, NULL, gtask_done, &count);

      g_task_run_in_thread (task, gtask_noop);
      g_object_unref (task);
    }
  iterate_until (&count, n);
  return n / ((g_get_monotonic_time () - start) / 1e6);
}

static void
noop_call (FuturesTask *task, gpointer user_data)
{
}

static void
count_done (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static double
w1_futures (FuturesExecutor *executor, guint n)
{
  g_autoptr(GPtrArray) futures = g_ptr_array_new_full (n, g_object_unref);
  guint count = 0, i;
  gint64 start = g_get_monotonic_time ();

  for (i = 0; i < n; i++)
    {
      FuturesCallFuture *future = futures_executor_submit_call (executor, noop_call, NULL, NULL, NULL);

      g_signal_connect (future, "notify::done", G_CALLBACK (count_done), &count);
      g_ptr_array_add (futures, future);
    }
  iterate_until (&count, n);
  return n / ((g_get_monotonic_time () - start) / 1e6);
}

static void
bench_w1 (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  GArray *samples[6];
  const char *names[6] = { "futures-glib executor + call futures", "GTask + g_task_run_in_thread",
                           "g_idle_add per completion", "g_main_context_invoke per completion",
                           "bare coalesced GSource", "raw GAsyncQueue blocking pop" };
  Stats st[6];
  guint n = quick ? 2000 : 10000;
  int r, k;

  g_print ("W1 call throughput, %u no-op calls, completions seen in the main context\n", n);
  for (k = 0; k < 6; k++)
    samples[k] = g_array_new (FALSE, FALSE, sizeof (double));
  for (r = 0; r < repeat; r++)
    {
      double t[6];

      t[0] = w1_futures (executor, n);
      t[1] = w1_gtask (n);
      t[2] = w1_baseline (W1_IDLE, n);
      t[3] = w1_baseline (W1_INVOKE, n);
      t[4] = w1_baseline (W1_BARE, n);
      t[5] = w1_baseline (W1_RAW, n);
      for (k = 0; k < 6; k++)
        g_array_append_val (samples[k], t[k]);
    }
  for (k = 0; k < 6; k++)
    {
      st[k] = stats_of (samples[k]);
      print_stats (names[k], "calls/s", st[k]);
      g_array_unref (samples[k]);
    }
  print_ratio ("futures-glib / GTask", st[0].median, st[1].median);
  print_ratio ("futures-glib / g_idle_add", st[0].median, st[2].median);
  print_ratio ("futures-glib / raw blocking pop", st[0].median, st[5].median);
  futures_executor_shutdown (executor, -1, NULL);
  g_print ("\n");
}

/* W2 --------------------------------------------------------------------- */

typedef struct
{
  W1Mode       mode;
  guint        n;
  GAsyncQueue *queue;
  BareSource  *bare;
  guint       *count;
} W2Shared;

static gpointer
w2_producer (gpointer data)
{
  W2Shared *shared = data;
  guint i;

  for (i = 1; i <= shared->n; i++)
    switch (shared->mode)
      {
      case W1_RAW:
        g_async_queue_push (shared->queue, GUINT_TO_POINTER (i));
        break;
      case W1_BARE:
        bare_source_push (shared->bare, GUINT_TO_POINTER (i));
        break;
      case W1_IDLE:
        g_idle_add (count_idle, shared->count);
        break;
      case W1_INVOKE:
        g_main_context_invoke (NULL, count_idle, shared->count);
        break;
      default:
        g_assert_not_reached ();
      }
  return NULL;
}

static double
w2_baseline (W1Mode mode, guint n)
{
  guint count = 0, i;
  W2Shared shared = { mode, n, g_async_queue_new (), NULL, &count };
  GThread *thread;
  gint64 start;

  if (mode == W1_BARE)
    shared.bare = bare_source_new (count_item, &count);

  start = g_get_monotonic_time ();
  thread = g_thread_new ("w2", w2_producer, &shared);
  if (mode == W1_RAW)
    for (i = 0; i < n; i++)
      g_async_queue_pop (shared.queue);
  else
    iterate_until (&count, n);
  start = g_get_monotonic_time () - start;

  g_thread_join (thread);
  g_async_queue_unref (shared.queue);
  if (shared.bare != NULL)
    bare_source_free (shared.bare);
  return n / (start / 1e6);
}

static void
stream_ints (FuturesTask *task, gpointer user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&v, i);
      if (!futures_task_yield_value (task, &v))
        break;
    }
}

static void
count_value (FuturesIterationFuture *future, const GValue *value, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
count_batch (GListModel *model, guint position, guint removed, guint added, gpointer user_data)
{
  *(guint *) user_data += added;
}

/* The opt-in batched delivery: the items model grows by one
 * items-changed per main loop iteration; nobody listens to "item". */
static double
w2_futures_batched (FuturesExecutor *executor, guint n)
{
  g_autoptr(FuturesIterationFuture) future = NULL;
  guint count = 0;
  gint64 start = g_get_monotonic_time ();

  future = futures_executor_submit_iteration (executor, stream_ints, GUINT_TO_POINTER (n), NULL, NULL);
  g_signal_connect (futures_iteration_future_get_items (future), "items-changed",
                    G_CALLBACK (count_batch), &count);
  while (!futures_future_get_done (FUTURES_FUTURE (future)))
    g_main_context_iteration (NULL, TRUE);
  if (count != n)
    g_error ("W2 lost items in the model: %u of %u", count, n);
  return n / ((g_get_monotonic_time () - start) / 1e6);
}

static double
w2_futures (FuturesExecutor *executor, guint n)
{
  g_autoptr(FuturesIterationFuture) future = NULL;
  guint count = 0;
  gint64 start = g_get_monotonic_time ();

  future = futures_executor_submit_iteration (executor, stream_ints, GUINT_TO_POINTER (n), NULL, NULL);
  g_signal_connect (future, "item", G_CALLBACK (count_value), &count);
  while (!futures_future_get_done (FUTURES_FUTURE (future)))
    g_main_context_iteration (NULL, TRUE);
  if (count != n)
    g_error ("W2 lost items: %u of %u", count, n);
  return n / ((g_get_monotonic_time () - start) / 1e6);
}

static void
bench_w2 (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  const char *names[6] = { "futures-glib iteration future, item signal", "g_idle_add per message",
                           "g_main_context_invoke per message", "bare coalesced GSource",
                           "raw GAsyncQueue blocking pop", "futures-glib items model, batched" };
  GArray *samples[6];
  Stats st[6];
  guint n = quick ? 100000 : 1000000;
  int r, k;

  g_print ("W2 streaming, one task sends %u ints to the main context\n", n);
  for (k = 0; k < 6; k++)
    samples[k] = g_array_new (FALSE, FALSE, sizeof (double));
  for (r = 0; r < repeat; r++)
    {
      double t[6];

      t[0] = w2_futures (executor, n);
      t[1] = w2_baseline (W1_IDLE, n);
      t[2] = w2_baseline (W1_INVOKE, n);
      t[3] = w2_baseline (W1_BARE, n);
      t[4] = w2_baseline (W1_RAW, n);
      t[5] = w2_futures_batched (executor, n);
      for (k = 0; k < 6; k++)
        g_array_append_val (samples[k], t[k]);
    }
  for (k = 0; k < 6; k++)
    {
      st[k] = stats_of (samples[k]);
      print_stats (names[k], "msgs/s", st[k]);
      g_array_unref (samples[k]);
    }
  print_ratio ("futures-glib / best raw transfer", st[0].median, MAX (st[3].median, st[4].median));
  print_ratio ("futures-glib / g_idle_add", st[0].median, st[1].median);
  print_ratio ("items model / best raw transfer", st[5].median, MAX (st[3].median, st[4].median));
  futures_executor_shutdown (executor, -1, NULL);
  g_print ("\n");
}

/* W3 --------------------------------------------------------------------- */

typedef struct
{
  W1Mode       mode;
  guint        n;
  GAsyncQueue *queue;
  GArray      *latencies;
  BareSource  *bare;
} W3Shared;

typedef struct
{
  gint64  sent;
  GArray *latencies;
} W3Stamp;

static gboolean
w3_idle_stamp (gpointer data)
{
  W3Stamp *stamp = data;
  double latency = (double) (g_get_monotonic_time () - stamp->sent);

  g_array_append_val (stamp->latencies, latency);
  g_free (stamp);
  return G_SOURCE_REMOVE;
}

static void
w3_bare_stamp (gpointer item, gpointer user_data)
{
  double latency = (double) (g_get_monotonic_time () - (gint64) GPOINTER_TO_SIZE (item));

  g_array_append_val ((GArray *) user_data, latency);
}

static gpointer
w3_producer (gpointer data)
{
  W3Shared *shared = data;
  guint i;

  for (i = 0; i < shared->n; i++)
    {
      g_usleep (100);
      if (shared->mode == W1_RAW)
        g_async_queue_push (shared->queue, GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
      else if (shared->mode == W1_BARE)
        bare_source_push (shared->bare, GSIZE_TO_POINTER ((gsize) g_get_monotonic_time ()));
      else
        {
          W3Stamp *stamp = g_new (W3Stamp, 1);

          stamp->sent = g_get_monotonic_time ();
          stamp->latencies = shared->latencies;
          g_idle_add (w3_idle_stamp, stamp);
        }
    }
  return NULL;
}

static GArray *
w3_baseline (W1Mode mode, guint n)
{
  W3Shared shared = { mode, n, g_async_queue_new (), g_array_new (FALSE, FALSE, sizeof (double)), NULL };
  GThread *thread;
  guint i;

  if (mode == W1_BARE)
    shared.bare = bare_source_new (w3_bare_stamp, shared.latencies);
  thread = g_thread_new ("w3", w3_producer, &shared);

  if (mode == W1_RAW)
    for (i = 0; i < n; i++)
      {
        gint64 sent = (gint64) GPOINTER_TO_SIZE (g_async_queue_pop (shared.queue));
        double latency = (double) (g_get_monotonic_time () - sent);

        g_array_append_val (shared.latencies, latency);
      }
  else
    while (shared.latencies->len < n)
      g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_async_queue_unref (shared.queue);
  if (shared.bare != NULL)
    bare_source_free (shared.bare);
  return shared.latencies;
}

static void
stamp_task (FuturesTask *task, gpointer user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT64);
  for (i = 0; i < n; i++)
    {
      g_usleep (100);
      g_value_set_int64 (&v, g_get_monotonic_time ());
      futures_task_yield_value (task, &v);
    }
}

static void
record_latency (FuturesIterationFuture *future, const GValue *value, gpointer user_data)
{
  double latency = (double) (g_get_monotonic_time () - g_value_get_int64 (value));

  g_array_append_val ((GArray *) user_data, latency);
}

static GArray *
w3_futures (FuturesExecutor *executor, guint n)
{
  g_autoptr(FuturesIterationFuture) future = NULL;
  GArray *latencies = g_array_new (FALSE, FALSE, sizeof (double));

  future = futures_executor_submit_iteration (executor, stamp_task, GUINT_TO_POINTER (n), NULL, NULL);
  g_signal_connect (future, "item", G_CALLBACK (record_latency), latencies);
  while (!futures_future_get_done (FUTURES_FUTURE (future)))
    g_main_context_iteration (NULL, TRUE);
  return latencies;
}

static double
percentile (GArray *sorted, double p)
{
  guint i = (guint) (p * (sorted->len - 1));

  return g_array_index (sorted, double, i);
}

static void
bench_w3 (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  const char *names[4] = { "futures-glib iteration future", "raw GAsyncQueue blocking pop",
                           "g_idle_add per message", "bare coalesced GSource" };
  GArray *all[4];
  guint n = quick ? 500 : 5000;
  double p50[4], p99[4];
  int r, k;

  g_print ("W3 one-way latency, a message every 100 µs, %u messages per run\n", n);
  for (k = 0; k < 4; k++)
    all[k] = g_array_new (FALSE, FALSE, sizeof (double));
  for (r = 0; r < repeat; r++)
    {
      GArray *runs[4] = { w3_futures (executor, n), w3_baseline (W1_RAW, n), w3_baseline (W1_IDLE, n),
                          w3_baseline (W1_BARE, n) };

      for (k = 0; k < 4; k++)
        {
          g_array_append_vals (all[k], runs[k]->data, runs[k]->len);
          g_array_unref (runs[k]);
        }
    }
  for (k = 0; k < 4; k++)
    {
      g_array_sort (all[k], compare_doubles);
      p50[k] = percentile (all[k], 0.50);
      p99[k] = percentile (all[k], 0.99);
      g_print ("  %-44s p50 %7.1f µs   p99 %7.1f µs\n", names[k], p50[k], p99[k]);
      g_array_unref (all[k]);
    }
  print_ratio ("p50 futures-glib / raw blocking pop", p50[0], p50[1]);
  print_ratio ("p99 futures-glib / raw blocking pop", p99[0], p99[1]);
  print_ratio ("p50 futures-glib / bare GSource", p50[0], p50[3]);
  print_ratio ("p99 futures-glib / bare GSource", p99[0], p99[3]);
  futures_executor_shutdown (executor, -1, NULL);
  g_print ("\n");
}

/* W4 --------------------------------------------------------------------- */

/* Heap in use (glibc's allocator: every path here allocates with
 * malloc), finer-grained than the resident set, which moves by pages. */
static gsize
resident_bytes (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean open;
} Gate;

static void
gate_wait (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

static void
gated_call (FuturesTask *task, gpointer user_data)
{
  gate_wait (user_data);
}

static void
gated_gtask (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  gate_wait (data);
  g_task_return_boolean (task, TRUE);
}

static void
count_finished (FuturesExecutor *executor, GParamSpec *pspec, gpointer user_data)
{
  guint *live = user_data;

  *live = futures_executor_get_n_futures (executor);
}

/* With @per_future_handler, each future gets a notify::done handler, as
 * a caller watching each one would connect; without, completions are
 * watched on the executor (its n-futures), as a jobs panel does. */
static double
w4_futures (guint n, gboolean per_future_handler)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 1, NULL);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_full (n, g_object_unref);
  Gate gate = { 0 };
  guint count = 0, live = n, i;
  gsize before, after;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  g_signal_connect (executor, "notify::n-futures", G_CALLBACK (count_finished), &live);
  before = resident_bytes ();
  for (i = 0; i < n; i++)
    {
      FuturesCallFuture *future = futures_executor_submit_call (executor, gated_call, &gate, NULL, NULL);

      if (per_future_handler)
        g_signal_connect (future, "notify::done", G_CALLBACK (count_done), &count);
      g_ptr_array_add (futures, future);
    }
  after = resident_bytes ();
  gate_open (&gate);
  while (live > 0)
    g_main_context_iteration (NULL, TRUE);
  futures_executor_shutdown (executor, -1, NULL);
  return (double) (after > before ? after - before : 0) / n;
}

static double
w4_gtask (guint n)
{
  Gate gate = { 0 };
  guint count = 0, i;
  gsize before, after;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  before = resident_bytes ();
  for (i = 0; i < n; i++)
    {
      GTask *task = g_task_new (NULL, NULL, gtask_done, &count);

      g_task_set_task_data (task, &gate, NULL);
      g_task_run_in_thread (task, gated_gtask);
      g_object_unref (task);
    }
  after = resident_bytes ();
  gate_open (&gate);
  iterate_until (&count, n);
  return (double) (after > before ? after - before : 0) / n;
}

static void
bench_w4 (void)
{
  guint n = quick ? 2000 : 10000;
  double ours, ours_watched, theirs;

  g_print ("W4 memory per in-flight call, %u in flight (heap in use, mallinfo2)\n", n);
  /* Warm both paths up once, so that one-time allocations do not count. */
  w4_futures (100, TRUE);
  w4_gtask (100);
  ours = w4_futures (n, FALSE);
  ours_watched = w4_futures (n, TRUE);
  theirs = w4_gtask (n);
  g_print ("  %-44s %12.0f B\n", "futures-glib call future", ours);
  g_print ("  %-44s %12.0f B\n", "  + a notify::done handler on each", ours_watched);
  g_print ("  %-44s %12.0f B\n", "GTask + g_task_run_in_thread", theirs);
  if (theirs > 0)
    {
      print_ratio ("futures-glib / GTask", ours, theirs);
      print_ratio ("with a handler each / GTask", ours_watched, theirs);
    }
  g_print ("\n");
}

/* W5 --------------------------------------------------------------------- */

static void
flood_progress (FuturesTask *task, gpointer user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;

  for (i = 0; i < n; i++)
    if (!futures_task_report_progress (task, (double) i / n, NULL))
      break;
}

typedef struct
{
  gint64  last;
  GArray *stalls;
} Ticker;

static gboolean
tick (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = g_get_monotonic_time ();
  double stall = (now - ticker->last) / 1000.0;

  g_array_append_val (ticker->stalls, stall);
  ticker->last = now;
  return G_SOURCE_CONTINUE;
}

static void
count_progress (FuturesProgressFuture *future, double fraction, const char *text, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
bench_w5 (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 2, NULL);
  g_autoptr(FuturesIterationFuture) items = NULL;
  g_autoptr(FuturesProgressFuture) progress = NULL;
  Ticker ticker = { g_get_monotonic_time (), g_array_new (FALSE, FALSE, sizeof (double)) };
  guint n = quick ? 200000 : 1000000;
  guint n_items = 0, n_progress = 0;
  guint source;

  g_print ("W5 responsiveness, %u items and %u progress reports flooding the main context\n", n, n);
  source = g_timeout_add (1, tick, &ticker);
  items = futures_executor_submit_iteration (executor, stream_ints, GUINT_TO_POINTER (n), NULL, NULL);
  progress = futures_executor_submit_progress (executor, flood_progress, GUINT_TO_POINTER (n), NULL, NULL);
  g_signal_connect (items, "item", G_CALLBACK (count_value), &n_items);
  g_signal_connect (progress, "progress", G_CALLBACK (count_progress), &n_progress);
  ticker.last = g_get_monotonic_time ();
  while (!futures_future_get_done (FUTURES_FUTURE (items)) ||
         !futures_future_get_done (FUTURES_FUTURE (progress)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);

  g_array_sort (ticker.stalls, compare_doubles);
  g_print ("  %-44s %12.2f ms\n", "longest main-loop stall",
           g_array_index (ticker.stalls, double, ticker.stalls->len - 1));
  g_print ("  %-44s %12.2f ms\n", "p99 stall", percentile (ticker.stalls, 0.99));
  g_print ("  %-44s %12u of %u%s\n", "items delivered", n_items, n, n_items == n ? "" : "  LOST");
  g_print ("  %-44s %12u of %u\n", "progress emissions reaching the user", n_progress, n);
  g_array_unref (ticker.stalls);
  futures_executor_shutdown (executor, -1, NULL);
  g_print ("\n");
}

/* W6 --------------------------------------------------------------------- */

static FuturesExecutor *
process_executor (int max_workers)
{
  g_autoptr(FuturesProcessContext) context = futures_process_context_new (NULL);
  g_autoptr(GError) error = NULL;
  FuturesExecutor *executor;

  executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, max_workers,
                                        &error);
  if (executor == NULL)
    g_error ("%s", error->message);
  return executor;
}

static void
wait_all (GPtrArray *futures)
{
  guint i;

  for (i = 0; i < futures->len; i++)
    while (!futures_future_get_done (futures->pdata[i]))
      g_main_context_iteration (NULL, TRUE);
}

static double
run_round_trips (FuturesExecutor *executor,
                 guint            n)
{
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start = g_get_monotonic_time ();
  guint i;

  for (i = 0; i < n; i++)
    g_ptr_array_add (futures, futures_executor_submit_named (executor, FUTURES_TYPE_CALL_FUTURE,
                                                             "noop", NULL, NULL));
  wait_all (futures);
  return n / ((g_get_monotonic_time () - start) / 1e6);
}

static double
run_parallel_primes (FuturesExecutor *executor,
                     guint32          limit)
{
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start = g_get_monotonic_time ();
  guint i;

  for (i = 0; i < 4; i++)
    g_ptr_array_add (futures, futures_executor_submit_named (executor, FUTURES_TYPE_CALL_FUTURE,
                                                             "primes",
                                                             g_variant_new ("(u)", limit), NULL));
  wait_all (futures);
  for (i = 0; i < 4; i++)
    if (futures_future_get_state (futures->pdata[i]) != FUTURES_FUTURE_STATE_COMPLETED)
      g_error ("a benchmark task did not complete");
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
run_serial_primes (guint32 limit)
{
  gint64 start = g_get_monotonic_time ();
  volatile guint32 sink = 0;
  guint i;

  for (i = 0; i < 4; i++)
    sink += count_primes_below (limit);
  (void) sink;
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
bench_w6 (void)
{
  g_autoptr(FuturesExecutor) executor = process_executor (0);
  g_autoptr(GArray) trips = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parallel = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) serial = g_array_new (FALSE, FALSE, sizeof (double));
  guint32 limit = quick ? 300000 : 1500000;
  guint tiny = quick ? 500 : 5000;
  Stats p, s;
  int r;

  g_print ("W6 process workers (%u processors, %d worker processes)\n",
           g_get_num_processors (),
           futures_worker_pool_get_max_workers (futures_executor_get_worker_pool (executor)));

  /* Start the workers before measuring. */
  run_round_trips (executor, 10);

  for (r = 0; r < repeat; r++)
    {
      double t;

      /* Interleaved, so that a burst of noise hits all three alike. */
      t = run_round_trips (executor, tiny);
      g_array_append_val (trips, t);
      t = run_parallel_primes (executor, limit);
      g_array_append_val (parallel, t);
      t = run_serial_primes (limit);
      g_array_append_val (serial, t);
    }

  print_stats ("round trip, tiny named tasks", "tasks/s", stats_of (trips));
  p = stats_of (parallel);
  s = stats_of (serial);
  g_print ("  %-44s %12.3f s     (min %.3f, max %.3f)\n", "4 CPU-bound tasks, worker processes",
           p.median, p.min, p.max);
  g_print ("  %-44s %12.3f s     (min %.3f, max %.3f)\n", "the same 4, one after another here",
           s.median, s.min, s.max);
  g_print ("  %-44s %12.2f x\n", "speed-up (serial / processes, medians)", s.median / p.median);

  futures_executor_shutdown (executor, -1, NULL);
}

int
main (int   argc,
      char *argv[])
{
  static const struct {
    const char *name;
    void      (*run) (void);
  } workloads[] = {
    { "W1", bench_w1 }, { "W2", bench_w2 }, { "W3", bench_w3 },
    { "W4", bench_w4 }, { "W5", bench_w5 }, { "W6", bench_w6 },
  };
  g_auto(GStrv) only = NULL;  /* the workloads --only names; NULL for all */
  int i;
  guint w;

  futures_register_task ("primes", primes_task, NULL, NULL);
  futures_register_task ("noop", noop_task, NULL, NULL);
  if (futures_process_worker_main ())
    return 0;

  /* GObjects come from GSlice's magazines, which mallinfo2() cannot see:
   * run with every allocation through malloc, so that W4 counts GTask's
   * objects and ours alike. GSlice reads this before main(), hence the
   * re-execution. */
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      execv ("/proc/self/exe", argv);
      g_printerr ("could not re-execute with G_SLICE=always-malloc; W4 undercounts GSlice\n");
    }

  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--quick"))
        {
          quick = TRUE;
          repeat = 1;
        }
      else if (g_str_equal (argv[i], "--repeat") && i + 1 < argc)
        {
          repeat = atoi (argv[++i]);
          repeat = MAX (1, repeat);
        }
      else if (g_str_equal (argv[i], "--only") && i + 1 < argc)
        {
          g_autofree char *names = g_ascii_strup (argv[++i], -1);

          char **name;

          g_strfreev (only);
          only = g_strsplit (names, ",", -1);
          for (name = only; *name != NULL; name++)
            {
              for (w = 0; w < G_N_ELEMENTS (workloads); w++)
                if (g_str_equal (*name, workloads[w].name))
                  break;
              if (w == G_N_ELEMENTS (workloads))
                {
                  g_printerr ("%s: no workload named \"%s\" (W1 to W6)\n", argv[0], *name);
                  return 2;
                }
            }
        }
      else
        {
          g_printerr ("usage: %s [--quick] [--repeat N] [--only W1,W3,...]\n", argv[0]);
          return 2;
        }
    }

  /* The main context is ours for the whole run: g_main_context_invoke()
   * from a worker must then queue its call, as it does in a running GUI,
   * instead of running it on the worker. */
  if (!g_main_context_acquire (g_main_context_default ()))
    g_error ("could not acquire the main context");

  g_print ("futures-glib %s benchmarks, %d repetition(s)%s\n\n", FUTURES_VERSION_S, repeat,
           quick ? " (quick)" : "");
  for (w = 0; w < G_N_ELEMENTS (workloads); w++)
    if (only == NULL || g_strv_contains ((const char * const *) only, workloads[w].name))
      workloads[w].run ();
  return 0;
}
