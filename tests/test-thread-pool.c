/* test-thread-pool.c: the thread pool's own contract
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The pool is reached as users reach it: through an executor and its
 * FuturesWorkerPool. What is checked: at most max-workers tasks run at
 * once (and that many do when there is work), tasks start in submission
 * order, a waiting shutdown runs every queued task before it returns,
 * no thread of the pool is left once it has, a queued task never
 * waits behind a running one while the pool may start another thread,
 * tasks submitted from several threads at once each run once (submitting
 * takes no lock), and a pool whose threads left for idleness starts
 * new ones.
 */

#include "test-utils.h"

/* Counts the threads of this process. */
static guint
count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

typedef struct
{
  GMutex  lock;
  GCond   cond;
  int     inside;
  int     most_inside;
  int     wanted;       /* a task waits until this many run together */
  GArray *order;        /* the index of each task, as it starts */
  guint   ran;
} Shared;

static void
shared_init (Shared *shared,
             int     wanted)
{
  g_mutex_init (&shared->lock);
  g_cond_init (&shared->cond);
  shared->wanted = wanted;
  shared->order = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
shared_clear (Shared *shared)
{
  g_array_unref (shared->order);
  g_cond_clear (&shared->cond);
  g_mutex_clear (&shared->lock);
}

typedef struct
{
  Shared *shared;
  guint   index;
} Job;

/* Waits (at most 10 s) until shared->wanted tasks run at once, and
 * records how many ever did. */
static void
overlap_task (FuturesTask *task,
              gpointer     user_data)
{
  Job *job = user_data;
  Shared *shared = job->shared;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_mutex_lock (&shared->lock);
  shared->inside++;
  shared->most_inside = MAX (shared->most_inside, shared->inside);
  g_cond_broadcast (&shared->cond);
  while (shared->most_inside < shared->wanted &&
         g_cond_wait_until (&shared->cond, &shared->lock, deadline))
    ;
  shared->inside--;
  shared->ran++;
  g_mutex_unlock (&shared->lock);
}

static void
order_task (FuturesTask *task,
            gpointer     user_data)
{
  Job *job = user_data;

  g_mutex_lock (&job->shared->lock);
  g_array_append_val (job->shared->order, job->index);
  job->shared->ran++;
  g_mutex_unlock (&job->shared->lock);
}

/* Submits @n jobs of @func, keeping the futures in @futures. */
static void
submit_jobs (FuturesExecutor *executor,
             FuturesTaskFunc  func,
             Shared          *shared,
             guint            n,
             GPtrArray       *futures)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      Job *job = g_new0 (Job, 1);
      g_autoptr(GError) error = NULL;
      FuturesCallFuture *future;

      job->shared = shared;
      job->index = i;
      future = futures_executor_submit_call (executor, func, job, g_free, &error);
      g_assert_no_error (error);
      g_ptr_array_add (futures, future);
    }
}

static gboolean
all_done (GPtrArray *futures)
{
  guint i;

  for (i = 0; i < futures->len; i++)
    if (!futures_future_get_done (futures->pdata[i]))
      return FALSE;
  return TRUE;
}

static void
wait_all_done (GPtrArray *futures)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!all_done (futures))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
    }
}

static void
test_pool_max_workers (void)
{
  int max_workers;

  g_test_summary ("At most max-workers tasks run at once, and that many do when there is work");

  for (max_workers = 1; max_workers <= 4; max_workers++)
    {
      g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, max_workers, NULL);
      g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
      Shared shared = { 0 };

      shared_init (&shared, max_workers);
      submit_jobs (executor, overlap_task, &shared, 4 * max_workers, futures);
      wait_all_done (futures);

      g_assert_cmpint (shared.most_inside, ==, max_workers);
      g_assert_cmpuint (shared.ran, ==, 4 * max_workers);
      g_assert_true (futures_executor_shutdown (executor, -1, NULL));
      shared_clear (&shared);
    }
}

static void
test_pool_fifo (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 1, NULL);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = test_scaled (5000), i;
  Shared shared = { 0 };

  g_test_summary ("With one worker, tasks start in the order they were submitted "
                  "(many at once: the worker takes them from its inbox in batches)");

  shared_init (&shared, 1);
  submit_jobs (executor, order_task, &shared, n, futures);
  wait_all_done (futures);

  g_assert_cmpuint (shared.order->len, ==, n);
  for (i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (shared.order, guint, i), ==, i);

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
  shared_clear (&shared);
}

static void
test_pool_shutdown_runs_queued (void)
{
  g_autoptr(FuturesThreadPool) pool = futures_thread_pool_new (1);
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = test_scaled (500);
  Shared shared = { 0 };

  g_test_summary ("A waiting shutdown of the pool returns after every queued task ran");

  executor = futures_executor_new_full (NULL, FUTURES_WORKER_POOL (pool), 0, NULL);
  shared_init (&shared, 1);
  submit_jobs (executor, order_task, &shared, n, futures);

  futures_worker_pool_shutdown (FUTURES_WORKER_POOL (pool), TRUE);
  g_assert_cmpuint (shared.ran, ==, n);

  /* The results still reach the futures, in the main context. */
  wait_all_done (futures);
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
  shared_clear (&shared);
}

static void
test_pool_no_thread_left (void)
{
  guint before = count_threads ();
  gint64 deadline;
  int round;

  g_test_summary ("Once a waiting shutdown returned, no thread of the pool is left");

  if (before == 0)
    {
      g_test_skip ("/proc/self/task is not available");
      return;
    }

  for (round = 0; round < 3; round++)
    {
      g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 4, NULL);
      g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
      Shared shared = { 0 };

      shared_init (&shared, 4);
      submit_jobs (executor, overlap_task, &shared, 8, futures);
      wait_all_done (futures);

      g_assert_true (futures_executor_shutdown (executor, -1, NULL));
      shared_clear (&shared);
    }

  /* A thread leaves the pool before the system has quite removed it.
   * (At most: a thread of an earlier test may still have been leaving
   * when "before" was counted.) */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (count_threads () > before && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpuint (count_threads (), <=, before);
}

