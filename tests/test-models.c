/* test-models.c: the GTK-facing API: list models, async pairs, items
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * - The executor's GListModel of live futures: items-changed follows the
 *   futures' lifetimes exactly (added at submit, removed once done).
 * - An iteration future's items model: lossless, in order, in batches,
 *   complete before done is notified.
 * - futures_future_wait_async() and futures_executor_shutdown_async():
 *   every outcome, cancellation of the wait, callbacks in the main thread.
 */

#include <gio/gio.h>

#include "test-utils.h"

static GThread *main_thread;

/* A gate per task (TestGate of test-utils.h): the test decides when, and
 * in which order, tasks end. */
typedef TestGate Gate;

static Gate *
gate_new (void)
{
  Gate *gate = g_new0 (Gate, 1);

  test_gate_init (gate);
  return gate;
}

static void
gate_free (Gate *gate)
{
  test_gate_clear (gate);
  g_free (gate);
}

/* Waits for the gate, or for the future to be cancelled. */
static void
gated_task (FuturesTask *task,
            gpointer     user_data)
{
  Gate *gate = user_data;

  g_mutex_lock (&gate->mutex);
  while (!gate->open && !futures_task_is_cancelled (task))
    {
      gint64 soon = g_get_monotonic_time () + 5 * G_TIME_SPAN_MILLISECOND;

      g_cond_wait_until (&gate->cond, &gate->mutex, soon);
    }
  g_mutex_unlock (&gate->mutex);
  futures_task_return_int (task, 7);
}

/* Ignores cancellation: ends only when its gate opens. */
static void
stubborn_task (FuturesTask *task,
               gpointer     user_data)
{
  test_gate_wait (user_data);
}

static void
failing_task (FuturesTask *task,
              gpointer     user_data)
{
  futures_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such thing"));
}

/* The executor's list model -------------------------------------------------- */

typedef struct
{
  GString *log;   /* "position-removed+added " per emission */
} ChangeLog;

static void
log_items_changed (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   gpointer    user_data)
{
  ChangeLog *log = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_string_append_printf (log->log, "%u-%u+%u ", position, removed, added);
}

