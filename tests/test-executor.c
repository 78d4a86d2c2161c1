/* test-executor.c: the executor's life cycle, pools and contexts
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>

#include "test-utils.h"

static GThread *main_thread;

/* A worker pool that runs each task on a thread of its own and counts
 * shutdowns: it shows which pools the executor shuts down. */

#define TEST_TYPE_POOL (test_pool_get_type ())
G_DECLARE_FINAL_TYPE (TestPool, test_pool, TEST, POOL, GObject)

struct _TestPool
{
  GObject    parent_instance;
  guint      shutdowns;
  guint      submitted;
  GPtrArray *threads;
};

static void test_pool_iface_init (FuturesWorkerPoolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPool, test_pool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_WORKER_POOL, test_pool_iface_init))

static gpointer
test_pool_run (gpointer data)
{
  g_autoptr(FuturesTask) task = data;

  futures_task_run (task);
  return NULL;
}

static gboolean
test_pool_submit (FuturesWorkerPool  *pool,
                  FuturesTask        *task,
                  GError            **error)
{
  TestPool *self = TEST_POOL (pool);

  if (self->shutdowns > 0)
    {
      g_set_error_literal (error, FUTURES_ERROR, FUTURES_ERROR_CLOSED, "test pool shut down");
      return FALSE;
    }
  self->submitted++;
  g_ptr_array_add (self->threads, g_thread_new ("test-pool", test_pool_run, g_object_ref (task)));
  return TRUE;
}

static void
test_pool_shutdown (FuturesWorkerPool *pool,
                    gboolean           wait)
{
  TestPool *self = TEST_POOL (pool);

  self->shutdowns++;
}

static int
test_pool_get_max_workers (FuturesWorkerPool *pool)
{
  return G_MAXINT;
}

static void
test_pool_iface_init (FuturesWorkerPoolInterface *iface)
{
  iface->submit = test_pool_submit;
  iface->shutdown = test_pool_shutdown;
  iface->get_max_workers = test_pool_get_max_workers;
}

static void
test_pool_finalize (GObject *object)
{
  TestPool *self = TEST_POOL (object);
  guint i;

  for (i = 0; i < self->threads->len; i++)
    g_thread_join (self->threads->pdata[i]);
  g_ptr_array_unref (self->threads);
  G_OBJECT_CLASS (test_pool_parent_class)->finalize (object);
}

static void
test_pool_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  g_value_set_int (value, G_MAXINT);
}

static void
test_pool_class_init (TestPoolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_pool_finalize;
  G_OBJECT_CLASS (klass)->get_property = test_pool_get_property;
  g_object_class_override_property (G_OBJECT_CLASS (klass), 1, "max-workers");
}

static void
test_pool_init (TestPool *self)
{
  self->threads = g_ptr_array_new ();
}

/* A parallel context that hands out TestPools and thread routers. */

#define TEST_TYPE_CONTEXT (test_context_get_type ())
G_DECLARE_FINAL_TYPE (TestContext, test_context, TEST, CONTEXT, GObject)

struct _TestContext
{
  GObject   parent_instance;
  TestPool *last_pool;
  guint     closes;
};

static void test_context_iface_init (FuturesParallelContextInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestContext, test_context, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FUTURES_TYPE_PARALLEL_CONTEXT,
                                                      test_context_iface_init))

static FuturesWorkerPool *
test_context_create_worker_pool (FuturesParallelContext *context, int max_workers, GError **error)
{
  TestContext *self = TEST_CONTEXT (context);

  g_set_object (&self->last_pool, g_object_new (TEST_TYPE_POOL, NULL));
  g_object_unref (self->last_pool);   /* g_set_object took its own */
  return g_object_ref (FUTURES_WORKER_POOL (self->last_pool));
}

static FuturesMessageRouter *
test_context_create_router (FuturesParallelContext *context, GMainContext *main_context,
                            GError **error)
{
  return FUTURES_MESSAGE_ROUTER (futures_thread_router_new_for_context (main_context));
}

static void
test_context_close (FuturesParallelContext *context)
{
  TEST_CONTEXT (context)->closes++;
}

static gboolean
test_context_get_closed (FuturesParallelContext *context)
{
  return TEST_CONTEXT (context)->closes > 0;
}

