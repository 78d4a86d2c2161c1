/* futures-test-helper.c: native tasks for the GJS tests
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* For gettid(). */
#define _GNU_SOURCE

#include "futures-test-helper.h"

#include <unistd.h>

/**
 * SECTION:futures-test-helper
 * @Title: FuturesTest
 * @Short_description: Native tasks for testing futures-glib from GJS
 *
 * GJS runs no JavaScript on worker threads, so a JavaScript test cannot
 * supply a task function. These functions submit small C tasks to a
 * #FuturesExecutor and hand back their futures; the tests then watch the
 * futures from JavaScript. Built for the test suite only, never
 * installed.
 *
 * A #FuturesTestGate holds tasks back until the test opens it, so that a
 * test can cancel a task that is known to be running, or keep a worker
 * busy.
 *
 * futures_test_in_main_thread() tells a signal handler whether it runs
 * in the main thread, which is where the library promises to deliver
 * everything; futures_test_submit_main_thread_check() shows that the
 * check tells a worker thread apart.
 */

/* Gate ------------------------------------------------------------------- */

/* How often a cancellation-aware task at the gate checks its task. */
#define GATE_POLL_USEC (5 * G_TIME_SPAN_MILLISECOND)

/**
 * FuturesTestGate:
 *
 * A gate that worker threads wait at until the main thread opens it. It
 * counts the tasks that arrived at it and those that saw their future
 * cancelled. Safe to use from any thread.
 */
struct _FuturesTestGate
{
  GObject  parent_instance;

  GMutex   mutex;
  GCond    cond;
  gboolean open;
  guint    arrived;
  guint    saw_cancel;
};

G_DEFINE_FINAL_TYPE (FuturesTestGate, futures_test_gate, G_TYPE_OBJECT)

static void
futures_test_gate_finalize (GObject *object)
{
  FuturesTestGate *self = FUTURES_TEST_GATE (object);

  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (futures_test_gate_parent_class)->finalize (object);
}

static void
futures_test_gate_class_init (FuturesTestGateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = futures_test_gate_finalize;
}