/* The model's items are exactly @expected, in order. */
static void
assert_model_is (GListModel     *model,
                 FuturesFuture **expected,
                 guint           n)
{
  guint i;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (item == (GObject *) expected[i]);
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static gboolean
keep_ticking (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_done (FuturesFuture *future)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  /* Wakes the loop now and then, so that a hang fails the test. */
  guint tick = g_timeout_add (100, keep_ticking, NULL);

  while (!futures_future_get_done (future))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static void
test_executor_model_lifetimes (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 4, NULL);
  GListModel *model = G_LIST_MODEL (executor);
  FuturesFuture *futures[4];
  Gate *gates[4];
  ChangeLog log = { g_string_new (NULL) };
  guint i;

  g_test_summary ("The executor's list model: a future is added at submit and removed once "
                  "done, at its position, whatever the order the futures end in");

  g_assert_true (g_list_model_get_item_type (model) == FUTURES_TYPE_FUTURE);
  g_signal_connect (executor, "items-changed", G_CALLBACK (log_items_changed), &log);

  for (i = 0; i < 4; i++)
    {
      gates[i] = gate_new ();
      futures[i] = FUTURES_FUTURE (futures_executor_submit_call (executor, gated_task, gates[i],
                                                                 (GDestroyNotify) gate_free, NULL));
    }
  g_assert_cmpstr (log.log->str, ==, "0-0+1 1-0+1 2-0+1 3-0+1 ");
  assert_model_is (model, futures, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, futures_executor_get_n_futures (executor));

  /* End them in the order 2, 0, 3, 1. */
  g_string_truncate (log.log, 0);
  test_gate_open (gates[2]);
  wait_done (futures[2]);
  {
    FuturesFuture *left[] = { futures[0], futures[1], futures[3] };
    assert_model_is (model, left, 3);
  }
  test_gate_open (gates[0]);
  wait_done (futures[0]);
  {
    FuturesFuture *left[] = { futures[1], futures[3] };
    assert_model_is (model, left, 2);
  }
  test_gate_open (gates[3]);
  wait_done (futures[3]);
  assert_model_is (model, &futures[1], 1);
  test_gate_open (gates[1]);
  wait_done (futures[1]);
  assert_model_is (model, NULL, 0);

  g_assert_cmpstr (log.log->str, ==, "2-1+0 0-1+0 1-1+0 0-1+0 ");

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
  for (i = 0; i < 4; i++)
    g_object_unref (futures[i]);
  g_string_free (log.log, TRUE);
}

/* The model is removed from before notify::done reaches the user. */
static void
check_gone_on_done (FuturesFuture *future,
                    GParamSpec    *pspec,
                    gpointer       user_data)
{
  GListModel *model = user_data;
  guint i, n = g_list_model_get_n_items (model);

  for (i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (item != (GObject *) future);
    }
}

static void
test_executor_model_random_access (void)
{
  guint n = test_scaled (200), i, k;
  /* A thread per future: any of them can be the next to end. */
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, n, NULL);
  GListModel *model = G_LIST_MODEL (executor);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) gates = g_ptr_array_new ();
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  ChangeLog log = { g_string_new (NULL) };
  GRand *rand = g_rand_new_with_seed (4242);

  g_test_summary ("Reading the executor's model at any position, in any order, while "
                  "futures end in a random order, gives the live futures in submit order");

  g_signal_connect (executor, "items-changed", G_CALLBACK (log_items_changed), &log);
  for (i = 0; i < n; i++)
    {
      Gate *gate = gate_new ();
      FuturesFuture *future = FUTURES_FUTURE (futures_executor_submit_call (executor, gated_task, gate,
                                                                            (GDestroyNotify) gate_free, NULL));

      g_signal_connect (future, "notify::done", G_CALLBACK (check_gone_on_done), model);
      g_ptr_array_add (futures, future);
      g_ptr_array_add (gates, gate);
      g_ptr_array_add (live, future);
    }

  while (live->len > 0)
    {
      guint victim = g_rand_int_range (rand, 0, live->len);
      FuturesFuture *future = live->pdata[victim];

      /* Read a few positions in a random order first. */
      for (k = 0; k < 20; k++)
        {
          guint position = g_rand_int_range (rand, 0, live->len);
          g_autoptr(GObject) item = g_list_model_get_item (model, position);

          g_assert_true (item == live->pdata[position]);
        }

      g_string_truncate (log.log, 0);
      test_gate_open (gates->pdata[g_ptr_array_find (futures, future, &k) ? k : 0]);
      wait_done (future);
      {
        g_autofree char *expected = g_strdup_printf ("%u-1+0 ", victim);
        g_assert_cmpstr (log.log->str, ==, expected);
      }
      g_ptr_array_remove_index (live, victim);
      assert_model_is (model, (FuturesFuture **) live->pdata, live->len);
    }

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
  g_rand_free (rand);
  g_string_free (log.log, TRUE);
}

static void
test_executor_model_shutdown_empties (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 2, NULL);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  ChangeLog log = { g_string_new (NULL) };
  guint i;

  g_test_summary ("Shutting down removes every future from the model as it ends");

  for (i = 0; i < 5; i++)
    g_ptr_array_add (futures, futures_executor_submit_call (executor, gated_task, gate_new (),
                                                            (GDestroyNotify) gate_free, NULL));
  g_signal_connect (executor, "items-changed", G_CALLBACK (log_items_changed), &log);
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (executor)), ==, 0);
  /* Five removals, each of one item. */
  {
    g_auto(GStrv) parts = g_strsplit (g_strstrip (log.log->str), " ", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 5);
    for (i = 0; i < 5; i++)
      g_assert_true (g_str_has_suffix (parts[i], "-1+0"));
  }
  g_string_free (log.log, TRUE);
}

/* The items model of an iteration future ------------------------------------ */

