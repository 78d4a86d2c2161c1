/* test-future.c: futures and tasks on worker threads
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every row of the state-transition table of DESIGN.md, the exact
 * sequence of notifications for each way a future ends, and the task
 * handle's contract.
 */

#include <gio/gio.h>

#include "test-utils.h"

static GThread *main_thread;

/* Notification recorder ------------------------------------------------ */

typedef struct
{
  GPtrArray *events;       /* "state=executing", "may-cancel=0", "done=1" */
  guint      wrong_thread;
  gboolean   result_readable_at_done;
  gboolean   error_readable_at_done;
} Recorder;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  Recorder *rec = user_data;
  FuturesFuture *future = FUTURES_FUTURE (object);
  const char *name = g_param_spec_get_name (pspec);

  if (g_thread_self () != main_thread)
    rec->wrong_thread++;

  if (g_str_equal (name, "state"))
    {
      GEnumClass *klass = g_type_class_ref (FUTURES_TYPE_FUTURE_STATE);
      g_ptr_array_add (rec->events,
                       g_strdup_printf ("state=%s",
                                        g_enum_get_value (klass, futures_future_get_state (future))->value_nick));
      g_type_class_unref (klass);
    }
  else if (g_str_equal (name, "may-cancel"))
    g_ptr_array_add (rec->events,
                     g_strdup_printf ("may-cancel=%d", futures_future_get_may_cancel (future)));
  else if (g_str_equal (name, "done"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) task_error = NULL;

      g_ptr_array_add (rec->events,
                       g_strdup_printf ("done=%d", futures_future_get_done (future)));
      rec->result_readable_at_done = futures_future_get_result (future, &error) != NULL;
      task_error = futures_future_dup_error (future, NULL);
      rec->error_readable_at_done = task_error != NULL;
    }
}

static Recorder *
recorder_new (FuturesFuture *future)
{
  Recorder *rec = g_new0 (Recorder, 1);

  rec->events = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (future, "notify::state", G_CALLBACK (on_notify), rec);
  g_signal_connect (future, "notify::may-cancel", G_CALLBACK (on_notify), rec);
  g_signal_connect (future, "notify::done", G_CALLBACK (on_notify), rec);
  return rec;
}

static void
recorder_free (Recorder *rec)
{
  g_ptr_array_unref (rec->events);
  g_free (rec);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

static void
assert_events (Recorder   *rec,
               const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);
  guint i;

  for (i = 0; i < rec->events->len; i++)
    g_string_append_printf (got, "%s%s", i ? " " : "", (char *) rec->events->pdata[i]);
  g_assert_cmpstr (got->str, ==, expected);
  g_assert_cmpuint (rec->wrong_thread, ==, 0);
}

static void
wait_done (FuturesFuture *future)
{
  while (!futures_future_get_done (future))
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_state (FuturesFuture      *future,
            FuturesFutureState  state)
{
  while (futures_future_get_state (future) != state)
    g_main_context_iteration (NULL, TRUE);
}

static FuturesExecutor *
new_executor (int max_workers)
{
  g_autoptr(GError) error = NULL;
  FuturesExecutor *executor = futures_executor_new_full (NULL, NULL, max_workers, &error);

  g_assert_no_error (error);
  return executor;
}

static void
shutdown_executor (FuturesExecutor *executor)
{
  g_autoptr(GError) error = NULL;

  if (!futures_executor_get_stopped (executor))
    g_assert_true (futures_executor_shutdown (executor, 30000, &error));
  g_assert_no_error (error);
}

/* Task functions ------------------------------------------------------- */

static void
return_int_task (FuturesTask *task,
                 gpointer     user_data)
{
  futures_task_return_int (task, GPOINTER_TO_INT (user_data));
}

static void
fail_task (FuturesTask *task,
           gpointer     user_data)
{
  futures_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such thing: %d", 42);
}

typedef struct
{
  TestGate gate;
  int      ran;          /* atomic */
  int      saw_cancel;   /* atomic */
  gboolean fail;
  guint    messages;     /* custom messages to send after the gate */
} GateData;

static void
gate_task (FuturesTask *task,
           gpointer     user_data)
{
  GateData *d = user_data;
  guint i;

  g_atomic_int_set (&d->ran, TRUE);
  test_gate_wait (&d->gate);
  if (futures_task_is_cancelled (task))
    g_atomic_int_set (&d->saw_cancel, TRUE);

  for (i = 0; i < d->messages; i++)
    {
      g_auto(GValue) v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_UINT);
      g_value_set_uint (&v, i);
      futures_task_send (task, "tick", &v);
    }

  if (d->fail)
    futures_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "failed anyway");
  else
    futures_task_return_string (task, "ignored?");
}

static GateData *
gate_data_new (void)
{
  GateData *d = g_new0 (GateData, 1);

  test_gate_init (&d->gate);
  return d;
}