static void
futures_test_gate_init (FuturesTestGate *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

/**
 * futures_test_gate_new:
 *
 * Creates a closed gate.
 *
 * Returns: (transfer full): a new #FuturesTestGate
 */
FuturesTestGate *
futures_test_gate_new (void)
{
  return g_object_new (FUTURES_TEST_TYPE_GATE, NULL);
}

/**
 * futures_test_gate_open:
 * @self: a #FuturesTestGate
 *
 * Opens the gate for good: every task waiting at it goes on, and those
 * that arrive later pass straight through.
 */
void
futures_test_gate_open (FuturesTestGate *self)
{
  g_return_if_fail (FUTURES_TEST_IS_GATE (self));

  g_mutex_lock (&self->mutex);
  self->open = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/**
 * futures_test_gate_get_is_open:
 * @self: a #FuturesTestGate
 *
 * Gets whether futures_test_gate_open() was called.
 *
 * Returns: %TRUE if the gate is open
 */
gboolean
futures_test_gate_get_is_open (FuturesTestGate *self)
{
  gboolean open;

  g_return_val_if_fail (FUTURES_TEST_IS_GATE (self), FALSE);

  g_mutex_lock (&self->mutex);
  open = self->open;
  g_mutex_unlock (&self->mutex);
  return open;
}

/**
 * futures_test_gate_get_arrived:
 * @self: a #FuturesTestGate
 *
 * Gets how many tasks arrived at the gate so far, whether they are still
 * waiting or went on.
 *
 * Returns: the number of tasks that reached the gate
 */
guint
futures_test_gate_get_arrived (FuturesTestGate *self)
{
  guint arrived;

  g_return_val_if_fail (FUTURES_TEST_IS_GATE (self), 0);

  g_mutex_lock (&self->mutex);
  arrived = self->arrived;
  g_mutex_unlock (&self->mutex);
  return arrived;
}

/**
 * futures_test_gate_get_saw_cancel:
 * @self: a #FuturesTestGate
 *
 * Gets how many of the gate's tasks found, after the gate, that their
 * future was cancelled (futures_task_is_cancelled(), or a
 * futures_task_yield_value() or futures_task_report_progress() that
 * returned %FALSE).
 *
 * Returns: the number of tasks that saw their cancellation
 */
guint
futures_test_gate_get_saw_cancel (FuturesTestGate *self)
{
  guint saw_cancel;

  g_return_val_if_fail (FUTURES_TEST_IS_GATE (self), 0);

  g_mutex_lock (&self->mutex);
  saw_cancel = self->saw_cancel;
  g_mutex_unlock (&self->mutex);
  return saw_cancel;
}

/**
 * futures_test_gate_wait_arrivals:
 * @self: a #FuturesTestGate
 * @n: the number of tasks to wait for
 * @timeout_msec: the longest time to wait, in milliseconds
 *
 * Blocks the calling thread, without iterating any main context, until
 * at least @n tasks arrived at the gate.
 *
 * Returns: %TRUE if @n tasks arrived, %FALSE on timeout
 */
gboolean
futures_test_gate_wait_arrivals (FuturesTestGate *self,
                                 guint            n,
                                 guint            timeout_msec)
{
  gint64 end_time;
  gboolean reached;

  g_return_val_if_fail (FUTURES_TEST_IS_GATE (self), FALSE);

  end_time = g_get_monotonic_time () + (gint64) timeout_msec * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&self->mutex);
  while (self->arrived < n)
    {
      if (!g_cond_wait_until (&self->cond, &self->mutex, end_time))
        break;
    }
  reached = self->arrived >= n;
  g_mutex_unlock (&self->mutex);

  return reached;
}

/* Worker side: counts one more task at the gate, without waiting. */
static void
gate_arrive (FuturesTestGate *self)
{
  g_mutex_lock (&self->mutex);
  self->arrived++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Worker side: waits until the gate opens or, if @task is not %NULL,
 * until its future is cancelled. */
static void
gate_pass (FuturesTestGate *self,
           FuturesTask     *task)
{
  g_mutex_lock (&self->mutex);
  self->arrived++;
  g_cond_broadcast (&self->cond);
  while (!self->open && (task == NULL || !futures_task_is_cancelled (task)))
    {
      if (task != NULL)
        g_cond_wait_until (&self->cond, &self->mutex,
                           g_get_monotonic_time () + GATE_POLL_USEC);
      else
        g_cond_wait (&self->cond, &self->mutex);
    }
  g_mutex_unlock (&self->mutex);
}

static void
gate_note_cancel (FuturesTestGate *self)
{
  g_mutex_lock (&self->mutex);
  self->saw_cancel++;
  g_mutex_unlock (&self->mutex);
}

/* Tasks ------------------------------------------------------------------ */

typedef struct
{
  int a;
  int b;
} SumData;

static void
sum_task (FuturesTask *task,
          gpointer     user_data)
{
  SumData *data = user_data;

  futures_task_return_int (task, (gint64) data->a + data->b);
}

/**
 * futures_test_submit_sum:
 * @executor: a #FuturesExecutor
 * @a: a number
 * @b: another number
 * @error: return location for a #GError, or %NULL
 *
 * Submits a call that returns @a + @b as a #gint64.
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesCallFuture *
futures_test_submit_sum (FuturesExecutor  *executor,
                         int               a,
                         int               b,
                         GError          **error)
{
  SumData *data;

  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);

  data = g_new (SumData, 1);
  data->a = a;
  data->b = b;
  return futures_executor_submit_call (executor, sum_task, data, g_free, error);
}

static void
fail_task (FuturesTask *task,
           gpointer     user_data)
{
  futures_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                                 (const char *) user_data);
}

/**
 * futures_test_submit_fail:
 * @executor: a #FuturesExecutor
 * @message: the error message
 * @error: return location for a #GError, or %NULL
 *
 * Submits a call that fails with %G_IO_ERROR_FAILED and @message.
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesCallFuture *
futures_test_submit_fail (FuturesExecutor  *executor,
                          const char       *message,
                          GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return futures_executor_submit_call (executor, fail_task, g_strdup (message), g_free, error);
}

/* What count_task() and progress_task() do: n steps, then success, or
 * failure with message if not NULL. */
typedef struct
{
  guint  n;
  char  *message;
} Steps;

static void
steps_free (gpointer data)
{
  Steps *steps = data;

  g_free (steps->message);
  g_free (steps);
}

static Steps *
steps_new (guint       n,
           const char *message)
{
  Steps *steps = g_new (Steps, 1);

  steps->n = n;
  steps->message = g_strdup (message);
  return steps;
}

static void
count_task (FuturesTask *task,
            gpointer     user_data)
{
  Steps *steps = user_data;
  g_auto(GValue) item = G_VALUE_INIT;
  guint i;

  g_value_init (&item, G_TYPE_UINT);
  for (i = 0; i < steps->n; i++)
    {
      g_value_set_uint (&item, i);
      if (!futures_task_yield_value (task, &item))
        return;
    }
  if (steps->message != NULL)
    futures_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", steps->message);
  else
    futures_task_return_string (task, "done");
}

/**
 * futures_test_submit_count:
 * @executor: a #FuturesExecutor
 * @n: the number of items
 * @error: return location for a #GError, or %NULL
 *
 * Submits a producer that yields the #guint items 0 to @n - 1, then
 * returns the string "done".
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesIterationFuture *
futures_test_submit_count (FuturesExecutor  *executor,
                           guint             n,
                           GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);

  return futures_executor_submit_iteration (executor, count_task, steps_new (n, NULL),
                                            steps_free, error);
}

/**
 * futures_test_submit_count_fail:
 * @executor: a #FuturesExecutor
 * @n: the number of items
 * @message: the error message
 * @error: return location for a #GError, or %NULL
 *
 * Submits a producer that yields the #guint items 0 to @n - 1, then fails
 * with %G_IO_ERROR_FAILED and @message.
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesIterationFuture *
futures_test_submit_count_fail (FuturesExecutor  *executor,
                                guint             n,
                                const char       *message,
                                GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return futures_executor_submit_iteration (executor, count_task, steps_new (n, message),
                                            steps_free, error);
}

static void
progress_task (FuturesTask *task,
               gpointer     user_data)
{
  Steps *steps = user_data;
  /* A failing task never gets to the end. */
  guint total = steps->message != NULL ? steps->n + 1 : steps->n;
  guint i;

  for (i = 1; i <= steps->n; i++)
    {
      g_autofree char *text = g_strdup_printf ("step %u", i);

      if (!futures_task_report_progress (task, (double) i / total, text))
        return;
    }
  if (steps->message != NULL)
    futures_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", steps->message);
  else
    futures_task_return_boolean (task, TRUE);
}

/**
 * futures_test_submit_progress:
 * @executor: a #FuturesExecutor
 * @steps: the number of progress reports
 * @error: return location for a #GError, or %NULL
 *
 * Submits work that reports the fraction i / @steps with the text
 * "step i", for i from 1 to @steps, then returns %TRUE.
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesProgressFuture *
futures_test_submit_progress (FuturesExecutor  *executor,
                              guint             steps,
                              GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);

  return futures_executor_submit_progress (executor, progress_task, steps_new (steps, NULL),
                                           steps_free, error);
}

/**
 * futures_test_submit_progress_fail:
 * @executor: a #FuturesExecutor
 * @steps: the number of progress reports
 * @message: the error message
 * @error: return location for a #GError, or %NULL
 *
 * Submits work that reports the fraction i / (@steps + 1) with the text
 * "step i", for i from 1 to @steps, then fails with %G_IO_ERROR_FAILED
 * and @message: it never gets to the end.
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesProgressFuture *
futures_test_submit_progress_fail (FuturesExecutor  *executor,
                                   guint             steps,
                                   const char       *message,
                                   GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  return futures_executor_submit_progress (executor, progress_task, steps_new (steps, message),
                                           steps_free, error);
}

static void
messages_task (FuturesTask *task,
               gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data);
  g_auto(GValue) tick = G_VALUE_INIT;
  g_auto(GValue) tock = G_VALUE_INIT;
  guint i;

  g_value_init (&tick, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&tick, i);
      if (!futures_task_send (task, "tick", &tick))
        return;
    }

  g_value_init (&tock, G_TYPE_STRING);
  g_value_set_static_string (&tock, "end");
  futures_task_send (task, "tock", &tock);
  /* Returns nothing: the result is an unset value. */
}