static void
count_to (FuturesTask *task,
          gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;

  for (i = 0; i < n; i++)
    {
      GValue value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_UINT);
      g_value_set_uint (&value, i);
      if (!futures_task_yield_value (task, &value))
        return;
    }
}

typedef struct
{
  guint batches;
  guint total;
  guint largest;
  guint at_done;
} ItemsLog;

static void
log_item_batches (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ItemsLog *log = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (position, ==, log->total);
  log->batches++;
  log->total += added;
  log->largest = MAX (log->largest, added);
}

static void
items_at_done (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  ItemsLog *log = user_data;

  log->at_done = g_list_model_get_n_items (futures_iteration_future_get_items (FUTURES_ITERATION_FUTURE (object)));
}

static void
test_items_model_batches (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  guint n = test_scaled (200000), i;
  g_autoptr(FuturesIterationFuture) future = NULL;
  GListModel *items;
  ItemsLog log = { 0 };

  g_test_summary ("An iteration future's items model holds every item in order, grows in "
                  "batches, and is complete before done is notified");

  future = futures_executor_submit_iteration (executor, count_to, GUINT_TO_POINTER (n), NULL, NULL);
  /* Connected before the model exists: the model still is complete first. */
  g_signal_connect (future, "notify::done", G_CALLBACK (items_at_done), &log);
  items = futures_iteration_future_get_items (future);
  g_assert_true (g_list_model_get_item_type (items) == FUTURES_TYPE_ITEM);
  g_signal_connect (items, "items-changed", G_CALLBACK (log_item_batches), &log);

  wait_done (FUTURES_FUTURE (future));

  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==, FUTURES_FUTURE_STATE_COMPLETED);
  g_assert_cmpuint (log.at_done, ==, n);
  g_assert_cmpuint (log.total, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n);
  /* Batches, not one emission per item. */
  g_assert_cmpuint (log.batches, <, n / 10);
  g_assert_cmpuint (log.largest, >, 1);
  g_test_message ("%u items in %u batches, the largest %u", n, log.batches, log.largest);

  for (i = 0; i < n; i += MAX (1, n / 1000))
    {
      g_autoptr(FuturesItem) item = g_list_model_get_item (items, i);

      g_assert_cmpuint (futures_item_get_position (item), ==, i);
      g_assert_cmpuint (g_value_get_uint (futures_item_get_value (item)), ==, i);
    }
  {
    g_autoptr(FuturesItem) last = g_list_model_get_item (items, n - 1);
    g_autoptr(FuturesItem) again = g_list_model_get_item (items, n - 1);

    g_assert_cmpuint (g_value_get_uint (futures_item_get_value (last)), ==, n - 1);
    g_assert_true (last == again);
  }
  g_assert_null (g_list_model_get_item (items, n));

  /* The property is the same model. */
  {
    g_autoptr(GListModel) property = NULL;

    g_object_get (future, "items", &property, NULL);
    g_assert_true (property == items);
  }

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

static void
test_items_model_outlives_future (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  FuturesIterationFuture *future;
  g_autoptr(GListModel) items = NULL;

  g_test_summary ("The items model stays usable after its future is gone");

  future = futures_executor_submit_iteration (executor, count_to, GUINT_TO_POINTER (10), NULL, NULL);
  items = g_object_ref (futures_iteration_future_get_items (future));
  wait_done (FUTURES_FUTURE (future));
  g_object_unref (future);

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 10);
  {
    g_autoptr(FuturesItem) item = g_list_model_get_item (items, 9);
    g_assert_cmpuint (g_value_get_uint (futures_item_get_value (item)), ==, 9);
  }
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

static void
strings_task (FuturesTask *task,
              gpointer     user_data)
{
  GValue value = G_VALUE_INIT;
  g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new ("(si)", "x", 3));

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, "héllo");
  futures_task_yield_value (task, &value);
  g_value_unset (&value);

  g_value_init (&value, G_TYPE_STRING);
  futures_task_yield_value (task, &value);  /* a NULL string */
  g_value_unset (&value);

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 2.5);
  futures_task_yield_value (task, &value);
  g_value_unset (&value);

  g_value_init (&value, G_TYPE_VARIANT);
  g_value_set_variant (&value, variant);
  futures_task_yield_value (task, &value);
  g_value_unset (&value);
}