static void
gate_data_free (GateData *d)
{
  test_gate_clear (&d->gate);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GateData, gate_data_free)

/* Success and failure -------------------------------------------------- */

static void
test_future_success (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(Recorder) rec = NULL;
  g_autoptr(GError) error = NULL;
  const GValue *result;

  g_test_summary ("Success: WAITING → EXECUTING → COMPLETED, notified state, may-cancel, "
                  "done in that order, done once, the result readable in notify::done");

  future = futures_executor_submit_call (executor, return_int_task, GINT_TO_POINTER (7), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==, FUTURES_FUTURE_STATE_WAITING);
  g_assert_true (futures_future_get_may_cancel (FUTURES_FUTURE (future)));
  g_assert_false (futures_future_get_done (FUTURES_FUTURE (future)));
  rec = recorder_new (FUTURES_FUTURE (future));

  wait_done (FUTURES_FUTURE (future));
  assert_events (rec, "state=executing state=completed may-cancel=0 done=1");
  g_assert_true (rec->result_readable_at_done);
  g_assert_false (rec->error_readable_at_done);

  result = futures_future_get_result (FUTURES_FUTURE (future), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_value_get_int64 (result), ==, 7);

  g_assert_null (futures_future_dup_error (FUTURES_FUTURE (future), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);

  shutdown_executor (executor);
}

/* Whichever way a handler watches, it gets what it watches: the library
 * skips notifications no handler would see, and must not skip others. */
static void
test_future_notify_watchers (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  const struct {
    const char *signal;
    const char *expected;
  } cases[] = {
    { "notify", "state=executing state=completed may-cancel=0 done=1" },
    { "notify::state", "state=executing state=completed" },
    { "notify::may-cancel", "may-cancel=0" },
    { "notify::done", "done=1" },
  };
  guint i;

  g_test_summary ("A handler of notify, or of one property's notify, sees every change it "
                  "watches, and nothing else, whatever other handlers there are");

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FuturesCallFuture) future = NULL;
      g_autoptr(Recorder) rec = g_new0 (Recorder, 1);

      rec->events = g_ptr_array_new_with_free_func (g_free);
      future = futures_executor_submit_call (executor, return_int_task, GINT_TO_POINTER (1), NULL, NULL);
      g_signal_connect (future, cases[i].signal, G_CALLBACK (on_notify), rec);
      wait_done (FUTURES_FUTURE (future));
      assert_events (rec, cases[i].expected);
    }

  shutdown_executor (executor);
}

static void
test_future_failure (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(Recorder) rec = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) task_error = NULL;

  g_test_summary ("Failure: WAITING → EXECUTING → FAILED; the task's own error, no result");

  future = futures_executor_submit_call (executor, fail_task, NULL, NULL, &error);
  g_assert_no_error (error);
  rec = recorder_new (FUTURES_FUTURE (future));
  wait_done (FUTURES_FUTURE (future));

  assert_events (rec, "state=executing state=failed may-cancel=0 done=1");
  g_assert_false (rec->result_readable_at_done);
  g_assert_true (rec->error_readable_at_done);

  task_error = futures_future_dup_error (FUTURES_FUTURE (future), &error);
  g_assert_no_error (error);
  g_assert_error (task_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (task_error->message, ==, "no such thing: 42");

  g_assert_null (futures_future_get_result (FUTURES_FUTURE (future), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);

  shutdown_executor (executor);
}

static void
no_return_task (FuturesTask *task,
                gpointer     user_data)
{
}

static void
test_future_no_return (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  const GValue *result;

  g_test_summary ("A task that never returns completes with no value: NULL, no error");

  future = futures_executor_submit_call (executor, no_return_task, NULL, NULL, NULL);
  wait_done (FUTURES_FUTURE (future));
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_COMPLETED);
  result = futures_future_get_result (FUTURES_FUTURE (future), &error);
  g_assert_no_error (error);
  g_assert_null (result);

  shutdown_executor (executor);
}

