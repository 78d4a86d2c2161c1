/* test-process.c: futures on worker processes
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This program is also its own worker: main() registers the named tasks
 * and calls futures_process_worker_main() first, so the process pool's
 * default command (the running program) works. The behaviour tests run
 * on both the thread and the process context, with the same assertions.
 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-process-utils.h"

/* Named tasks ---------------------------------------------------------- */

static void
sum_task (FuturesTask *task,
          gpointer     user_data)
{
  int a, b;

  g_variant_get (futures_task_get_arguments (task), "(ii)", &a, &b);
  futures_task_return_int (task, (gint64) a + b);
}

static void
fail_task (FuturesTask *task,
           gpointer     user_data)
{
  futures_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                 "not allowed: %s", futures_task_get_name (task));
}

static void
progress_task (FuturesTask *task,
               gpointer     user_data)
{
  int i;

  for (i = 1; i <= 4; i++)
    if (!futures_task_report_progress (task, i / 4.0, "quarter"))
      return;
  futures_task_return_boolean (task, TRUE);
}

#define MANY_REPORTS 1000

/* Reports MANY_REPORTS times, then tells the test so through a file
 * (its argument names it): the main context waits for that without
 * running, whatever the speed of the task. */
static void
many_progress_task (FuturesTask *task,
                    gpointer     user_data)
{
  const char *done_path = NULL;
  int i;

  g_variant_get (futures_task_get_arguments (task), "(&s)", &done_path);
  for (i = 1; i <= MANY_REPORTS; i++)
    {
      g_autofree char *text = g_strdup_printf ("step %d", i);

      if (!futures_task_report_progress (task, (double) i / MANY_REPORTS, text))
        return;
    }
  g_file_set_contents (done_path, "", 0, NULL);
  futures_task_return_boolean (task, TRUE);
}

/* A progress report that is no (dms), as a broken worker (or a task
 * that sends the kind itself) could make, then a real one. */
static void
bad_progress_task (FuturesTask *task,
                   gpointer     user_data)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, 3);
  futures_task_send (task, "progress", &v);
  futures_task_report_progress (task, 0.5, "quarter");
  futures_task_return_boolean (task, TRUE);
}

static void
ticks_task (FuturesTask *task,
            gpointer     user_data)
{
  g_auto(GValue) v = G_VALUE_INIT;
  int i;

  g_value_init (&v, G_TYPE_STRV);
  for (i = 0; i < 3; i++)
    {
      g_value_set_boxed (&v, (const char * const[]) { "tick", i == 2 ? "last" : "more", NULL });
      futures_task_send (task, "tick", &v);
    }
}

/* Writes plenty to its standard output and error, which must not touch
 * the protocol. Lines start with "#" so that they are TAP comments. */
static void
chatty_task (FuturesTask *task,
             gpointer     user_data)
{
  int i;

  for (i = 0; i < 200; i++)
    {
      g_print ("# worker stdout line %d: \x01\x02 not a frame\n", i);
      g_printerr ("worker stderr line %d\n", i);
    }
  fflush (stdout);
  futures_task_return_int (task, 4242);
}

static void
object_item_task (FuturesTask *task,
                  gpointer     user_data)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  futures_task_yield_value (task, &v);
  g_value_unset (&v);
  g_value_init (&v, G_TYPE_OBJECT);
  g_value_take_object (&v, g_object_new (G_TYPE_OBJECT, NULL));
  if (futures_task_yield_value (task, &v))
    g_error ("an object crossed the process boundary");
  /* With data: the task then fails of its own accord, which wins. */
  if (user_data != NULL)
    futures_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "own error");
  else
    futures_task_return_int (task, 1);
}

static void
object_task (FuturesTask *task,
             gpointer     user_data)
{
  g_autoptr(GObject) obj = g_object_new (G_TYPE_OBJECT, NULL);

  futures_task_return_object (task, obj);
}