static void
test_item_string (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesIterationFuture) future = NULL;
  GListModel *items;
  /* A double as GLib transforms it to a string. */
  const char *expected[] = { "héllo", "", "2.500000", NULL };
  guint i;

  g_test_summary ("FuturesItem:string is the text of the item, for labels");

  future = futures_executor_submit_iteration (executor, strings_task, NULL, NULL, NULL);
  items = futures_iteration_future_get_items (future);
  wait_done (FUTURES_FUTURE (future));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 4);

  for (i = 0; i < 4; i++)
    {
      g_autoptr(FuturesItem) item = g_list_model_get_item (items, i);
      g_autofree char *by_property = NULL;
      guint position;

      g_object_get (item, "string", &by_property, "position", &position, NULL);
      g_assert_cmpstr (by_property, ==, futures_item_get_string (item));
      g_assert_cmpuint (position, ==, i);
      if (expected[i] != NULL)
        g_assert_cmpstr (futures_item_get_string (item), ==, expected[i]);
      else
        g_assert_cmpstr (futures_item_get_string (item), ==, "('x', 3)");
    }

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

/* futures_future_wait_async() ------------------------------------------------- */

typedef struct
{
  gboolean  called;
  gboolean  ok;
  GError   *error;
} AsyncOutcome;

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_assert_false (outcome->called);
  outcome->called = TRUE;
  outcome->ok = futures_future_wait_finish (FUTURES_FUTURE (source), result, &outcome->error);
}

static void
run_until_called (AsyncOutcome *outcome)
{
  test_iterate_until (NULL, &outcome->called, 30);
}

static void
test_wait_completed (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  Gate *gate = gate_new ();
  g_autoptr(FuturesCallFuture) future =
    futures_executor_submit_call (executor, gated_task, gate, (GDestroyNotify) gate_free, NULL);
  AsyncOutcome outcome = { 0 };

  g_test_summary ("wait_async on a running future completes with TRUE once it COMPLETED");

  futures_future_wait_async (FUTURES_FUTURE (future), NULL, on_waited, &outcome);
  test_iterate_pending (NULL);
  g_assert_false (outcome.called);

  test_gate_open (gate);
  run_until_called (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_true (futures_future_get_done (FUTURES_FUTURE (future)));
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (FUTURES_FUTURE (future), NULL)), ==, 7);

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

static void
test_wait_failed (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesCallFuture) future =
    futures_executor_submit_call (executor, failing_task, NULL, NULL, NULL);
  AsyncOutcome outcome = { 0 };

  g_test_summary ("wait_async on a future that FAILED gives the task's own error");

  futures_future_wait_async (FUTURES_FUTURE (future), NULL, on_waited, &outcome);
  run_until_called (&outcome);
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (outcome.error->message, ==, "no such thing");
  g_clear_error (&outcome.error);

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

static void
test_wait_future_cancelled (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesCallFuture) future =
    futures_executor_submit_call (executor, gated_task, gate_new (), (GDestroyNotify) gate_free, NULL);
  AsyncOutcome outcome = { 0 };

  g_test_summary ("wait_async on a future that gets CANCELLED fails with G_IO_ERROR_CANCELLED");

  futures_future_wait_async (FUTURES_FUTURE (future), NULL, on_waited, &outcome);
  g_assert_true (futures_future_cancel (FUTURES_FUTURE (future)));
  run_until_called (&outcome);
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==, FUTURES_FUTURE_STATE_CANCELLED);
  g_clear_error (&outcome.error);

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

static void
test_wait_already_done (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesCallFuture) future =
    futures_executor_submit_call (executor, failing_task, NULL, NULL, NULL);
  AsyncOutcome outcome = { 0 };

  g_test_summary ("wait_async on a done future calls back on a later iteration, never "
                  "from inside the call");

  wait_done (FUTURES_FUTURE (future));
  futures_future_wait_async (FUTURES_FUTURE (future), NULL, on_waited, &outcome);
  g_assert_false (outcome.called);
  run_until_called (&outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&outcome.error);

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