/**
 * futures_test_submit_messages:
 * @executor: a #FuturesExecutor
 * @n: the number of "tick" messages
 * @error: return location for a #GError, or %NULL
 *
 * Submits a call that sends @n custom messages of kind "tick" with the
 * #guint payloads 0 to @n - 1, then one message of kind "tock" with the
 * string "end", and returns without a result.
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesCallFuture *
futures_test_submit_messages (FuturesExecutor  *executor,
                              guint             n,
                              GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);

  return futures_executor_submit_call (executor, messages_task, GUINT_TO_POINTER (n), NULL,
                                       error);
}

static void
blocking_task (FuturesTask *task,
               gpointer     user_data)
{
  FuturesTestGate *gate = user_data;
  gboolean cancelled;

  gate_pass (gate, task);
  cancelled = futures_task_is_cancelled (task);
  if (cancelled)
    gate_note_cancel (gate);
  futures_task_return_boolean (task, cancelled);
}

/**
 * futures_test_submit_blocking:
 * @executor: a #FuturesExecutor
 * @gate: the gate to wait at
 * @error: return location for a #GError, or %NULL
 *
 * Submits a call that waits at @gate until it opens or the future is
 * cancelled, whichever comes first, then returns whether it saw the
 * cancellation (a #gboolean).
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesCallFuture *
futures_test_submit_blocking (FuturesExecutor  *executor,
                              FuturesTestGate  *gate,
                              GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (FUTURES_TEST_IS_GATE (gate), NULL);

  return futures_executor_submit_call (executor, blocking_task, g_object_ref (gate),
                                       g_object_unref, error);
}

static void
stubborn_task (FuturesTask *task,
               gpointer     user_data)
{
  FuturesTestGate *gate = user_data;
  gboolean cancelled;

  gate_pass (gate, NULL);
  cancelled = futures_task_is_cancelled (task);
  if (cancelled)
    gate_note_cancel (gate);
  futures_task_return_boolean (task, cancelled);
}

/**
 * futures_test_submit_stubborn:
 * @executor: a #FuturesExecutor
 * @gate: the gate to wait at
 * @error: return location for a #GError, or %NULL
 *
 * Submits a call that ignores cancellation: it waits at @gate until the
 * gate opens, then returns whether its future was cancelled meanwhile
 * (a #gboolean).
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesCallFuture *
futures_test_submit_stubborn (FuturesExecutor  *executor,
                              FuturesTestGate  *gate,
                              GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (FUTURES_TEST_IS_GATE (gate), NULL);

  return futures_executor_submit_call (executor, stubborn_task, g_object_ref (gate),
                                       g_object_unref, error);
}

/* Items a gated producer yields after its gate, unless cancelled. */
#define GATED_ITEMS 100