static void
test_context_iface_init (FuturesParallelContextInterface *iface)
{
  iface->create_worker_pool = test_context_create_worker_pool;
  iface->create_router = test_context_create_router;
  iface->close = test_context_close;
  iface->get_closed = test_context_get_closed;
}

static void
test_context_finalize (GObject *object)
{
  g_clear_object (&TEST_CONTEXT (object)->last_pool);
  G_OBJECT_CLASS (test_context_parent_class)->finalize (object);
}

static void
test_context_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  g_value_set_boolean (value, TEST_CONTEXT (object)->closes > 0);
}

static void
test_context_class_init (TestContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_context_finalize;
  G_OBJECT_CLASS (klass)->get_property = test_context_get_property;
  g_object_class_override_property (G_OBJECT_CLASS (klass), 1, "closed");
}

static void
test_context_init (TestContext *self)
{
}

/* Helpers --------------------------------------------------------------- */

typedef struct
{
  GPtrArray *states;
  guint      running_notifies;
  guint      stopped_notifies;
  guint      wrong_thread;
} ExecutorLog;

static void
on_executor_notify (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  ExecutorLog *log = user_data;
  const char *name = g_param_spec_get_name (pspec);

  if (g_thread_self () != main_thread)
    log->wrong_thread++;
  if (g_str_equal (name, "state"))
    {
      GEnumClass *klass = g_type_class_ref (FUTURES_TYPE_EXECUTOR_STATE);

      g_ptr_array_add (log->states,
                       g_strdup (g_enum_get_value (klass, futures_executor_get_state (FUTURES_EXECUTOR (object)))->value_nick));
      g_type_class_unref (klass);
    }
  else if (g_str_equal (name, "running"))
    log->running_notifies++;
  else if (g_str_equal (name, "stopped"))
    log->stopped_notifies++;
}

static void
executor_log_init (ExecutorLog     *log,
                   FuturesExecutor *executor)
{
  log->states = g_ptr_array_new_with_free_func (g_free);
  log->running_notifies = log->stopped_notifies = log->wrong_thread = 0;
  g_signal_connect (executor, "notify", G_CALLBACK (on_executor_notify), log);
}

static char *
joined (GPtrArray *strings)
{
  g_ptr_array_add (strings, NULL);
  g_ptr_array_set_size (strings, strings->len - 1);
  return g_strjoinv (" ", (char **) strings->pdata);
}

static void
gate_task (FuturesTask *task,
           gpointer     user_data)
{
  test_gate_wait (user_data);
  futures_task_return_boolean (task, TRUE);
}

static void
quick_task (FuturesTask *task,
            gpointer     user_data)
{
  futures_task_return_int (task, 1);
}

/* Tests ------------------------------------------------------------------ */

static void
test_executor_initial_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FuturesExecutor) executor = futures_executor_new (&error);
  FuturesExecutorState state;
  gboolean running, stopped;

  g_test_summary ("A new executor is RUNNING, with a thread context and its own pool");

  g_assert_no_error (error);
  g_object_get (executor, "state", &state, "running", &running, "stopped", &stopped, NULL);
  g_assert_cmpint (state, ==, FUTURES_EXECUTOR_STATE_RUNNING);
  g_assert_true (running);
  g_assert_false (stopped);
  g_assert_true (FUTURES_IS_THREAD_CONTEXT (futures_executor_get_context (executor)));
  g_assert_true (FUTURES_IS_THREAD_POOL (futures_executor_get_worker_pool (executor)));
  g_assert_cmpint (futures_worker_pool_get_max_workers (futures_executor_get_worker_pool (executor)),
                   ==, (int) g_get_num_processors ());
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