typedef struct
{
  int quick_done;
  int marker_ran;
  int released;
} Relay;

static void
relay_quick_task (FuturesTask *task,
                  gpointer     user_data)
{
  g_atomic_int_set (&((Relay *) user_data)->quick_done, TRUE);
}

static void
relay_marker_task (FuturesTask *task,
                   gpointer     user_data)
{
  g_atomic_int_set (&((Relay *) user_data)->marker_ran, TRUE);
}

static void
relay_blocker_task (FuturesTask *task,
                    gpointer     user_data)
{
  while (!g_atomic_int_get (&((Relay *) user_data)->released))
    g_usleep (100);
}

static void
test_pool_no_starvation (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 2, NULL);
  guint rounds = test_scaled (1000), round;

  g_test_summary ("A task queued behind a long one runs on a free worker, even when both "
                  "were submitted while the pool's only thread spun for work");

  for (round = 0; round < rounds; round++)
    {
      g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
      Relay relay = { 0 };
      gint64 deadline;

      /* The pool's thread ends a task and spins for the next one: submit
       * the long task and the marker right then. */
      g_ptr_array_add (futures, futures_executor_submit_call (executor, relay_quick_task,
                                                              &relay, NULL, NULL));
      while (!g_atomic_int_get (&relay.quick_done))
        ;
      g_ptr_array_add (futures, futures_executor_submit_call (executor, relay_blocker_task,
                                                              &relay, NULL, NULL));
      g_ptr_array_add (futures, futures_executor_submit_call (executor, relay_marker_task,
                                                              &relay, NULL, NULL));

      /* The second worker runs the marker while the first is blocked. */
      deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      while (!g_atomic_int_get (&relay.marker_ran) && g_get_monotonic_time () < deadline)
        g_usleep (100);
      g_assert_true (g_atomic_int_get (&relay.marker_ran));

      g_atomic_int_set (&relay.released, TRUE);
      wait_all_done (futures);
    }

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

typedef struct
{
  FuturesWorkerPool *pool;
  guint              n;
  int               *ran;
} Submitter;

static void
count_task (FuturesTask *task,
            gpointer     user_data)
{
  g_atomic_int_inc ((int *) user_data);
}

/* A thread with a main context and an executor of its own, on the
 * shared pool: submits n counting tasks and waits for their futures. */
static gpointer
submitter_thread (gpointer data)
{
  Submitter *submitter = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(FuturesExecutor) executor = NULL;
  guint i;

  g_main_context_push_thread_default (context);
  executor = futures_executor_new_full (NULL, submitter->pool, 0, NULL);
  for (i = 0; i < submitter->n; i++)
    g_ptr_array_add (futures, futures_executor_submit_call (executor, count_task,
                                                            submitter->ran, NULL, NULL));
  wait_all_done (futures);
  for (i = 0; i < futures->len; i++)
    g_assert_cmpint (futures_future_get_state (futures->pdata[i]), ==,
                     FUTURES_FUTURE_STATE_COMPLETED);
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
test_pool_concurrent_submit (void)
{
  g_autoptr(FuturesThreadPool) pool = futures_thread_pool_new (2);
  GThread *threads[3];
  Submitter submitter;
  guint rounds = test_scaled (20), round, i;

  g_test_summary ("Tasks submitted to one pool from several threads at once each run once, "
                  "and every future completes in its own thread's main context");

  for (round = 0; round < rounds; round++)
    {
      int ran = 0;

      submitter.pool = FUTURES_WORKER_POOL (pool);
      submitter.n = 500;
      submitter.ran = &ran;
      for (i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("submitter", submitter_thread, &submitter);
      for (i = 0; i < G_N_ELEMENTS (threads); i++)
        g_thread_join (threads[i]);
      g_assert_cmpint (ran, ==, G_N_ELEMENTS (threads) * submitter.n);
    }
  futures_worker_pool_shutdown (FUTURES_WORKER_POOL (pool), TRUE);
}

static void
test_pool_restarts_after_idle (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 2, NULL);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = count_threads ();
  int ran = 0;
  gint64 deadline;

  g_test_summary ("Once the pool's threads left for idleness, a new task starts one again");

  if (before == 0)
    {
      g_test_skip ("/proc/self/task is not available");
      return;
    }

  g_ptr_array_add (futures, futures_executor_submit_call (executor, count_task, &ran, NULL, NULL));
  wait_all_done (futures);

  /* The pool's thread leaves after a few seconds without work. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (count_threads () >= before + 1 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpuint (count_threads (), <, before + 1);

  g_ptr_array_add (futures, futures_executor_submit_call (executor, count_task, &ran, NULL, NULL));
  wait_all_done (futures);
  g_assert_cmpint (ran, ==, 2);
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/futures/thread-pool/max-workers", test_pool_max_workers);
  g_test_add_func ("/futures/thread-pool/fifo", test_pool_fifo);
  g_test_add_func ("/futures/thread-pool/shutdown-runs-queued", test_pool_shutdown_runs_queued);
  g_test_add_func ("/futures/thread-pool/no-thread-left", test_pool_no_thread_left);
  g_test_add_func ("/futures/thread-pool/no-starvation", test_pool_no_starvation);
  g_test_add_func ("/futures/thread-pool/concurrent-submit", test_pool_concurrent_submit);
  g_test_add_func ("/futures/thread-pool/restarts-after-idle", test_pool_restarts_after_idle);

  return g_test_run ();
}