static void
count_gated_task (FuturesTask *task,
                  gpointer     user_data)
{
  FuturesTestGate *gate = user_data;
  g_auto(GValue) item = G_VALUE_INIT;
  guint i;

  g_value_init (&item, G_TYPE_UINT);
  g_value_set_uint (&item, 0);
  if (!futures_task_yield_value (task, &item))
    {
      gate_note_cancel (gate);
      return;
    }

  gate_pass (gate, NULL);

  for (i = 1; i <= GATED_ITEMS; i++)
    {
      g_value_set_uint (&item, i);
      if (!futures_task_yield_value (task, &item))
        {
          gate_note_cancel (gate);
          return;
        }
    }
  futures_task_return_string (task, "done");
}

/**
 * futures_test_submit_count_gated:
 * @executor: a #FuturesExecutor
 * @gate: the gate to wait at
 * @error: return location for a #GError, or %NULL
 *
 * Submits a producer that yields the #guint 0, waits at @gate (ignoring
 * cancellation) and then yields 1, 2, … 100 and returns "done", but stops
 * as soon as futures_task_yield_value() returns %FALSE (which it counts
 * in futures_test_gate_get_saw_cancel()).
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesIterationFuture *
futures_test_submit_count_gated (FuturesExecutor  *executor,
                                 FuturesTestGate  *gate,
                                 GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (FUTURES_TEST_IS_GATE (gate), NULL);

  return futures_executor_submit_iteration (executor, count_gated_task, g_object_ref (gate),
                                            g_object_unref, error);
}

static void
progress_gated_task (FuturesTask *task,
                     gpointer     user_data)
{
  FuturesTestGate *gate = user_data;

  if (!futures_task_report_progress (task, 0.5, "half"))
    {
      gate_note_cancel (gate);
      return;
    }

  gate_pass (gate, NULL);

  if (!futures_task_report_progress (task, 1.0, "all"))
    {
      gate_note_cancel (gate);
      return;
    }
  futures_task_return_boolean (task, TRUE);
}

/**
 * futures_test_submit_progress_gated:
 * @executor: a #FuturesExecutor
 * @gate: the gate to wait at
 * @error: return location for a #GError, or %NULL
 *
 * Submits work that reports (0.5, "half"), waits at @gate (ignoring
 * cancellation), then reports (1.0, "all") and returns %TRUE, but stops
 * as soon as futures_task_report_progress() returns %FALSE (which it
 * counts in futures_test_gate_get_saw_cancel()).
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesProgressFuture *
futures_test_submit_progress_gated (FuturesExecutor  *executor,
                                    FuturesTestGate  *gate,
                                    GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (FUTURES_TEST_IS_GATE (gate), NULL);

  return futures_executor_submit_progress (executor, progress_gated_task, g_object_ref (gate),
                                           g_object_unref, error);
}

/* Threads ---------------------------------------------------------------- */