static void
test_executor_stop_no_tasks (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autofree char *states = NULL;
  ExecutorLog log;
  g_autoptr(GError) error = NULL;

  g_test_summary ("stop() with no futures announces STOPPING, then STOPPED, at once");

  executor_log_init (&log, executor);
  g_assert_true (futures_executor_stop (executor, &error));
  g_assert_no_error (error);
  states = joined (log.states);
  g_assert_cmpstr (states, ==, "stopping stopped");
  g_assert_cmpuint (log.running_notifies, ==, 1);
  g_assert_cmpuint (log.stopped_notifies, ==, 1);
  g_assert_true (futures_executor_get_stopped (executor));
  g_assert_true (futures_parallel_context_get_closed (futures_executor_get_context (executor)));

  g_assert_false (futures_executor_stop (executor, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  g_ptr_array_unref (log.states);
}

static void
test_executor_stop_with_tasks (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 2, NULL);
  g_autoptr(FuturesCallFuture) a = NULL;
  g_autoptr(FuturesCallFuture) b = NULL;
  g_autofree char *states = NULL;
  TestGate gate;
  ExecutorLog log;

  g_test_summary ("stop() cancels every future; STOPPED comes after the last one is done");

  test_gate_init (&gate);
  a = futures_executor_submit_call (executor, gate_task, &gate, NULL, NULL);
  b = futures_executor_submit_call (executor, gate_task, &gate, NULL, NULL);
  g_assert_cmpuint (futures_executor_get_n_futures (executor), ==, 2);
  executor_log_init (&log, executor);

  g_assert_true (futures_executor_stop (executor, NULL));
  g_assert_cmpint (futures_executor_get_state (executor), ==, FUTURES_EXECUTOR_STATE_STOPPING);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (a)), ==, FUTURES_FUTURE_STATE_CANCELLING);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (b)), ==, FUTURES_FUTURE_STATE_CANCELLING);

  test_gate_open (&gate);
  while (!futures_executor_get_stopped (executor))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (a)), ==, FUTURES_FUTURE_STATE_CANCELLED);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (b)), ==, FUTURES_FUTURE_STATE_CANCELLED);
  g_assert_cmpuint (futures_executor_get_n_futures (executor), ==, 0);
  states = joined (log.states);
  g_assert_cmpstr (states, ==, "stopping stopped");
  g_assert_cmpuint (log.wrong_thread, ==, 0);
  g_ptr_array_unref (log.states);
  test_gate_clear (&gate);
}

static void
count_destroy (gpointer data)
{
  (*(guint *) data)++;
}