static void
test_future_not_done_errors (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Result and error are INVALID_STATE errors while the task runs");

  future = futures_executor_submit_call (executor, gate_task, d, NULL, NULL);
  g_assert_null (futures_future_get_result (FUTURES_FUTURE (future), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);
  g_clear_error (&error);
  wait_state (FUTURES_FUTURE (future), FUTURES_FUTURE_STATE_EXECUTING);
  g_assert_null (futures_future_dup_error (FUTURES_FUTURE (future), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);

  test_gate_open (&d->gate);
  wait_done (FUTURES_FUTURE (future));
  shutdown_executor (executor);
}

/* Cancellation --------------------------------------------------------- */

static void
test_future_cancel_before_start (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) blocker = gate_data_new ();
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) busy = NULL;
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(Recorder) rec = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Cancel before start: WAITING → CANCELLING → CANCELLED, EXECUTING never "
                  "observed, the work never runs (rows WAITING+cancel, CANCELLING+abandoned)");

  /* The only worker is busy, so the second task waits. */
  busy = futures_executor_submit_call (executor, gate_task, blocker, NULL, NULL);
  test_gate_wait_arrivals (&blocker->gate, 1);
  future = futures_executor_submit_call (executor, gate_task, d, NULL, NULL);
  rec = recorder_new (FUTURES_FUTURE (future));

  g_assert_true (futures_future_cancel (FUTURES_FUTURE (future)));
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_CANCELLING);
  g_assert_false (futures_future_get_may_cancel (FUTURES_FUTURE (future)));
  g_assert_false (futures_future_cancel (FUTURES_FUTURE (future)));

  test_gate_open (&blocker->gate);
  wait_done (FUTURES_FUTURE (future));
  assert_events (rec, "state=cancelling may-cancel=0 state=cancelled done=1");
  g_assert_false (g_atomic_int_get (&d->ran));
  g_assert_null (futures_future_get_result (FUTURES_FUTURE (future), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);

  wait_done (FUTURES_FUTURE (busy));
  shutdown_executor (executor);
}

static void
test_future_cancel_racing_start (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(Recorder) rec = NULL;

  g_test_summary ("Cancel after the task started but before the main context knew: "
                  "CANCELLING (before start) + started stays CANCELLING, then CANCELLED");

  future = futures_executor_submit_call (executor, gate_task, d, NULL, NULL);
  rec = recorder_new (FUTURES_FUTURE (future));

  /* The task is running, but its "started" message is still queued. */
  test_gate_wait_arrivals (&d->gate, 1);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_WAITING);
  g_assert_true (futures_future_cancel (FUTURES_FUTURE (future)));

  /* Deliver "started": nothing a user can see changes. */
  test_iterate_pending (NULL);
  assert_events (rec, "state=cancelling may-cancel=0");

  test_gate_open (&d->gate);
  wait_done (FUTURES_FUTURE (future));
  assert_events (rec, "state=cancelling may-cancel=0 state=cancelled done=1");
  g_assert_true (g_atomic_int_get (&d->saw_cancel));

  shutdown_executor (executor);
}

static void
test_future_cancel_while_running (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(Recorder) rec = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Cancel while running: EXECUTING → CANCELLING → CANCELLED; the value "
                  "the task returns afterwards is not readable (rows EXECUTING+cancel, "
                  "CANCELLING+returned)");

  future = futures_executor_submit_call (executor, gate_task, d, NULL, NULL);
  rec = recorder_new (FUTURES_FUTURE (future));
  wait_state (FUTURES_FUTURE (future), FUTURES_FUTURE_STATE_EXECUTING);

  g_assert_true (futures_future_cancel (FUTURES_FUTURE (future)));
  test_gate_open (&d->gate);
  wait_done (FUTURES_FUTURE (future));

  assert_events (rec, "state=executing state=cancelling may-cancel=0 state=cancelled done=1");
  g_assert_true (g_atomic_int_get (&d->saw_cancel));
  g_assert_null (futures_future_get_result (FUTURES_FUTURE (future), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);

  shutdown_executor (executor);
}

static void
test_future_cancel_then_fail (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A task that fails after its future was cancelled ends CANCELLED "
                  "(row CANCELLING+raised), with no error readable");

  d->fail = TRUE;
  future = futures_executor_submit_call (executor, gate_task, d, NULL, NULL);
  wait_state (FUTURES_FUTURE (future), FUTURES_FUTURE_STATE_EXECUTING);
  futures_future_cancel (FUTURES_FUTURE (future));
  test_gate_open (&d->gate);
  wait_done (FUTURES_FUTURE (future));

  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_CANCELLED);
  g_assert_null (futures_future_dup_error (FUTURES_FUTURE (future), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_INVALID_STATE);

  shutdown_executor (executor);
}

static void
test_future_cancel_after_done (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(Recorder) rec = NULL;

  g_test_summary ("Cancel after done is a no-op that returns FALSE");

  future = futures_executor_submit_call (executor, return_int_task, GINT_TO_POINTER (1), NULL, NULL);
  wait_done (FUTURES_FUTURE (future));
  rec = recorder_new (FUTURES_FUTURE (future));

  g_assert_false (futures_future_cancel (FUTURES_FUTURE (future)));
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_COMPLETED);
  assert_events (rec, "");
  g_assert_nonnull (futures_future_get_result (FUTURES_FUTURE (future), NULL));

  shutdown_executor (executor);
}