/**
 * futures_test_in_main_thread:
 *
 * Tells whether the calling thread is the main thread of the process
 * (the one that started it, whose thread id is the process id), where
 * GJS runs JavaScript.
 *
 * Returns: %TRUE in the main thread, %FALSE in any other
 */
gboolean
futures_test_in_main_thread (void)
{
  return gettid () == getpid ();
}

static void
main_thread_check_task (FuturesTask *task,
                        gpointer     user_data)
{
  futures_task_return_boolean (task, futures_test_in_main_thread ());
}

/**
 * futures_test_submit_main_thread_check:
 * @executor: a #FuturesExecutor
 * @error: return location for a #GError, or %NULL
 *
 * Submits a call that returns what futures_test_in_main_thread() says in
 * the worker that runs it (a #gboolean, %FALSE on a worker thread).
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesCallFuture *
futures_test_submit_main_thread_check (FuturesExecutor  *executor,
                                       GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);

  return futures_executor_submit_call (executor, main_thread_check_task, NULL, NULL, error);
}

/* Items ------------------------------------------------------------------ */

typedef struct
{
  guint      batch;
  GPtrArray *gates;
} BatchesData;

static void
batches_data_free (gpointer data)
{
  BatchesData *batches = data;

  g_ptr_array_unref (batches->gates);
  g_free (batches);
}

static void
count_batches_task (FuturesTask *task,
                    gpointer     user_data)
{
  BatchesData *batches = user_data;
  g_auto(GValue) item = G_VALUE_INIT;
  guint next = 0;
  guint g;

  g_value_init (&item, G_TYPE_UINT);
  for (g = 0; g <= batches->gates->len; g++)
    {
      guint i;

      if (g > 0)
        {
          FuturesTestGate *gate = g_ptr_array_index (batches->gates, g - 1);

          gate_pass (gate, task);
          if (futures_task_is_cancelled (task))
            {
              gate_note_cancel (gate);
              return;
            }
        }

      for (i = 0; i < batches->batch; i++)
        {
          g_value_set_uint (&item, next++);
          if (!futures_task_yield_value (task, &item))
            return;
        }
    }
  futures_task_return_string (task, "done");
}