static void
test_executor_submit_not_running (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(GError) error = NULL;
  guint destroyed = 0;

  g_test_summary ("Submitting to a stopping or stopped executor is NOT_RUNNING; the data "
                  "is released at once");

  g_assert_true (futures_executor_stop (executor, NULL));
  g_assert_null (futures_executor_submit_call (executor, quick_task, &destroyed, count_destroy, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  g_assert_cmpuint (destroyed, ==, 1);
  g_clear_error (&error);
  g_assert_null (futures_executor_submit_iteration (executor, quick_task, NULL, NULL, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
}

typedef struct
{
  TestGate gate;
} StubbornData;

static void
stubborn_task (FuturesTask *task,
               gpointer     user_data)
{
  /* Ignores cancellation until the test lets it go. */
  test_gate_wait (user_data);
}

static void
test_executor_shutdown_timeout (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 1, NULL);
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  TestGate gate;

  g_test_summary ("shutdown() times out while a task ignores cancellation (stays STOPPING); "
                  "a second shutdown() completes");

  test_gate_init (&gate);
  future = futures_executor_submit_call (executor, stubborn_task, &gate, NULL, NULL);
  test_gate_wait_arrivals (&gate, 1);

  g_assert_false (futures_executor_shutdown (executor, 50, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_TIMED_OUT);
  g_clear_error (&error);
  g_assert_cmpint (futures_executor_get_state (executor), ==, FUTURES_EXECUTOR_STATE_STOPPING);
  g_assert_false (futures_future_get_done (FUTURES_FUTURE (future)));

  test_gate_open (&gate);
  g_assert_true (futures_executor_shutdown (executor, -1, &error));
  g_assert_no_error (error);
  g_assert_true (futures_executor_get_stopped (executor));
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_CANCELLED);

  g_assert_false (futures_executor_shutdown (executor, -1, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  test_gate_clear (&gate);
}

static void
test_executor_shutdown_without_loop (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesCallFuture) future = NULL;

  g_test_summary ("shutdown() delivers every future's end without the main loop running");

  future = futures_executor_submit_call (executor, quick_task, NULL, NULL, NULL);
  g_assert_true (futures_executor_shutdown (executor, 30000, NULL));
  g_assert_true (futures_future_get_done (FUTURES_FUTURE (future)));
}

typedef struct
{
  FuturesExecutor *executor;
  guint            n_futures;
  gboolean         shutdown_ok;
  gboolean         ran;
} DoneHandlerData;

static void
shutdown_in_done (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  DoneHandlerData *d = user_data;

  d->ran = TRUE;
  d->n_futures = futures_executor_get_n_futures (d->executor);
  d->shutdown_ok = futures_executor_shutdown (d->executor, 5000, NULL);
}

static void
test_executor_shutdown_in_done_handler (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesCallFuture) future = NULL;
  DoneHandlerData d = { executor, G_MAXUINT, FALSE, FALSE };
  g_autofree char *states = NULL;
  ExecutorLog log;

  g_test_summary ("Inside notify::done of the last future the executor already counts it "
                  "done: n-futures is 0 and shutdown() completes at once");

  future = futures_executor_submit_call (executor, quick_task, NULL, NULL, NULL);
  g_signal_connect (future, "notify::done", G_CALLBACK (shutdown_in_done), &d);
  executor_log_init (&log, executor);
  test_wait_done (FUTURES_FUTURE (future));

  g_assert_true (d.ran);
  g_assert_cmpuint (d.n_futures, ==, 0);
  g_assert_true (d.shutdown_ok);
  g_assert_true (futures_executor_get_stopped (executor));
  states = joined (log.states);
  g_assert_cmpstr (states, ==, "stopping stopped");
  g_ptr_array_unref (log.states);
}

static void
test_executor_owned_pool (void)
{
  g_autoptr(TestContext) context = g_object_new (TEST_TYPE_CONTEXT, NULL);
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A pool the executor made from its context is shut down once, when it "
                  "stops; a context handed in is not closed");

  executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (futures_executor_get_worker_pool (executor) ==
                 FUTURES_WORKER_POOL (context->last_pool));

  future = futures_executor_submit_call (executor, quick_task, NULL, NULL, &error);
  g_assert_no_error (error);
  test_wait_done (FUTURES_FUTURE (future));
  g_assert_cmpuint (context->last_pool->submitted, ==, 1);
  g_assert_cmpuint (context->last_pool->shutdowns, ==, 0);

  g_assert_true (futures_executor_stop (executor, NULL));
  g_assert_true (futures_executor_get_stopped (executor));
  g_assert_cmpuint (context->last_pool->shutdowns, ==, 1);
  g_assert_cmpuint (context->closes, ==, 0);
}

static void
test_executor_supplied_pool (void)
{
  g_autoptr(TestPool) pool = g_object_new (TEST_TYPE_POOL, NULL);
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(FuturesExecutor) executor2 = NULL;
  g_autoptr(FuturesCallFuture) f1 = NULL;
  g_autoptr(FuturesCallFuture) f2 = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A supplied pool is shared and never shut down by an executor");

  executor = futures_executor_new_full (NULL, FUTURES_WORKER_POOL (pool), 0, &error);
  g_assert_no_error (error);
  executor2 = futures_executor_new_full (NULL, FUTURES_WORKER_POOL (pool), 0, &error);
  g_assert_no_error (error);

  f1 = futures_executor_submit_call (executor, quick_task, NULL, NULL, NULL);
  f2 = futures_executor_submit_call (executor2, quick_task, NULL, NULL, NULL);
  g_assert_true (futures_executor_shutdown (executor, 30000, NULL));
  g_assert_true (futures_executor_shutdown (executor2, 30000, NULL));

  g_assert_cmpuint (pool->submitted, ==, 2);
  g_assert_cmpuint (pool->shutdowns, ==, 0);
  g_assert_true (futures_future_get_done (FUTURES_FUTURE (f1)));
  g_assert_true (futures_future_get_done (FUTURES_FUTURE (f2)));
}

static void
test_executor_pool_and_max_workers (void)
{
  g_autoptr(FuturesThreadPool) pool = futures_thread_pool_new (2);
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A supplied pool and max-workers are mutually exclusive: NOT_SUPPORTED");

  executor = futures_executor_new_full (NULL, FUTURES_WORKER_POOL (pool), 3, &error);
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SUPPORTED);
  g_assert_null (executor);
}

static void
test_executor_max_workers (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 3, NULL);
  int max_workers;

  g_test_summary ("max-workers sizes the pool the executor makes");

  g_object_get (executor, "max-workers", &max_workers, NULL);
  g_assert_cmpint (max_workers, ==, 3);
  g_assert_cmpint (futures_worker_pool_get_max_workers (futures_executor_get_worker_pool (executor)),
                   ==, 3);
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

static void
test_executor_closed_context (void)
{
  g_autoptr(FuturesThreadContext) context = futures_thread_context_new ();
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("An executor cannot be made from a closed context (CLOSED)");

  futures_parallel_context_close (FUTURES_PARALLEL_CONTEXT (context));
  executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 0, &error);
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_CLOSED);
  g_assert_null (executor);
}