static void
test_wait_cancellable (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  Gate *gate = gate_new ();
  g_autoptr(FuturesCallFuture) future =
    futures_executor_submit_call (executor, gated_task, gate, (GDestroyNotify) gate_free, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncOutcome outcome = { 0 }, early = { 0 };

  g_test_summary ("Cancelling the wait fails it with G_IO_ERROR_CANCELLED and leaves the "
                  "future running; a wait with a cancelled cancellable fails at once");

  futures_future_wait_async (FUTURES_FUTURE (future), cancellable, on_waited, &outcome);
  g_cancellable_cancel (cancellable);
  run_until_called (&outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);
  g_assert_false (futures_future_get_done (FUTURES_FUTURE (future)));
  g_assert_true (futures_future_get_may_cancel (FUTURES_FUTURE (future)));

  g_cancellable_cancel (cancelled);
  futures_future_wait_async (FUTURES_FUTURE (future), cancelled, on_waited, &early);
  run_until_called (&early);
  g_assert_error (early.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&early.error);

  /* The first callback is not called a second time when the future ends. */
  test_gate_open (gate);
  wait_done (FUTURES_FUTURE (future));
  test_iterate_pending (NULL);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==, FUTURES_FUTURE_STATE_COMPLETED);

  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

/* futures_executor_shutdown_async() ------------------------------------------ */

static void
on_shut_down (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_assert_false (outcome->called);
  outcome->called = TRUE;
  outcome->ok = futures_executor_shutdown_finish (FUTURES_EXECUTOR (source), result, &outcome->error);
}

static void
test_shutdown_async (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  AsyncOutcome outcome = { 0 }, again = { 0 };
  guint i;

  g_test_summary ("shutdown_async cancels every future and calls back once the executor "
                  "is STOPPED; a second one fails with NOT_RUNNING");

  for (i = 0; i < 6; i++)
    g_ptr_array_add (futures, futures_executor_submit_call (executor, gated_task, gate_new (),
                                                            (GDestroyNotify) gate_free, NULL));

  futures_executor_shutdown_async (executor, NULL, on_shut_down, &outcome);
  g_assert_false (outcome.called);
  g_assert_cmpint (futures_executor_get_state (executor), ==, FUTURES_EXECUTOR_STATE_STOPPING);

  run_until_called (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_cmpint (futures_executor_get_state (executor), ==, FUTURES_EXECUTOR_STATE_STOPPED);
  for (i = 0; i < futures->len; i++)
    g_assert_cmpint (futures_future_get_state (futures->pdata[i]), ==, FUTURES_FUTURE_STATE_CANCELLED);

  futures_executor_shutdown_async (executor, NULL, on_shut_down, &again);
  g_assert_false (again.called);
  run_until_called (&again);
  g_assert_error (again.error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  g_clear_error (&again.error);
}

static void
on_shut_down_drop (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  on_shut_down (source, result, user_data);
  /* The natural thing to do once stopped: drop the executor, here the
   * last reference, from inside its own state notification. */
  g_object_unref (source);
  g_assert_true (outcome->ok);
}

static void
test_shutdown_async_drop_in_callback (void)
{
  FuturesExecutor *executor = futures_executor_new (NULL);
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  AsyncOutcome outcome = { 0 };
  guint i;

  g_test_summary ("The callback of shutdown_async may drop the last reference to the "
                  "executor (found by the soak test: later notifications used it freed)");

  for (i = 0; i < 3; i++)
    g_ptr_array_add (futures, futures_executor_submit_call (executor, gated_task, gate_new (),
                                                            (GDestroyNotify) gate_free, NULL));
  futures_executor_shutdown_async (executor, NULL, on_shut_down_drop, &outcome);
  run_until_called (&outcome);
  for (i = 0; i < futures->len; i++)
    g_assert_cmpint (futures_future_get_state (futures->pdata[i]), ==, FUTURES_FUTURE_STATE_CANCELLED);
}

static void
test_shutdown_async_idle (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  AsyncOutcome outcome = { 0 };

  g_test_summary ("shutdown_async of an executor with no futures stops it at once and "
                  "calls back on a later iteration");

  futures_executor_shutdown_async (executor, NULL, on_shut_down, &outcome);
  g_assert_cmpint (futures_executor_get_state (executor), ==, FUTURES_EXECUTOR_STATE_STOPPED);
  g_assert_false (outcome.called);
  run_until_called (&outcome);
  g_assert_true (outcome.ok);
}

static void
test_shutdown_async_cancelled (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  Gate *gate = gate_new ();
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncOutcome outcome = { 0 }, second = { 0 };

  g_test_summary ("Cancelling the wait of shutdown_async leaves the executor STOPPING; "
                  "a later shutdown_async completes it");

  /* A task that does not look at cancellation: it ends when the gate opens. */
  future = futures_executor_submit_call (executor, stubborn_task, gate, (GDestroyNotify) gate_free, NULL);
  futures_executor_shutdown_async (executor, cancellable, on_shut_down, &outcome);
  g_cancellable_cancel (cancellable);
  run_until_called (&outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);
  g_assert_cmpint (futures_executor_get_state (executor), ==, FUTURES_EXECUTOR_STATE_STOPPING);

  test_gate_open (gate);
  futures_executor_shutdown_async (executor, NULL, on_shut_down, &second);
  run_until_called (&second);
  g_assert_true (second.ok);
  g_assert_cmpint (futures_executor_get_state (executor), ==, FUTURES_EXECUTOR_STATE_STOPPED);
}

static void
test_shutdown_async_after_timeout (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  Gate *gate = gate_new ();
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  AsyncOutcome outcome = { 0 };

  g_test_summary ("After a blocking shutdown timed out, shutdown_async fails with "
                  "INVALID_STATE (only a blocking shutdown routes the messages now)");

  future = futures_executor_submit_call (executor, stubborn_task, gate, (GDestroyNotify) gate_free, NULL);
  g_assert_false (futures_executor_shutdown (executor, 0, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_TIMED_OUT);

  futures_executor_shutdown_async (executor, NULL, on_shut_down, &outcome);
  run_until_called (&outcome);
  g_assert_error (outcome.error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);
  g_clear_error (&outcome.error);

  test_gate_open (gate);
  g_assert_true (futures_executor_shutdown (executor, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/futures/models/executor/lifetimes", test_executor_model_lifetimes);
  g_test_add_func ("/futures/models/executor/random-access", test_executor_model_random_access);
  g_test_add_func ("/futures/models/executor/shutdown-empties", test_executor_model_shutdown_empties);
  g_test_add_func ("/futures/models/items/batches", test_items_model_batches);
  g_test_add_func ("/futures/models/items/outlives-future", test_items_model_outlives_future);
  g_test_add_func ("/futures/models/items/string", test_item_string);
  g_test_add_func ("/futures/async/wait/completed", test_wait_completed);
  g_test_add_func ("/futures/async/wait/failed", test_wait_failed);
  g_test_add_func ("/futures/async/wait/future-cancelled", test_wait_future_cancelled);
  g_test_add_func ("/futures/async/wait/already-done", test_wait_already_done);
  g_test_add_func ("/futures/async/wait/cancellable", test_wait_cancellable);
  g_test_add_func ("/futures/async/shutdown/stops", test_shutdown_async);
  g_test_add_func ("/futures/async/shutdown/idle", test_shutdown_async_idle);
  g_test_add_func ("/futures/async/shutdown/drop-in-callback", test_shutdown_async_drop_in_callback);
  g_test_add_func ("/futures/async/shutdown/cancelled", test_shutdown_async_cancelled);
  g_test_add_func ("/futures/async/shutdown/after-timeout", test_shutdown_async_after_timeout);

  return g_test_run ();
}