/* These write straight to the protocol descriptor (3), as a broken or
 * hostile worker could. */
static void
garbage_task (FuturesTask *task,
              gpointer     user_data)
{
  const char *mode = g_variant_get_string (futures_task_get_arguments (task), NULL);
  guint8 frame[64] = { 0 };
  gsize len = 0;

  if (g_str_equal (mode, "garbage"))
    {
      static const char junk[] = "\x13\x37 this is no frame at all!";

      memcpy (frame, junk, sizeof junk);
      len = sizeof junk;
    }
  else if (g_str_equal (mode, "oversized"))
    {
      frame[0] = 1;
      frame[7] = 0x7f;   /* 2 GiB payload */
      len = 8;
    }
  else if (g_str_equal (mode, "truncated"))
    {
      frame[0] = 1;
      frame[4] = 100;    /* promises 100 bytes, sends 10 */
      len = 18;
    }
  else if (g_str_equal (mode, "malformed"))
    {
      /* A valid header around a payload that is no (ytsv) in normal form. */
      frame[0] = 1;
      frame[4] = 16;
      memset (frame + 8, 0xff, 16);
      len = 24;
    }

  if (write (3, frame, len) != (ssize_t) len)
    _exit (3);
  if (g_str_equal (mode, "truncated"))
    _exit (0);
  /* Wait for the main process to stop this worker. */
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}

static void
register_tasks (void)
{
  test_register_shared_tasks ();
  futures_register_task ("sum", sum_task, NULL, NULL);
  futures_register_task ("fail", fail_task, NULL, NULL);
  futures_register_task ("progress", progress_task, NULL, NULL);
  futures_register_task ("many-progress", many_progress_task, NULL, NULL);
  futures_register_task ("bad-progress", bad_progress_task, NULL, NULL);
  futures_register_task ("ticks", ticks_task, NULL, NULL);
  futures_register_task ("object", object_task, NULL, NULL);
  futures_register_task ("object-item", object_item_task, NULL, NULL);
  futures_register_task ("object-item-own-error", object_item_task, GINT_TO_POINTER (1), NULL);
  futures_register_task ("chatty", chatty_task, NULL, NULL);
  futures_register_task ("garbage", garbage_task, NULL, NULL);
}

/* Helpers ---------------------------------------------------------------- */

typedef enum { CONTEXT_THREADS, CONTEXT_PROCESSES } ContextKind;

static FuturesExecutor *
new_executor (ContextKind kind,
              int         max_workers)
{
  g_autoptr(FuturesParallelContext) context = NULL;
  g_autoptr(GError) error = NULL;
  FuturesExecutor *executor;

  if (kind == CONTEXT_PROCESSES)
    context = FUTURES_PARALLEL_CONTEXT (futures_process_context_new (NULL));
  else
    context = FUTURES_PARALLEL_CONTEXT (futures_thread_context_new ());
  executor = futures_executor_new_full (context, NULL, max_workers, &error);
  g_assert_no_error (error);
  return executor;
}

/* The same behaviour on threads and on processes ------------------------ */

static void
test_call (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 2);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GString) states = g_string_new (NULL);

  g_test_summary ("A named call completes with its result, the same on both contexts");

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "sum", g_variant_new ("(ii)", 40, 2));
  g_signal_connect (future, "notify::state", G_CALLBACK (test_record_state), states);
  test_wait_done (future);

  g_assert_cmpstr (states->str, ==, "executing completed");
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (future, NULL)), ==, 42);
  test_shutdown_executor (executor);
}

static void
test_failure (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 2);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A failing task keeps its error's domain, code and message across");

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "fail", NULL);
  test_wait_done (future);
  error = futures_future_dup_error (future, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "not allowed: fail");
  test_shutdown_executor (executor);
}