static void
cancellable_task (FuturesTask *task,
                  gpointer     user_data)
{
  GateData *d = user_data;
  GCancellable *cancellable = futures_task_get_cancellable (task);

  g_assert_true (cancellable == futures_task_get_cancellable (task));
  g_atomic_int_set (&d->ran, TRUE);
  /* What a GIO call would do: wait on the cancellable's fd. */
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);
  g_atomic_int_set (&d->saw_cancel, TRUE);
}

static void
test_future_cancellable (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) future = NULL;

  g_test_summary ("The task's GCancellable is cancelled when the user cancels");

  future = futures_executor_submit_call (executor, cancellable_task, d, NULL, NULL);
  wait_state (FUTURES_FUTURE (future), FUTURES_FUTURE_STATE_EXECUTING);
  futures_future_cancel (FUTURES_FUTURE (future));
  wait_done (FUTURES_FUTURE (future));
  g_assert_true (g_atomic_int_get (&d->saw_cancel));
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_CANCELLED);

  shutdown_executor (executor);
}

/* Custom messages ------------------------------------------------------ */

typedef struct
{
  GArray *ticks;
  guint   other;
  guint   wrong_thread;
} MessageLog;

static void
on_tick (FuturesFuture *future,
         const char    *kind,
         const GValue  *value,
         gpointer       user_data)
{
  MessageLog *log = user_data;
  guint v = g_value_get_uint (value);

  g_assert_cmpstr (kind, ==, "tick");
  if (g_thread_self () != main_thread)
    log->wrong_thread++;
  g_array_append_val (log->ticks, v);
}

static void
on_any_message (FuturesFuture *future,
                const char    *kind,
                const GValue  *value,
                gpointer       user_data)
{
  ((MessageLog *) user_data)->other++;
}

static void
test_future_messages (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) future = NULL;
  MessageLog log = { g_array_new (FALSE, FALSE, sizeof (guint)), 0, 0 };
  guint i;

  g_test_summary ("Custom messages arrive in order through message::KIND, on the main thread");

  d->messages = 100;
  future = futures_executor_submit_call (executor, gate_task, d, NULL, NULL);
  g_signal_connect (future, "message::tick", G_CALLBACK (on_tick), &log);
  g_signal_connect (future, "message::other", G_CALLBACK (on_any_message), &log);
  test_gate_open (&d->gate);
  wait_done (FUTURES_FUTURE (future));

  g_assert_cmpuint (log.ticks->len, ==, 100);
  for (i = 0; i < 100; i++)
    g_assert_cmpuint (g_array_index (log.ticks, guint, i), ==, i);
  g_assert_cmpuint (log.other, ==, 0);
  g_assert_cmpuint (log.wrong_thread, ==, 0);

  g_array_unref (log.ticks);
  shutdown_executor (executor);
}

static void
test_future_messages_after_cancel (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) future = NULL;
  MessageLog log = { g_array_new (FALSE, FALSE, sizeof (guint)), 0, 0 };

  g_test_summary ("Messages sent after a cancel are dropped, silently");

  d->messages = 50;
  future = futures_executor_submit_call (executor, gate_task, d, NULL, NULL);
  g_signal_connect (future, "message", G_CALLBACK (on_any_message), &log);
  wait_state (FUTURES_FUTURE (future), FUTURES_FUTURE_STATE_EXECUTING);
  futures_future_cancel (FUTURES_FUTURE (future));
  test_gate_open (&d->gate);
  wait_done (FUTURES_FUTURE (future));

  g_assert_cmpuint (log.other, ==, 0);
  g_array_unref (log.ticks);
  shutdown_executor (executor);
}

static void
send_unsent_task (FuturesTask *task,
                  gpointer     user_data)
{
  GateData *d = user_data;
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  test_gate_wait (&d->gate);
  /* The future was cancelled meanwhile: the task is told so. */
  g_atomic_int_set (&d->saw_cancel, !futures_task_send (task, "tick", &v));
}

static void
test_future_send_reports_cancel (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesCallFuture) future = NULL;

  g_test_summary ("futures_task_send returns FALSE once the future was cancelled");

  future = futures_executor_submit_call (executor, send_unsent_task, d, NULL, NULL);
  wait_state (FUTURES_FUTURE (future), FUTURES_FUTURE_STATE_EXECUTING);
  futures_future_cancel (FUTURES_FUTURE (future));
  test_gate_open (&d->gate);
  wait_done (FUTURES_FUTURE (future));
  g_assert_true (g_atomic_int_get (&d->saw_cancel));
  shutdown_executor (executor);
}

/* Misuse by the task --------------------------------------------------- */

static void
return_twice_task (FuturesTask *task,
                   gpointer     user_data)
{
  g_auto(GValue) v = G_VALUE_INIT;

  futures_task_return_int (task, 1);
  futures_task_return_int (task, 2);
  g_value_init (&v, G_TYPE_INT);
  futures_task_send (task, "late", &v);
}