/**
 * futures_test_submit_count_batches:
 * @executor: a #FuturesExecutor
 * @batch: the number of items in a batch
 * @gates: (array length=n_gates): the gates to wait at between batches
 * @n_gates: the number of gates
 * @error: return location for a #GError, or %NULL
 *
 * Submits a producer that yields the #guint items 0, 1, 2, … in
 * @n_gates + 1 batches of @batch items, and returns "done". Before each
 * batch but the first it waits at the next of @gates, until the gate
 * opens or the future is cancelled (which it counts in that gate's
 * futures_test_gate_get_saw_cancel() before it returns).
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesIterationFuture *
futures_test_submit_count_batches (FuturesExecutor  *executor,
                                   guint             batch,
                                   FuturesTestGate **gates,
                                   guint             n_gates,
                                   GError          **error)
{
  BatchesData *batches;
  guint i;

  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (gates != NULL || n_gates == 0, NULL);
  for (i = 0; i < n_gates; i++)
    g_return_val_if_fail (FUTURES_TEST_IS_GATE (gates[i]), NULL);

  batches = g_new (BatchesData, 1);
  batches->batch = batch;
  batches->gates = g_ptr_array_new_full (n_gates, g_object_unref);
  for (i = 0; i < n_gates; i++)
    g_ptr_array_add (batches->gates, g_object_ref (gates[i]));

  return futures_executor_submit_iteration (executor, count_batches_task, batches,
                                            batches_data_free, error);
}

static void
mixed_task (FuturesTask *task,
            gpointer     user_data)
{
  GObject *object = user_data;
  GValue items[7] = { G_VALUE_INIT, };
  gsize i;

  g_value_init (&items[0], G_TYPE_UINT);
  g_value_set_uint (&items[0], 7);
  g_value_init (&items[1], G_TYPE_INT);
  g_value_set_int (&items[1], -7);
  g_value_init (&items[2], G_TYPE_STRING);
  g_value_set_static_string (&items[2], "seven");
  g_value_init (&items[3], G_TYPE_DOUBLE);
  g_value_set_double (&items[3], 7.5);
  g_value_init (&items[4], G_TYPE_BOOLEAN);
  g_value_set_boolean (&items[4], TRUE);
  g_value_init (&items[5], G_TYPE_VARIANT);
  g_value_set_variant (&items[5], g_variant_new ("(su)", "x", 7));
  g_value_init (&items[6], G_TYPE_OBJECT);
  g_value_set_object (&items[6], object);

  for (i = 0; i < G_N_ELEMENTS (items); i++)
    {
      if (!futures_task_yield_value (task, &items[i]))
        break;
    }
  for (i = 0; i < G_N_ELEMENTS (items); i++)
    g_value_unset (&items[i]);
}

/**
 * futures_test_submit_mixed:
 * @executor: a #FuturesExecutor
 * @object: an object to yield
 * @error: return location for a #GError, or %NULL
 *
 * Submits a producer that yields one item of each of these types, in
 * this order: the #guint 7, the #gint -7, the string "seven", the
 * #gdouble 7.5, the #gboolean %TRUE, the #GVariant `("x", 7)` of type
 * `(su)`, and @object; it returns nothing.
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesIterationFuture *
futures_test_submit_mixed (FuturesExecutor  *executor,
                           GObject          *object,
                           GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  return futures_executor_submit_iteration (executor, mixed_task, g_object_ref (object),
                                            g_object_unref, error);
}

/* Cancellation through the GCancellable ---------------------------------- */

static void
wait_cancellable_task (FuturesTask *task,
                       gpointer     user_data)
{
  FuturesTestGate *gate = user_data;
  GCancellable *cancellable = futures_task_get_cancellable (task);
  GError *error = NULL;
  GPollFD pollfd;

  gate_arrive (gate);

  /* Like a blocking GIO call: nothing but the cancellable wakes it. */
  if (!g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      futures_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                     "the cancellable has no file descriptor");
      return;
    }
  while (!g_cancellable_is_cancelled (cancellable))
    g_poll (&pollfd, 1, -1);
  g_cancellable_release_fd (cancellable);

  gate_note_cancel (gate);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  futures_task_return_error (task, error);
}

/**
 * futures_test_submit_wait_cancellable:
 * @executor: a #FuturesExecutor
 * @gate: a gate to count the task at
 * @error: return location for a #GError, or %NULL
 *
 * Submits a call that counts itself as arrived at @gate without waiting
 * there, then blocks, as a GIO call would, on the file descriptor of the
 * #GCancellable from futures_task_get_cancellable() until the future is
 * cancelled; then it counts that in futures_test_gate_get_saw_cancel()
 * and fails with %G_IO_ERROR_CANCELLED (which the cancelled future
 * discards). It never ends otherwise.
 *
 * Returns: (transfer full): the future, or %NULL with @error set
 */
FuturesCallFuture *
futures_test_submit_wait_cancellable (FuturesExecutor  *executor,
                                      FuturesTestGate  *gate,
                                      GError          **error)
{
  g_return_val_if_fail (FUTURES_IS_EXECUTOR (executor), NULL);
  g_return_val_if_fail (FUTURES_TEST_IS_GATE (gate), NULL);

  return futures_executor_submit_call (executor, wait_cancellable_task, g_object_ref (gate),
                                       g_object_unref, error);
}