static void
test_iteration (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 2);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i, n = test_scaled (1000);

  g_test_summary ("A named iteration streams every item in order, then its result");

  future = test_submit_named (executor, FUTURES_TYPE_ITERATION_FUTURE, "count", g_variant_new ("(u)", n));
  g_signal_connect (future, "item", G_CALLBACK (test_append_uint_item), items);
  test_wait_done (future);

  g_assert_cmpuint (items->len, ==, n);
  for (i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (items, guint, i), ==, i);
  g_assert_cmpstr (g_value_get_string (futures_future_get_result (future, NULL)), ==, "counted");
  test_shutdown_executor (executor);
}

static void
count_progress (FuturesProgressFuture *future, double fraction, const char *text, gpointer user_data)
{
  (*(guint *) user_data)++;
  g_assert_cmpstr (text, ==, "quarter");
}

static void
test_progress (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 2);
  g_autoptr(FuturesFuture) future = NULL;
  guint reports = 0;

  g_test_summary ("A named progress task reports through the progress signal and fraction");

  future = test_submit_named (executor, FUTURES_TYPE_PROGRESS_FUTURE, "progress", NULL);
  g_signal_connect (future, "progress", G_CALLBACK (count_progress), &reports);
  test_wait_done (future);
  /* On threads latest-wins may merge reports; each arrived report counts. */
  g_assert_cmpuint (reports, >=, 1);
  g_assert_cmpuint (reports, <=, 4);
  g_assert_cmpfloat (futures_progress_future_get_fraction (FUTURES_PROGRESS_FUTURE (future)), ==, 1.0);
  g_assert_true (g_value_get_boolean (futures_future_get_result (future, NULL)));
  test_shutdown_executor (executor);
}

static void
count_any_progress (FuturesProgressFuture *future, double fraction, const char *text, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_progress_latest_wins (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 2);
  g_autoptr(FuturesFuture) future = NULL;
  g_autofree char *dir = g_dir_make_tmp ("futures-progress-XXXXXX", NULL);
  g_autofree char *done_path = g_build_filename (dir, "reported", NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint reports = 0;

  g_test_summary ("Reports made while the main context is busy are merged, latest wins, in "
                  "a worker process as on a thread; the last one is the one that shows");

  g_assert_nonnull (dir);
  future = test_submit_named (executor, FUTURES_TYPE_PROGRESS_FUTURE, "many-progress",
                              g_variant_new ("(s)", done_path));
  g_signal_connect (future, "progress", G_CALLBACK (count_any_progress), &reports);
  /* The main context is busy elsewhere until the task has reported. */
  while (!g_file_test (done_path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
  /* From a worker process the reports still cross the socket to the
   * thread reading it: give it a moment, still without running. */
  if (kind == CONTEXT_PROCESSES)
    g_usleep (G_USEC_PER_SEC / 4);
  test_wait_done (future);

  /* Every report made while the first was on its way replaced the last:
   * one emission on threads (two if the main context ran meanwhile after
   * all); from a process, those the reader had not yet taken when the
   * main context ran show too. Without latest-wins there would be
   * MANY_REPORTS. */
  g_assert_cmpuint (reports, >=, 1);
  if (kind == CONTEXT_THREADS)
    g_assert_cmpuint (reports, <=, 2);
  else
    g_assert_cmpuint (reports, <, MANY_REPORTS / 4);
  g_assert_cmpfloat (futures_progress_future_get_fraction (FUTURES_PROGRESS_FUTURE (future)), ==, 1.0);
  g_assert_cmpstr (futures_progress_future_get_text (FUTURES_PROGRESS_FUTURE (future)), ==,
                   "step " G_STRINGIFY (MANY_REPORTS));
  test_shutdown_executor (executor);
  g_assert_no_errno (g_remove (done_path));
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_bad_progress (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 2);
  g_autoptr(FuturesFuture) future = NULL;
  guint reports = 0;

  g_test_summary ("A progress report that is not a (dms) is dropped with a warning; the "
                  "reports around it and the result still arrive");

  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, "*dropping a progress report of type gint*");
  future = test_submit_named (executor, FUTURES_TYPE_PROGRESS_FUTURE, "bad-progress", NULL);
  g_signal_connect (future, "progress", G_CALLBACK (count_progress), &reports);
  test_wait_done (future);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (reports, ==, 1);
  g_assert_cmpfloat (futures_progress_future_get_fraction (FUTURES_PROGRESS_FUTURE (future)), ==, 0.5);
  g_assert_true (g_value_get_boolean (futures_future_get_result (future, NULL)));
  test_shutdown_executor (executor);
}

static void
on_tick (FuturesFuture *future, const char *kind, const GValue *value, gpointer user_data)
{
  GPtrArray *ticks = user_data;
  const char * const *strv = g_value_get_boxed (value);

  g_ptr_array_add (ticks, g_strdup (strv[1]));
}

static void
test_custom_messages (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 2);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GPtrArray) ticks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_test_summary ("Custom messages keep their kind and value (a string array) across");

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "ticks", NULL);
  g_signal_connect (future, "message::tick", G_CALLBACK (on_tick), ticks);
  test_wait_done (future);
  g_assert_cmpuint (ticks->len, ==, 3);
  g_assert_cmpstr (ticks->pdata[2], ==, "last");
  g_assert_null (futures_future_get_result (future, &error));
  g_assert_no_error (error);
  test_shutdown_executor (executor);
}