/* A user-defined task type: the custom future of the fizz-buzz example. */

#define TEST_TYPE_WORDS_FUTURE (test_words_future_get_type ())
G_DECLARE_FINAL_TYPE (TestWordsFuture, test_words_future, TEST, WORDS_FUTURE, FuturesFuture)

struct _TestWordsFuture
{
  FuturesFuture parent_instance;
  GString      *words;
};

G_DEFINE_FINAL_TYPE (TestWordsFuture, test_words_future, FUTURES_TYPE_FUTURE)

static void
test_words_future_dispatch (FuturesFuture *future,
                            const char    *kind,
                            const GValue  *value)
{
  TestWordsFuture *self = TEST_WORDS_FUTURE (future);

  if (g_str_equal (kind, "word"))
    g_string_append_printf (self->words, "%s ", g_value_get_string (value));
  else
    FUTURES_FUTURE_CLASS (test_words_future_parent_class)->dispatch (future, kind, value);
}

static void
test_words_future_finalize (GObject *object)
{
  g_string_free (TEST_WORDS_FUTURE (object)->words, TRUE);
  G_OBJECT_CLASS (test_words_future_parent_class)->finalize (object);
}

static void
test_words_future_class_init (TestWordsFutureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_words_future_finalize;
  FUTURES_FUTURE_CLASS (klass)->dispatch = test_words_future_dispatch;
}

static void
test_words_future_init (TestWordsFuture *self)
{
  self->words = g_string_new (NULL);
}

static void
words_task (FuturesTask *task,
            gpointer     user_data)
{
  const char *words[] = { "fizz", "buzz", "fizzbuzz" };
  g_auto(GValue) v = G_VALUE_INIT;
  guint i;

  g_value_init (&v, G_TYPE_STRING);
  for (i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_value_set_static_string (&v, words[i]);
      futures_task_send (task, "word", &v);
    }
  g_value_set_static_string (&v, "other");
  futures_task_send (task, "other", &v);
}