static void
test_future_return_twice (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(FuturesCallFuture) future = NULL;
  MessageLog log = { NULL, 0, 0 };

  g_test_summary ("Returning twice or sending after returning: a warning each, the first "
                  "result stands, nothing is sent");

  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, "*return after the task returned*");
  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, "*message sent after the task returned*");
  future = futures_executor_submit_call (executor, return_twice_task, NULL, NULL, NULL);
  g_signal_connect (future, "message", G_CALLBACK (on_any_message), &log);
  wait_done (FUTURES_FUTURE (future));
  g_test_assert_expected_messages ();

  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (FUTURES_FUTURE (future), NULL)), ==, 1);
  g_assert_cmpuint (log.other, ==, 0);
  shutdown_executor (executor);
}

/* The threading rule for what the user hands in ----------------------- */

static GThread *destroyed_in;

static void
record_destroy (gpointer data)
{
  destroyed_in = g_thread_self ();
}

#define TEST_TYPE_TRACKED (test_tracked_get_type ())
G_DECLARE_FINAL_TYPE (TestTracked, test_tracked, TEST, TRACKED, GObject)

struct _TestTracked
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (TestTracked, test_tracked, G_TYPE_OBJECT)

static GThread *finalized_in;

static void
test_tracked_finalize (GObject *object)
{
  finalized_in = g_thread_self ();
  G_OBJECT_CLASS (test_tracked_parent_class)->finalize (object);
}

static void
test_tracked_class_init (TestTrackedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_tracked_finalize;
}

static void
test_tracked_init (TestTracked *self)
{
}

static void
return_object_task (FuturesTask *task,
                    gpointer     user_data)
{
  g_autoptr(TestTracked) obj = g_object_new (TEST_TYPE_TRACKED, NULL);

  futures_task_return_object (task, obj);
  /* obj's last reference now belongs to the result. */
}

static void
test_future_main_thread_release (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  FuturesCallFuture *future;

  g_test_summary ("User data is released, and a returned object finalized, in the main context");

  destroyed_in = finalized_in = NULL;
  future = futures_executor_submit_call (executor, return_object_task, NULL, record_destroy, NULL);
  wait_done (FUTURES_FUTURE (future));
  g_assert_true (destroyed_in == main_thread);
  g_assert_true (G_VALUE_HOLDS (futures_future_get_result (FUTURES_FUTURE (future), NULL),
                                TEST_TYPE_TRACKED));
  g_assert_null (finalized_in);
  g_object_unref (future);
  g_assert_true (finalized_in == main_thread);

  shutdown_executor (executor);
}

/* Iteration and progress ----------------------------------------------- */

static void
count_task (FuturesTask *task,
            gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data);
  g_auto(GValue) v = G_VALUE_INIT;
  guint i;

  g_value_init (&v, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&v, i);
      if (!futures_task_yield_value (task, &v))
        return;
    }
  futures_task_return_string (task, "finished");
}

static void
on_item (FuturesIterationFuture *future,
         const GValue           *value,
         gpointer                user_data)
{
  GArray *items = user_data;
  guint v = g_value_get_uint (value);

  g_assert_true (g_thread_self () == main_thread);
  g_array_append_val (items, v);
}

static void
test_iteration_items (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  g_autoptr(FuturesIterationFuture) future = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = test_scaled (10000), i;

  g_test_summary ("Every item arrives, in order, and the return value is the result");

  future = futures_executor_submit_iteration (executor, count_task, GUINT_TO_POINTER (n), NULL, NULL);
  g_signal_connect (future, "item", G_CALLBACK (on_item), items);
  wait_done (FUTURES_FUTURE (future));

  g_assert_cmpuint (items->len, ==, n);
  for (i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (items, guint, i), ==, i);
  g_assert_cmpuint (futures_iteration_future_get_n_items (future), ==, n);
  g_assert_cmpstr (g_value_get_string (futures_future_get_result (FUTURES_FUTURE (future), NULL)),
                   ==, "finished");
  shutdown_executor (executor);
}

typedef struct
{
  TestGate gate;
  int      yielded;       /* atomic */
  int      stopped_at;    /* atomic: the item whose yield returned FALSE */
} IterData;

static void
gated_iteration_task (FuturesTask *task,
                      gpointer     user_data)
{
  IterData *d = user_data;
  g_auto(GValue) v = G_VALUE_INIT;
  int i;

  g_value_init (&v, G_TYPE_INT);
  for (i = 0; ; i++)
    {
      if (i == 3)
        test_gate_wait (&d->gate);
      g_value_set_int (&v, i);
      if (!futures_task_yield_value (task, &v))
        {
          g_atomic_int_set (&d->stopped_at, i);
          return;
        }
      g_atomic_int_inc (&d->yielded);
    }
}