static void
test_cancel_cooperative (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 1);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(FuturesFuture) next = NULL;
  g_autoptr(GString) states = g_string_new (NULL);
  int pid = 0;

  g_test_summary ("A cancel reaches a running task, which stops: CANCELLED");

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "cooperative", NULL);
  g_signal_connect (future, "message::pid", G_CALLBACK (test_on_pid), &pid);
  g_signal_connect (future, "notify::state", G_CALLBACK (test_record_state), states);
  while (pid == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (futures_future_cancel (future));
  test_wait_done (future);
  g_assert_cmpstr (states->str, ==, "executing cancelling cancelled");

  next = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "sum", g_variant_new ("(ii)", 1, 1));
  test_wait_done (next);
  g_assert_cmpint (futures_future_get_state (next), ==, FUTURES_FUTURE_STATE_COMPLETED);
  test_shutdown_executor (executor);
}

static void
test_not_registered (gconstpointer data)
{
  ContextKind kind = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_executor (kind, 1);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A name nobody registered: NOT_REGISTERED (at submit on threads, as the "
                  "future's error in a worker)");

  future = futures_executor_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "nope", NULL, &error);
  if (kind == CONTEXT_THREADS)
    {
      g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_REGISTERED);
      g_assert_null (future);
    }
  else
    {
      g_autoptr(GError) task_error = NULL;

      g_assert_no_error (error);
      test_wait_done (future);
      task_error = futures_future_dup_error (future, NULL);
      g_assert_error (task_error, FUTURES_ERROR, FUTURES_ERROR_NOT_REGISTERED);
      g_assert_nonnull (strstr (task_error->message, "nope"));
    }
  test_shutdown_executor (executor);
}

/* Only on processes ------------------------------------------------------ */