static void
on_other (FuturesFuture *future, const char *kind, const GValue *value, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_executor_custom_type (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  guint others = 0;

  g_test_summary ("submit() makes a future of a user-defined type whose dispatch sees the "
                  "task's messages; unhandled kinds reach message::KIND");

  future = futures_executor_submit (executor, TEST_TYPE_WORDS_FUTURE, words_task, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (TEST_IS_WORDS_FUTURE (future));
  g_signal_connect (future, "message::other", G_CALLBACK (on_other), &others);
  test_wait_done (future);

  g_assert_cmpstr (TEST_WORDS_FUTURE (future)->words->str, ==, "fizz buzz fizzbuzz ");
  g_assert_cmpuint (others, ==, 1);
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

/* Stress: 10,000 mixed futures with random cancellation. */

typedef struct
{
  guint done;
  guint wrong_thread;
  guint bad_state;
} StressLog;

static void
stress_call (FuturesTask *task, gpointer user_data)
{
  futures_task_return_int (task, GPOINTER_TO_INT (user_data));
}

static void
stress_iteration (FuturesTask *task, gpointer user_data)
{
  g_auto(GValue) v = G_VALUE_INIT;
  int i;

  g_value_init (&v, G_TYPE_INT);
  for (i = 0; i < 5; i++)
    {
      g_value_set_int (&v, i);
      if (!futures_task_yield_value (task, &v))
        return;
    }
}

static void
stress_progress (FuturesTask *task, gpointer user_data)
{
  int i;

  for (i = 1; i <= 5; i++)
    if (!futures_task_report_progress (task, i / 5.0, NULL))
      return;
}

static void
on_stress_done (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  StressLog *log = user_data;
  FuturesFutureState state = futures_future_get_state (FUTURES_FUTURE (object));

  if (g_thread_self () != main_thread)
    log->wrong_thread++;
  if (state != FUTURES_FUTURE_STATE_COMPLETED && state != FUTURES_FUTURE_STATE_CANCELLED)
    log->bad_state++;
  log->done++;
}

static void
test_executor_stress (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint n = test_scaled (10000), i, cancelled = 0;
  StressLog log = { 0 };

  g_test_summary ("10,000 futures of mixed types with random cancellation: each reaches a "
                  "done state once, all notifications on the main thread");

  for (i = 0; i < n; i++)
    {
      FuturesFuture *future;

      switch (i % 3)
        {
        case 0:
          future = FUTURES_FUTURE (futures_executor_submit_call (executor, stress_call,
                                                                 GINT_TO_POINTER (i), NULL, NULL));
          break;
        case 1:
          future = FUTURES_FUTURE (futures_executor_submit_iteration (executor, stress_iteration,
                                                                      NULL, NULL, NULL));
          break;
        default:
          future = FUTURES_FUTURE (futures_executor_submit_progress (executor, stress_progress,
                                                                     NULL, NULL, NULL));
          break;
        }
      g_signal_connect (future, "notify::done", G_CALLBACK (on_stress_done), &log);
      g_ptr_array_add (futures, future);

      if (g_rand_int_range (rand, 0, 4) == 0)
        cancelled += futures_future_cancel (g_ptr_array_index (futures, g_rand_int_range (rand, 0, futures->len)));
      if (i % 100 == 0)
        test_iterate_pending (NULL);
    }

  while (log.done < n)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("%u futures, %u cancel requests took effect", n, cancelled);
  g_assert_cmpuint (log.done, ==, n);
  g_assert_cmpuint (log.wrong_thread, ==, 0);
  g_assert_cmpuint (log.bad_state, ==, 0);
  g_assert_cmpuint (futures_executor_get_n_futures (executor), ==, 0);
  for (i = 0; i < n; i++)
    g_assert_true (futures_future_get_done (futures->pdata[i]));
  g_assert_true (futures_executor_stop (executor, NULL));
  g_assert_true (futures_executor_get_stopped (executor));
}

static void
test_executor_bad_arguments (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);

  g_test_summary ("Wrong arguments to submit are criticals");

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*func != NULL*");
  g_assert_null (futures_executor_submit_call (executor, NULL, NULL, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*G_TYPE_IS_ABSTRACT*");
  g_assert_null (futures_executor_submit (executor, FUTURES_TYPE_FUTURE, quick_task, NULL, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*g_type_is_a*");
  g_assert_null (futures_executor_submit (executor, G_TYPE_OBJECT, quick_task, NULL, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_EXECUTOR*");
  g_assert_false (futures_executor_stop (NULL, NULL));
  g_test_assert_expected_messages ();

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/futures/executor/initial-state", test_executor_initial_state);
  g_test_add_func ("/futures/executor/stop-no-tasks", test_executor_stop_no_tasks);
  g_test_add_func ("/futures/executor/stop-with-tasks", test_executor_stop_with_tasks);
  g_test_add_func ("/futures/executor/submit-not-running", test_executor_submit_not_running);
  g_test_add_func ("/futures/executor/shutdown-timeout", test_executor_shutdown_timeout);
  g_test_add_func ("/futures/executor/shutdown-without-loop", test_executor_shutdown_without_loop);
  g_test_add_func ("/futures/executor/shutdown-in-done-handler", test_executor_shutdown_in_done_handler);
  g_test_add_func ("/futures/executor/owned-pool", test_executor_owned_pool);
  g_test_add_func ("/futures/executor/supplied-pool", test_executor_supplied_pool);
  g_test_add_func ("/futures/executor/pool-and-max-workers", test_executor_pool_and_max_workers);
  g_test_add_func ("/futures/executor/max-workers", test_executor_max_workers);
  g_test_add_func ("/futures/executor/closed-context", test_executor_closed_context);
  g_test_add_func ("/futures/executor/custom-type", test_executor_custom_type);
  g_test_add_func ("/futures/executor/stress", test_executor_stress);
  g_test_add_func ("/futures/executor/bad-arguments", test_executor_bad_arguments);

  return g_test_run ();
}