static void
on_int_item (FuturesIterationFuture *future,
             const GValue           *value,
             gpointer                user_data)
{
  (*(guint *) user_data)++;
}

static void
test_iteration_cancel (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(FuturesIterationFuture) future = NULL;
  IterData d = { 0 };
  guint received = 0;

  g_test_summary ("Cancelling an iteration stops the producer before its next item; "
                  "items already on their way are dropped");

  test_gate_init (&d.gate);
  d.stopped_at = -1;
  future = futures_executor_submit_iteration (executor, gated_iteration_task, &d, NULL, NULL);
  g_signal_connect (future, "item", G_CALLBACK (on_int_item), &received);

  /* Three items are produced and queued; deliver them. */
  test_gate_wait_arrivals (&d.gate, 1);
  test_iterate_pending (NULL);
  g_assert_cmpuint (received, ==, 3);

  futures_future_cancel (FUTURES_FUTURE (future));
  test_gate_open (&d.gate);
  wait_done (FUTURES_FUTURE (future));

  g_assert_cmpint (g_atomic_int_get (&d.stopped_at), ==, 3);
  g_assert_cmpint (g_atomic_int_get (&d.yielded), ==, 3);
  g_assert_cmpuint (received, ==, 3);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_CANCELLED);
  test_gate_clear (&d.gate);
  shutdown_executor (executor);
}

/* Items and messages of another kind, interleaved in runs: values of one
 * kind travel packed while the main context is behind, and a value of
 * another kind must not overtake them. */
static void
mixed_task (FuturesTask *task,
            gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&v, i);
      /* Runs of 1 to 5 of a kind. */
      if ((i / (1 + i % 5)) % 2 == 0)
        futures_task_yield_value (task, &v);
      else
        futures_task_send (task, "tick", &v);
    }
  futures_task_return_string (task, "finished");
}

static void
on_mixed_item (FuturesIterationFuture *future,
               const GValue           *value,
               gpointer                user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("item %u", g_value_get_uint (value)));
}

static void
on_mixed_message (FuturesFuture *future,
                  const char    *kind,
                  const GValue  *value,
                  gpointer       user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s %u", kind, g_value_get_uint (value)));
}

static void
test_iteration_mixed_order (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  guint n = test_scaled (20000), round, i;

  g_test_summary ("Items and messages of another kind sent in runs arrive in the order sent, "
                  "none lost, whether the main context keeps up or falls behind");

  for (round = 0; round < 2; round++)
    {
      g_autoptr(FuturesIterationFuture) future = NULL;
      g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);

      future = futures_executor_submit_iteration (executor, mixed_task, GUINT_TO_POINTER (n), NULL, NULL);
      g_signal_connect (future, "item", G_CALLBACK (on_mixed_item), got);
      g_signal_connect (future, "message::tick", G_CALLBACK (on_mixed_message), got);
      /* The second time the main context sleeps first: everything is
       * queued before it delivers. */
      if (round == 1)
        g_usleep (50000);
      wait_done (FUTURES_FUTURE (future));

      g_assert_cmpuint (got->len, ==, n);
      for (i = 0; i < n; i++)
        {
          g_autofree char *expected =
            g_strdup_printf ("%s %u", (i / (1 + i % 5)) % 2 == 0 ? "item" : "tick", i);

          g_assert_cmpstr (got->pdata[i], ==, expected);
        }
      g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                       FUTURES_FUTURE_STATE_COMPLETED);
    }
  shutdown_executor (executor);
}

typedef struct
{
  TestGate  gate;
  guint     n;
  int       finalized;           /* atomic */
  int       finalized_elsewhere; /* atomic: not in the main thread */
} ObjectItems;

static void
object_item_finalized (gpointer  user_data,
                       GObject  *where_the_object_was)
{
  ObjectItems *d = user_data;

  g_atomic_int_inc (&d->finalized);
  if (g_thread_self () != main_thread)
    g_atomic_int_inc (&d->finalized_elsewhere);
}

/* Yields n objects it does not keep, then waits at the gate. */
static void
object_items_task (FuturesTask *task,
                   gpointer     user_data)
{
  ObjectItems *d = user_data;
  guint i;

  for (i = 0; i < d->n; i++)
    {
      g_auto(GValue) v = G_VALUE_INIT;
      GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

      g_object_weak_ref (object, object_item_finalized, d);
      g_value_init (&v, G_TYPE_OBJECT);
      g_value_take_object (&v, object);
      futures_task_yield_value (task, &v);
    }
  test_gate_wait (&d->gate);
}

static void
cancel_at_item (FuturesIterationFuture *future,
                const GValue           *value,
                gpointer                user_data)
{
  guint *received = user_data;

  if (++*received == 100)
    futures_future_cancel (FUTURES_FUTURE (future));
}