static void
test_not_serializable (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (CONTEXT_PROCESSES, 1);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) task_error = NULL;

  g_test_summary ("A result or item that cannot cross fails the task with NOT_SERIALIZABLE "
                  "naming its type, unless the task fails with an error of its own; a C "
                  "function cannot be submitted to processes at all");

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "object", NULL);
  test_wait_done (future);
  task_error = futures_future_dup_error (future, NULL);
  g_assert_error (task_error, FUTURES_ERROR, FUTURES_ERROR_NOT_SERIALIZABLE);
  g_assert_nonnull (strstr (task_error->message, "GObject"));

  g_assert_null (futures_executor_submit_call (executor, sum_task, NULL, NULL, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_SUPPORTED);
  g_clear_error (&task_error);
  g_clear_object (&future);

  /* An item that cannot cross: not sent, and the task fails with it. */
  future = test_submit_named (executor, FUTURES_TYPE_ITERATION_FUTURE, "object-item", NULL);
  test_wait_done (future);
  task_error = futures_future_dup_error (future, NULL);
  g_assert_error (task_error, FUTURES_ERROR, FUTURES_ERROR_NOT_SERIALIZABLE);
  g_assert_cmpuint (futures_iteration_future_get_n_items (FUTURES_ITERATION_FUTURE (future)), ==, 1);
  g_clear_error (&task_error);
  g_clear_object (&future);

  /* ... unless the task fails with an error of its own. */
  future = test_submit_named (executor, FUTURES_TYPE_ITERATION_FUTURE, "object-item-own-error", NULL);
  test_wait_done (future);
  task_error = futures_future_dup_error (future, NULL);
  g_assert_error (task_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (task_error->message, ==, "own error");
  test_shutdown_executor (executor);
}

static void
test_worker_stdio_free (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (CONTEXT_PROCESSES, 1);
  g_autoptr(FuturesFuture) future = NULL;

  g_test_summary ("A worker may write to its stdout and stderr: the protocol has its own "
                  "descriptor, so the result arrives intact");

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "chatty", NULL);
  test_wait_done (future);
  g_assert_cmpint (futures_future_get_state (future), ==, FUTURES_FUTURE_STATE_COMPLETED);
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (future, NULL)), ==, 4242);
  test_shutdown_executor (executor);
}

static void
test_worker_killed (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (CONTEXT_PROCESSES, 1);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(FuturesFuture) next = NULL;
  g_autoptr(GError) task_error = NULL;
  int pid = 0;

  g_test_summary ("A worker killed with SIGKILL mid-task fails only that task, naming the "
                  "signal; the next task succeeds in a new worker");

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "stubborn", NULL);
  g_signal_connect (future, "message::pid", G_CALLBACK (test_on_pid), &pid);
  while (pid == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  test_wait_done (future);

  g_assert_cmpint (futures_future_get_state (future), ==, FUTURES_FUTURE_STATE_FAILED);
  task_error = futures_future_dup_error (future, NULL);
  g_assert_error (task_error, FUTURES_ERROR, FUTURES_ERROR_WORKER_CRASHED);
  g_assert_nonnull (strstr (task_error->message, "signal 9"));

  next = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  test_wait_done (next);
  g_assert_cmpint (futures_future_get_state (next), ==, FUTURES_FUTURE_STATE_COMPLETED);
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (next, NULL)), !=, pid);
  test_shutdown_executor (executor);
}

static void
test_bad_frames (gconstpointer data)
{
  const char *mode = data;
  g_autoptr(FuturesExecutor) executor = new_executor (CONTEXT_PROCESSES, 1);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(FuturesFuture) next = NULL;
  g_autoptr(GError) task_error = NULL;

  g_test_summary ("A worker writing a bad frame fails its task with PROTOCOL; the main "
                  "process stays up and the pool recovers");

  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, "*stopping worker process*");
  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "garbage", g_variant_new_string (mode));
  test_wait_done (future);
  g_test_assert_expected_messages ();

  task_error = futures_future_dup_error (future, NULL);
  g_assert_error (task_error, FUTURES_ERROR, FUTURES_ERROR_PROTOCOL);

  next = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "sum", g_variant_new ("(ii)", 2, 3));
  test_wait_done (next);
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (next, NULL)), ==, 5);
  test_shutdown_executor (executor);
}