static void
test_iteration_cancel_mid_batch (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(FuturesIterationFuture) future = NULL;
  ObjectItems d = { 0 };
  guint received = 0;

  g_test_summary ("Items queued together stop at the one whose handler cancels; the items "
                  "delivered and the items dropped are all released in the main context");

  test_gate_init (&d.gate);
  d.n = 1000;
  future = futures_executor_submit_iteration (executor, object_items_task, &d, NULL, NULL);
  g_signal_connect (future, "item", G_CALLBACK (cancel_at_item), &received);

  /* Every item is queued, held by nothing but its way to the main
   * context, before the main context delivers any. */
  test_gate_wait_arrivals (&d.gate, 1);
  test_iterate_pending (NULL);
  g_assert_cmpuint (received, ==, 100);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_CANCELLING);

  test_gate_open (&d.gate);
  wait_done (FUTURES_FUTURE (future));
  g_assert_cmpuint (received, ==, 100);
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_CANCELLED);
  g_assert_cmpint (g_atomic_int_get (&d.finalized), ==, d.n);
  g_assert_cmpint (g_atomic_int_get (&d.finalized_elsewhere), ==, 0);
  test_gate_clear (&d.gate);
  shutdown_executor (executor);
}

static void
progress_task (FuturesTask *task,
               gpointer     user_data)
{
  int i;

  for (i = 1; i <= 4; i++)
    {
      g_autofree char *text = g_strdup_printf ("step %d", i);

      if (!futures_task_report_progress (task, i / 4.0, text))
        return;
    }
  futures_task_return_boolean (task, TRUE);
}

typedef struct
{
  GArray *fractions;
  guint   fraction_notifies;
  guint   text_notifies;
  char   *last_text;
} ProgressLog;

static void
on_progress (FuturesProgressFuture *future,
             double                 fraction,
             const char            *text,
             gpointer               user_data)
{
  ProgressLog *log = user_data;

  g_assert_true (g_thread_self () == main_thread);
  /* The properties are updated before the signal. */
  g_assert_cmpfloat (futures_progress_future_get_fraction (future), ==, fraction);
  g_array_append_val (log->fractions, fraction);
  g_free (log->last_text);
  log->last_text = g_strdup (text);
}

static void
on_fraction (GObject *o, GParamSpec *p, gpointer user_data)
{
  ((ProgressLog *) user_data)->fraction_notifies++;
}

static void
on_text (GObject *o, GParamSpec *p, gpointer user_data)
{
  ((ProgressLog *) user_data)->text_notifies++;
}

static void
test_progress_reports (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (0);
  g_autoptr(FuturesProgressFuture) future = NULL;
  ProgressLog log = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, NULL };

  g_test_summary ("Progress reports arrive as signals and update fraction and text");

  future = futures_executor_submit_progress (executor, progress_task, NULL, NULL, NULL);
  g_signal_connect (future, "progress", G_CALLBACK (on_progress), &log);
  g_signal_connect (future, "notify::fraction", G_CALLBACK (on_fraction), &log);
  g_signal_connect (future, "notify::text", G_CALLBACK (on_text), &log);
  wait_done (FUTURES_FUTURE (future));

  /* Latest wins: at least the last report arrives, never more than were
   * made, and fractions only go forward. */
  g_assert_cmpuint (log.fractions->len, >=, 1);
  g_assert_cmpuint (log.fractions->len, <=, 4);
  g_assert_cmpfloat (g_array_index (log.fractions, double, log.fractions->len - 1), ==, 1.0);
  g_assert_cmpuint (log.fraction_notifies, ==, log.fractions->len);
  g_assert_cmpuint (log.text_notifies, ==, log.fractions->len);
  g_assert_cmpstr (log.last_text, ==, "step 4");
  g_assert_cmpstr (futures_progress_future_get_text (future), ==, "step 4");
  g_assert_cmpfloat (futures_progress_future_get_fraction (future), ==, 1.0);
  g_assert_true (g_value_get_boolean (futures_future_get_result (FUTURES_FUTURE (future), NULL)));

  g_array_unref (log.fractions);
  g_free (log.last_text);
  shutdown_executor (executor);
}

typedef struct
{
  guint n;
  int   finished;  /* atomic */
} ManyReports;

static void
many_reports_task (FuturesTask *task,
                   gpointer     user_data)
{
  ManyReports *d = user_data;
  guint i;

  for (i = 1; i <= d->n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", i);

      futures_task_report_progress (task, (double) i / d->n, text);
    }
  g_atomic_int_set (&d->finished, TRUE);
}

static void
test_progress_latest_wins (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(FuturesProgressFuture) future = NULL;
  ProgressLog log = { g_array_new (FALSE, FALSE, sizeof (double)), 0, 0, NULL };
  ManyReports d = { 10000, FALSE };

  g_test_summary ("Progress is latest-wins: 10,000 reports made while the main context was "
                  "busy arrive as one emission carrying the last values");

  future = futures_executor_submit_progress (executor, many_reports_task, &d, NULL, NULL);
  g_signal_connect (future, "progress", G_CALLBACK (on_progress), &log);

  /* Let the task make all its reports before the main context runs. */
  while (!g_atomic_int_get (&d.finished))
    g_usleep (1000);
  wait_done (FUTURES_FUTURE (future));

  g_assert_cmpuint (log.fractions->len, ==, 1);
  g_assert_cmpfloat (g_array_index (log.fractions, double, 0), ==, 1.0);
  g_assert_cmpstr (log.last_text, ==, "10000");

  g_array_unref (log.fractions);
  g_free (log.last_text);
  shutdown_executor (executor);
}

static void
gated_progress_task (FuturesTask *task,
                     gpointer     user_data)
{
  GateData *d = user_data;

  futures_task_report_progress (task, 0.1, NULL);
  test_gate_wait (&d->gate);
  if (!futures_task_report_progress (task, 0.5, "half"))
    {
      g_atomic_int_set (&d->saw_cancel, TRUE);
      return;
    }
  futures_task_return_boolean (task, TRUE);
}

static void
test_progress_cancel (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (1);
  g_autoptr(GateData) d = gate_data_new ();
  g_autoptr(FuturesProgressFuture) future = NULL;

  g_test_summary ("A progress report after cancellation stops the task; it ends CANCELLED");

  future = futures_executor_submit_progress (executor, gated_progress_task, d, NULL, NULL);
  wait_state (FUTURES_FUTURE (future), FUTURES_FUTURE_STATE_EXECUTING);
  futures_future_cancel (FUTURES_FUTURE (future));
  test_gate_open (&d->gate);
  wait_done (FUTURES_FUTURE (future));

  g_assert_true (g_atomic_int_get (&d->saw_cancel));
  g_assert_cmpint (futures_future_get_state (FUTURES_FUTURE (future)), ==,
                   FUTURES_FUTURE_STATE_CANCELLED);
  g_assert_cmpfloat (futures_progress_future_get_fraction (future), <, 0.5);
  shutdown_executor (executor);
}

/* Bad arguments -------------------------------------------------------- */

static void
test_future_bad_arguments (void)
{
  g_test_summary ("NULL or wrong-typed arguments are criticals, never crashes");

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_FUTURE*");
  g_assert_false (futures_future_cancel (NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_FUTURE*");
  g_assert_null (futures_future_get_result (NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_TASK*");
  g_assert_false (futures_task_is_cancelled (NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_TASK*");
  futures_task_return_value (NULL, NULL);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/futures/future/success", test_future_success);
  g_test_add_func ("/futures/future/notify-watchers", test_future_notify_watchers);
  g_test_add_func ("/futures/future/failure", test_future_failure);
  g_test_add_func ("/futures/future/no-return", test_future_no_return);
  g_test_add_func ("/futures/future/not-done-errors", test_future_not_done_errors);
  g_test_add_func ("/futures/future/cancel-before-start", test_future_cancel_before_start);
  g_test_add_func ("/futures/future/cancel-racing-start", test_future_cancel_racing_start);
  g_test_add_func ("/futures/future/cancel-while-running", test_future_cancel_while_running);
  g_test_add_func ("/futures/future/cancel-then-fail", test_future_cancel_then_fail);
  g_test_add_func ("/futures/future/cancel-after-done", test_future_cancel_after_done);
  g_test_add_func ("/futures/future/cancellable", test_future_cancellable);
  g_test_add_func ("/futures/future/messages", test_future_messages);
  g_test_add_func ("/futures/future/messages-after-cancel", test_future_messages_after_cancel);
  g_test_add_func ("/futures/future/send-reports-cancel", test_future_send_reports_cancel);
  g_test_add_func ("/futures/future/return-twice", test_future_return_twice);
  g_test_add_func ("/futures/future/main-thread-release", test_future_main_thread_release);
  g_test_add_func ("/futures/iteration/items", test_iteration_items);
  g_test_add_func ("/futures/iteration/cancel", test_iteration_cancel);
  g_test_add_func ("/futures/iteration/mixed-order", test_iteration_mixed_order);
  g_test_add_func ("/futures/iteration/cancel-mid-batch", test_iteration_cancel_mid_batch);
  g_test_add_func ("/futures/progress/reports", test_progress_reports);
  g_test_add_func ("/futures/progress/cancel", test_progress_cancel);
  g_test_add_func ("/futures/progress/latest-wins", test_progress_latest_wins);
  g_test_add_func ("/futures/future/bad-arguments", test_future_bad_arguments);

  return g_test_run ();
}