static void
test_cancel_grace_kill (void)
{
  g_autoptr(FuturesProcessContext) context = g_object_new (FUTURES_TYPE_PROCESS_CONTEXT,
                                                           "cancel-grace-period", 100, NULL);
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(FuturesFuture) next = NULL;
  int pid = 0;

  g_test_summary ("A task that ignores cancellation has its worker killed after the grace "
                  "period; the future ends CANCELLED and the pool goes on");

  executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 1, NULL);
  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "stubborn", NULL);
  g_signal_connect (future, "message::pid", G_CALLBACK (test_on_pid), &pid);
  while (pid == 0)
    g_main_context_iteration (NULL, TRUE);
  futures_future_cancel (future);
  test_wait_done (future);
  g_assert_cmpint (futures_future_get_state (future), ==, FUTURES_FUTURE_STATE_CANCELLED);

  next = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  test_wait_done (next);
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (next, NULL)), !=, pid);
  test_shutdown_executor (executor);
}

/* The sockets open in this process: a worker's connection is one. Other
 * descriptors are no measure of what the pool holds: GLib's worker thread
 * closes the child watch of an exited worker (a pidfd, and an eventfd)
 * a moment after the reader that waited for the exit has returned. */
static guint
count_sockets (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:"))
        n++;
    }
  return n;
}

static void
test_cancel_grace_after_shutdown (void)
{
  guint sockets_before;
  int pid = 0;

  g_test_summary ("A cancelled task that stops by itself leaves no grace watch behind: "
                  "once shutdown returns, its worker's connection is closed, and the "
                  "pool can go at once (found by the soak test: the watch kept the "
                  "socket open and used the pool after it was freed)");

  /* GLib opens a few descriptors for good with the first child process. */
  {
    g_autoptr(FuturesExecutor) executor = new_executor (CONTEXT_PROCESSES, 1);
    g_autoptr(FuturesFuture) future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);

    test_wait_done (future);
    test_shutdown_executor (executor);
  }
  sockets_before = count_sockets ();

  {
    g_autoptr(FuturesProcessContext) context = g_object_new (FUTURES_TYPE_PROCESS_CONTEXT,
                                                             "cancel-grace-period", 2000, NULL);
    g_autoptr(FuturesExecutor) executor =
      futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 1, NULL);
    g_autoptr(FuturesFuture) future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "cooperative", NULL);

    g_signal_connect (future, "message::pid", G_CALLBACK (test_on_pid), &pid);
    while (pid == 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (futures_future_cancel (future));
    test_wait_done (future);
    g_assert_cmpint (futures_future_get_state (future), ==, FUTURES_FUTURE_STATE_CANCELLED);
    test_shutdown_executor (executor);
  }

  /* The worker's connection is closed, well before the 2 s grace period
   * ends. */
  g_assert_cmpuint (count_sockets (), <=, sockets_before);
}

static void
test_max_tasks_per_worker (void)
{
  g_autoptr(FuturesProcessContext) context = g_object_new (FUTURES_TYPE_PROCESS_CONTEXT,
                                                           "max-tasks-per-worker", 1, NULL);
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(FuturesFuture) first = NULL;
  g_autoptr(FuturesFuture) second = NULL;

  g_test_summary ("max-tasks-per-worker recycles workers: two tasks, two processes");

  executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 1, NULL);
  first = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  test_wait_done (first);
  second = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  test_wait_done (second);
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (first, NULL)), !=,
                   g_value_get_int64 (futures_future_get_result (second, NULL)));
  test_shutdown_executor (executor);
}

static void
test_no_worker_after_shutdown (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (CONTEXT_PROCESSES, 2);
  g_autoptr(FuturesFuture) a = NULL;
  g_autoptr(FuturesFuture) b = NULL;
  int pid_a, pid_b;

  g_test_summary ("After shutdown no worker process remains (checked by pid)");

  a = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  b = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  test_wait_done (a);
  test_wait_done (b);
  pid_a = g_value_get_int64 (futures_future_get_result (a, NULL));
  pid_b = g_value_get_int64 (futures_future_get_result (b, NULL));
  g_assert_false (test_process_gone (pid_a));

  test_shutdown_executor (executor);
  /* The owned pool was shut down and waited for: reaped, not zombies. */
  g_assert_cmpint (kill (pid_a, 0), ==, -1);
  g_assert_cmpint (kill (pid_b, 0), ==, -1);
}

static void
test_no_worker_after_parent_killed (void)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_path, "--parent-mode", NULL };
  g_autoptr(GSubprocess) parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  int worker_pid;

  g_test_summary ("When the main process is killed, its workers notice and exit");

  parent = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (parent));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  worker_pid = (int) g_ascii_strtoll (line, NULL, 10);
  g_assert_cmpint (worker_pid, >, 0);
  g_assert_false (test_process_gone (worker_pid));

  g_subprocess_send_signal (parent, SIGKILL);
  g_subprocess_wait (parent, NULL, NULL);
  test_wait_process_gone (worker_pid);
}

/* --parent-mode: start a worker busy with a task, print its pid, wait to be
 * killed. */
static int
parent_mode (void)
{
  g_autoptr(FuturesExecutor) executor = new_executor (CONTEXT_PROCESSES, 1);
  g_autoptr(FuturesFuture) future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "stubborn", NULL);
  int pid = 0;

  g_signal_connect (future, "message::pid", G_CALLBACK (test_on_pid), &pid);
  while (pid == 0)
    g_main_context_iteration (NULL, TRUE);
  g_print ("%d\n", pid);
  fflush (stdout);
  for (;;)
    g_usleep (G_USEC_PER_SEC);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  register_tasks ();
  if (futures_process_worker_main ())
    return 0;

  test_main_thread = g_thread_self ();
  if (argc > 1 && g_str_equal (argv[1], "--parent-mode"))
    return parent_mode ();

  /* Orphaned workers of the killed parent come to us to be reaped. */
  prctl (PR_SET_CHILD_SUBREAPER, 1);

  g_test_init (&argc, &argv, NULL);

#define BOTH(name, func) \
  g_test_add_data_func ("/futures/process/threads/" name, GINT_TO_POINTER (CONTEXT_THREADS), func); \
  g_test_add_data_func ("/futures/process/processes/" name, GINT_TO_POINTER (CONTEXT_PROCESSES), func)

  BOTH ("call", test_call);
  BOTH ("failure", test_failure);
  BOTH ("iteration", test_iteration);
  BOTH ("progress", test_progress);
  BOTH ("progress-latest-wins", test_progress_latest_wins);
  BOTH ("bad-progress", test_bad_progress);
  BOTH ("custom-messages", test_custom_messages);
  BOTH ("cancel-cooperative", test_cancel_cooperative);
  BOTH ("not-registered", test_not_registered);
#undef BOTH

  g_test_add_func ("/futures/process/not-serializable", test_not_serializable);
  g_test_add_func ("/futures/process/worker-stdio-free", test_worker_stdio_free);
  g_test_add_func ("/futures/process/worker-killed", test_worker_killed);
  g_test_add_data_func ("/futures/process/bad-frame/garbage", "garbage", test_bad_frames);
  g_test_add_data_func ("/futures/process/bad-frame/oversized", "oversized", test_bad_frames);
  g_test_add_data_func ("/futures/process/bad-frame/truncated", "truncated", test_bad_frames);
  g_test_add_data_func ("/futures/process/bad-frame/malformed", "malformed", test_bad_frames);
  g_test_add_func ("/futures/process/cancel-grace-kill", test_cancel_grace_kill);
  g_test_add_func ("/futures/process/cancel-grace-after-shutdown", test_cancel_grace_after_shutdown);
  g_test_add_func ("/futures/process/max-tasks-per-worker", test_max_tasks_per_worker);
  g_test_add_func ("/futures/process/no-worker-after-shutdown", test_no_worker_after_shutdown);
  g_test_add_func ("/futures/process/no-worker-after-parent-killed", test_no_worker_after_parent_killed);

  return g_test_run ();
}
