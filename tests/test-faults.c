/* test-faults.c: fault injection
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test is a fault a real program meets: a worker process that hangs
 * up on the main process, one that never answers, a main loop that does
 * not run for a while, an executor dropped while its futures run,
 * shutdown() racing with completions, and a process out of descriptors. None asserts on timing: waits are
 * for events, with generous limits that only turn a hang into a failure.
 *
 * Like test-process, this program is its own process worker.
 */

#include <sys/resource.h>
#include <sys/socket.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-process-utils.h"

/* Named tasks (they run in worker processes) ---------------------------- */

/* Announces its pid, closes the protocol descriptor (as code that closes
 * every descriptor above 2 would), then returns: the worker cannot
 * report, and exits. */
static void
close_fd_task (FuturesTask *task,
               gpointer     user_data)
{
  test_send_pid (task);
  close (3);
  futures_task_return_int (task, 1);
}

/* Announces its pid, yields 0 … n-1 for arguments (u), then hangs up on
 * the main process and waits there. */
static void
hang_up_task (FuturesTask *task,
              gpointer     user_data)
{
  g_auto(GValue) v = G_VALUE_INIT;
  guint n, i;

  test_send_pid (task);
  g_variant_get (futures_task_get_arguments (task), "(u)", &n);
  g_value_init (&v, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&v, i);
      futures_task_yield_value (task, &v);
    }
  shutdown (3, SHUT_RDWR);
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}

/* Helpers ---------------------------------------------------------------- */

static FuturesExecutor *
new_process_executor (int max_workers,
                      int grace_msec)
{
  g_autoptr(FuturesProcessContext) context = g_object_new (FUTURES_TYPE_PROCESS_CONTEXT,
                                                           "cancel-grace-period", grace_msec,
                                                           NULL);
  g_autoptr(GError) error = NULL;
  FuturesExecutor *executor;

  executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, max_workers, &error);
  g_assert_no_error (error);
  return executor;
}

typedef struct
{
  int      pid;
  gboolean seen;
} PidWait;

static void
on_pid_message (FuturesFuture *future,
                const char    *kind,
                const GValue  *value,
                gpointer       user_data)
{
  PidWait *wait = user_data;

  test_on_pid (future, kind, value, &wait->pid);
  wait->seen = TRUE;
}

/* Iterates until the task of @future announced its pid (test_send_pid()). */
static int
wait_pid_message (FuturesFuture *future)
{
  PidWait wait = { 0, FALSE };
  gulong handler = g_signal_connect (future, "message::pid", G_CALLBACK (on_pid_message), &wait);

  test_iterate_until (NULL, &wait.seen, 120);
  g_signal_handler_disconnect (future, handler);
  return wait.pid;
}

static gboolean
pool_has_worker (FuturesExecutor *executor,
                 int              pid)
{
  FuturesProcessPool *pool = FUTURES_PROCESS_POOL (futures_executor_get_worker_pool (executor));
  g_autofree int *pids = NULL;
  guint n, i;

  pids = futures_process_pool_get_worker_pids (pool, &n);
  for (i = 0; i < n; i++)
    if (pids[i] == pid)
      return TRUE;
  return FALSE;
}

/* The pool goes on: the next task runs, in another worker. */
static void
assert_pool_recovers (FuturesExecutor *executor,
                      int              dead_pid)
{
  g_autoptr(FuturesFuture) next = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  int pid;

  test_wait_done (next);
  g_assert_cmpint (futures_future_get_state (next), ==, FUTURES_FUTURE_STATE_COMPLETED);
  pid = (int) g_value_get_int64 (futures_future_get_result (next, NULL));
  g_assert_cmpint (pid, !=, dead_pid);
  g_assert_true (pool_has_worker (executor, pid));
}

/* Shuts @executor and its pool down and checks that no worker process
 * is left. */
static void
shutdown_and_check_no_worker (FuturesExecutor *executor)
{
  g_autoptr(FuturesWorkerPool) pool = g_object_ref (futures_executor_get_worker_pool (executor));
  g_autofree int *pids = NULL;
  guint n, i;

  pids = futures_process_pool_get_worker_pids (FUTURES_PROCESS_POOL (pool), &n);
  test_shutdown_executor (executor);
  /* A pool handed to the executor is not shut down with it. */
  futures_worker_pool_shutdown (pool, TRUE);
  for (i = 0; i < n; i++)
    test_wait_process_reaped (pids[i]);
}

/* A worker that hangs up --------------------------------------------------- */

static void
test_worker_closes_fd (void)
{
  g_autoptr(FuturesExecutor) executor = new_process_executor (1, -1);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) states = g_string_new (NULL);
  int pid;

  g_test_summary ("A worker that closes its protocol descriptor mid-task fails that task "
                  "with WORKER_CRASHED, is reaped, and the pool runs the next task");

#ifdef FUTURES_TEST_TSAN
  /* The task closes the descriptor the worker's reader thread is blocked
   * on: a race by design, which the worker would report. */
  g_test_skip ("the fault is a race by design");
  return;
#endif

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "close-fd", NULL);
  g_signal_connect (future, "notify::state", G_CALLBACK (test_record_state), states);
  pid = wait_pid_message (future);
  test_wait_done (future);

  g_assert_cmpstr (states->str, ==, "executing failed");
  error = futures_future_dup_error (future, NULL);
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_WORKER_CRASHED);
  g_test_message ("%s", error->message);
  test_wait_process_reaped (pid);
  g_assert_false (pool_has_worker (executor, pid));

  assert_pool_recovers (executor, pid);
  shutdown_and_check_no_worker (executor);
}

static void
assert_sequence (GArray *items,
                 guint   n)
{
  guint i;

  g_assert_cmpuint (items->len, ==, n);
  for (i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (items, guint, i), ==, i);
}

static void
test_worker_hangs_up_after_items (void)
{
  g_autoptr(FuturesExecutor) executor = new_process_executor (1, -1);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  guint n = test_scaled (500);
  int pid;

  g_test_summary ("A worker that hangs up after yielding items: every item it sent arrives, "
                  "in order, then the future FAILS with WORKER_CRASHED; the pool goes on");

  future = test_submit_named (executor, FUTURES_TYPE_ITERATION_FUTURE, "hang-up", g_variant_new ("(u)", n));
  g_signal_connect (future, "item", G_CALLBACK (test_append_uint_item), items);
  pid = wait_pid_message (future);
  test_wait_done (future);

  assert_sequence (items, n);
  g_assert_cmpint (futures_future_get_state (future), ==, FUTURES_FUTURE_STATE_FAILED);
  error = futures_future_dup_error (future, NULL);
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_WORKER_CRASHED);

  test_wait_process_reaped (pid);
  assert_pool_recovers (executor, pid);
  shutdown_and_check_no_worker (executor);
}

/* The first worker this launcher starts drops the protocol descriptor
 * at once and lives on; later ones are this program, as usual. */
static const char lingering_launcher[] =
  "if [ -e \"$1\" ]; then rm -f \"$1\"; exec 3>&-; exec sleep 3600; fi; exec \"$2\"";

static void
test_worker_drops_fd_and_lingers (void)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_dir_make_tmp ("futures-faults-XXXXXX", NULL);
  g_autofree char *marker = g_build_filename (dir, "first", NULL);
  const char *argv[] = { "/bin/sh", "-c", lingering_launcher, "sh", marker, self_path, NULL };
  g_autoptr(FuturesProcessPool) pool = futures_process_pool_new (1, argv);
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree int *pids = NULL;
  guint n_pids;
  int pid;

  g_test_summary ("A worker that drops its protocol descriptor before a word and lives on: "
                  "it is killed, its task FAILS with WORKER_CRASHED instead of waiting for "
                  "ever, and the pool goes on");

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (marker, "", 0, NULL));
  executor = futures_executor_new_full (NULL, FUTURES_WORKER_POOL (pool), 0, &error);
  g_assert_no_error (error);

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  g_signal_connect (future, "notify::state", G_CALLBACK (test_record_state), states);
  pids = futures_process_pool_get_worker_pids (pool, &n_pids);
  g_assert_cmpuint (n_pids, ==, 1);
  pid = pids[0];
  test_wait_done (future);

  g_assert_cmpstr (states->str, ==, "executing failed");
  error = futures_future_dup_error (future, NULL);
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_WORKER_CRASHED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "signal 9"));
  test_wait_process_reaped (pid);

  assert_pool_recovers (executor, pid);
  shutdown_and_check_no_worker (executor);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A worker that never answers ------------------------------------------- */

static void
test_worker_never_answers (gconstpointer data)
{
  gboolean frozen = GPOINTER_TO_INT (data);
  g_autoptr(FuturesExecutor) executor = new_process_executor (1, 100);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GString) states = g_string_new (NULL);
  int pid;

  g_test_summary (frozen ?
                  "A worker stopped with SIGSTOP cannot even read the cancel: after the "
                  "cancel-grace-period it is killed, the future ends CANCELLED, no process is "
                  "left and the pool goes on" :
                  "A task that ignores cancellation: after the cancel-grace-period its worker is "
                  "killed, the future ends CANCELLED, no process is left and the pool goes on");

  future = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "stubborn", NULL);
  g_signal_connect (future, "notify::state", G_CALLBACK (test_record_state), states);
  pid = wait_pid_message (future);

  if (frozen)
    {
      gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

      g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
      while (test_process_state (pid) != 'T')
        {
          g_assert_cmpint (g_get_monotonic_time (), <, end);
          g_usleep (1000);
        }
    }

  g_assert_true (futures_future_cancel (future));
  test_wait_done (future);

  g_assert_cmpstr (states->str, ==, "executing cancelling cancelled");
  test_wait_process_reaped (pid);
  g_assert_false (pool_has_worker (executor, pid));

  assert_pool_recovers (executor, pid);
  shutdown_and_check_no_worker (executor);
}

/* A main loop that does not run for a while ------------------------------ */

typedef struct
{
  GArray  *items;
  GArray  *marks;
  guint    dones;
} StreamLog;

static int streams_returned;   /* atomic */

/* Yields 0 … n-1, and a "mark" message with every hundredth. */
static void
stream_task (FuturesTask *task,
             gpointer     user_data)
{
  guint n = GPOINTER_TO_UINT (user_data), i;
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&v, i);
      futures_task_yield_value (task, &v);
      if (i % 100 == 0)
        futures_task_send (task, "mark", &v);
    }
  futures_task_return_int (task, n);
  g_atomic_int_inc (&streams_returned);
}

static void
on_mark (FuturesFuture *future,
         const char    *kind,
         const GValue  *value,
         gpointer       user_data)
{
  StreamLog *log = user_data;
  guint v = g_value_get_uint (value);

  g_assert_true (g_thread_self () == test_main_thread);
  g_array_append_val (log->marks, v);
}

static void
on_stream_done (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  StreamLog *log = user_data;

  g_assert_true (g_thread_self () == test_main_thread);
  log->dones++;
}

typedef struct
{
  GMainLoop *loop;
  guint      pending;
} LoopQuit;

static void
quit_when_all_done (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  LoopQuit *quit = user_data;

  if (--quit->pending == 0)
    g_main_loop_quit (quit->loop);
}

static gboolean
loop_timed_out (gpointer user_data)
{
  g_error ("the main loop did not deliver everything within two minutes");
  return G_SOURCE_REMOVE;
}

/* Runs a main loop until every one of @futures is done. */
static void
run_loop_until_done (FuturesFuture **futures,
                     guint           n)
{
  LoopQuit quit = { g_main_loop_new (NULL, FALSE), n };
  guint timeout = g_timeout_add_seconds (120, loop_timed_out, NULL);
  guint i;

  for (i = 0; i < n; i++)
    g_signal_connect (futures[i], "notify::done", G_CALLBACK (quit_when_all_done), &quit);
  g_main_loop_run (quit.loop);
  g_source_remove (timeout);
  for (i = 0; i < n; i++)
    g_signal_handlers_disconnect_by_func (futures[i], quit_when_all_done, &quit);
  g_main_loop_unref (quit.loop);
}

#define N_STREAMS 4

static void
test_loop_not_running_threads (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 2, NULL);
  FuturesFuture *futures[N_STREAMS];
  StreamLog logs[N_STREAMS];
  guint n = test_scaled (2000), i;
  gint64 end;

  g_test_summary ("Tasks on threads stream items and messages and return while the main "
                  "context is not iterated: nothing is emitted meanwhile; once the loop runs, "
                  "every message arrives, in order, none lost, done last");

  g_atomic_int_set (&streams_returned, 0);
  for (i = 0; i < N_STREAMS; i++)
    {
      logs[i].items = g_array_new (FALSE, FALSE, sizeof (guint));
      logs[i].marks = g_array_new (FALSE, FALSE, sizeof (guint));
      logs[i].dones = 0;
      futures[i] = FUTURES_FUTURE (futures_executor_submit_iteration (executor, stream_task,
                                                                      GUINT_TO_POINTER (n),
                                                                      NULL, NULL));
      g_signal_connect (futures[i], "item", G_CALLBACK (test_append_uint_item), logs[i].items);
      g_signal_connect (futures[i], "message::mark", G_CALLBACK (on_mark), &logs[i]);
      g_signal_connect (futures[i], "notify::done", G_CALLBACK (on_stream_done), &logs[i]);
    }

  /* The main thread is busy elsewhere: every task runs to its end... */
  end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (g_atomic_int_get (&streams_returned) < N_STREAMS)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (1000);
    }
  /* ...and a while more. */
  g_usleep (200 * 1000);

  for (i = 0; i < N_STREAMS; i++)
    {
      g_assert_cmpint (futures_future_get_state (futures[i]), ==, FUTURES_FUTURE_STATE_WAITING);
      g_assert_cmpuint (logs[i].items->len, ==, 0);
      g_assert_cmpuint (logs[i].marks->len, ==, 0);
    }

  run_loop_until_done (futures, N_STREAMS);

  for (i = 0; i < N_STREAMS; i++)
    {
      guint j;

      assert_sequence (logs[i].items, n);
      g_assert_cmpuint (logs[i].marks->len, ==, (n + 99) / 100);
      for (j = 0; j < logs[i].marks->len; j++)
        g_assert_cmpuint (g_array_index (logs[i].marks, guint, j), ==, j * 100);
      g_assert_cmpuint (logs[i].dones, ==, 1);
      g_assert_cmpint (futures_future_get_state (futures[i]), ==, FUTURES_FUTURE_STATE_COMPLETED);
      g_assert_cmpint (g_value_get_int64 (futures_future_get_result (futures[i], NULL)), ==, n);
      g_assert_cmpuint (futures_iteration_future_get_n_items (FUTURES_ITERATION_FUTURE (futures[i])), ==, n);
      g_array_unref (logs[i].items);
      g_array_unref (logs[i].marks);
      g_object_unref (futures[i]);
    }
  test_shutdown_executor (executor);
}

static void
test_loop_not_running_processes (void)
{
  g_autoptr(FuturesExecutor) executor = new_process_executor (2, -1);
  FuturesFuture *futures[2];
  GArray *items[2];
  guint n = test_scaled (2000), i;

  g_test_summary ("Workers stream items while the main context is not iterated: nothing is "
                  "emitted meanwhile; once the loop runs every item arrives, in order");

  for (i = 0; i < G_N_ELEMENTS (futures); i++)
    {
      items[i] = g_array_new (FALSE, FALSE, sizeof (guint));
      futures[i] = test_submit_named (executor, FUTURES_TYPE_ITERATION_FUTURE, "count",
                                      g_variant_new ("(u)", n));
      g_signal_connect (futures[i], "item", G_CALLBACK (test_append_uint_item), items[i]);
    }

  g_usleep (500 * 1000);
  for (i = 0; i < G_N_ELEMENTS (futures); i++)
    {
      g_assert_cmpint (futures_future_get_state (futures[i]), ==, FUTURES_FUTURE_STATE_WAITING);
      g_assert_cmpuint (items[i]->len, ==, 0);
    }

  run_loop_until_done (futures, G_N_ELEMENTS (futures));

  for (i = 0; i < G_N_ELEMENTS (futures); i++)
    {
      assert_sequence (items[i], n);
      g_assert_cmpstr (g_value_get_string (futures_future_get_result (futures[i], NULL)), ==, "counted");
      g_array_unref (items[i]);
      g_object_unref (futures[i]);
    }
  shutdown_and_check_no_worker (executor);
}

/* An executor disposed of with live futures ------------------------------ */

typedef struct
{
  int started;        /* atomic: work functions entered */
  int returned;       /* atomic: work functions left */
  int released;       /* atomic: user data released */
  int released_off_main;   /* atomic: ... on another thread than the main one */
} DisposeLog;

static void
until_cancelled_task (FuturesTask *task,
                      gpointer     user_data)
{
  DisposeLog *log = user_data;
  g_auto(GValue) v = G_VALUE_INIT;
  int i;

  g_atomic_int_inc (&log->started);
  g_value_init (&v, G_TYPE_INT);
  for (i = 0; i < 3; i++)
    {
      g_value_set_int (&v, i);
      futures_task_yield_value (task, &v);
    }
  while (!futures_task_is_cancelled (task))
    g_usleep (1000);
  g_atomic_int_inc (&log->returned);
}

static void
release_log (gpointer data)
{
  DisposeLog *log = data;

  if (g_thread_self () != test_main_thread)
    g_atomic_int_inc (&log->released_off_main);
  g_atomic_int_inc (&log->released);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
stop_waiting (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_dispose_with_live_futures (void)
{
  FuturesExecutor *executor = futures_executor_new_full (NULL, NULL, 2, NULL);
  FuturesFuture *running[2], *queued;
  DisposeLog log = { 0 };
  guint dones = 0, i;
  gboolean waited = FALSE;
  gint64 end;

  g_test_summary ("Dropping the last reference to a running executor cancels its futures, "
                  "which then never become done (as documented); no crash, no critical, no "
                  "leak, and the data handed in is released once");

  for (i = 0; i < G_N_ELEMENTS (running); i++)
    {
      running[i] = FUTURES_FUTURE (futures_executor_submit_iteration (executor, until_cancelled_task,
                                                                      &log, release_log, NULL));
      g_signal_connect (running[i], "notify::done", G_CALLBACK (count_notify), &dones);
    }
  queued = FUTURES_FUTURE (futures_executor_submit_call (executor, until_cancelled_task, &log,
                                                         release_log, NULL));
  g_signal_connect (queued, "notify::done", G_CALLBACK (count_notify), &dones);

  /* Both workers busy (three items each delivered), the third task queued. */
  for (i = 0; i < G_N_ELEMENTS (running); i++)
    while (futures_iteration_future_get_n_items (FUTURES_ITERATION_FUTURE (running[i])) < 3)
      g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (futures_future_get_state (queued), ==, FUTURES_FUTURE_STATE_WAITING);

  g_object_unref (executor);

  for (i = 0; i < G_N_ELEMENTS (running); i++)
    {
      g_assert_cmpint (futures_future_get_state (running[i]), ==, FUTURES_FUTURE_STATE_CANCELLING);
      g_assert_false (futures_future_get_may_cancel (running[i]));
    }
  g_assert_cmpint (futures_future_get_state (queued), ==, FUTURES_FUTURE_STATE_CANCELLING);

  /* The running tasks see the cancellation and return... */
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_atomic_int_get (&log.returned) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (1000);
    }
  /* ...and whatever the main context has left to run changes nothing. */
  g_timeout_add (200, stop_waiting, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (g_atomic_int_get (&log.started), ==, 2);
  g_assert_cmpuint (dones, ==, 0);
  for (i = 0; i < G_N_ELEMENTS (running); i++)
    {
      g_assert_cmpint (futures_future_get_state (running[i]), ==, FUTURES_FUTURE_STATE_CANCELLING);
      g_assert_false (futures_future_get_done (running[i]));
      g_object_unref (running[i]);
    }
  g_assert_cmpint (futures_future_get_state (queued), ==, FUTURES_FUTURE_STATE_CANCELLING);
  g_assert_false (futures_future_get_done (queued));
  g_object_unref (queued);

  g_assert_cmpint (g_atomic_int_get (&log.released), ==, 3);
  g_assert_cmpint (g_atomic_int_get (&log.released_off_main), ==, 0);
}

static void
test_dispose_releases_in_main_context (void)
{
  FuturesExecutor *executor = futures_executor_new_full (NULL, NULL, 2, NULL);
  DisposeLog log = { 0 };
  guint dones = 0, i;

  g_test_summary ("Futures nobody but the executor holds, dropped with a running executor: "
                  "the data handed in with their tasks is released once each, in the main "
                  "context, by the time the last reference is gone");

  for (i = 0; i < 3; i++)
    {
      g_autoptr(FuturesFuture) future = NULL;

      future = FUTURES_FUTURE (futures_executor_submit_iteration (executor, until_cancelled_task,
                                                                  &log, release_log, NULL));
      g_signal_connect (future, "notify::done", G_CALLBACK (count_notify), &dones);
    }
  while (g_atomic_int_get (&log.started) < 2)
    g_main_context_iteration (NULL, TRUE);

  g_object_unref (executor);

  g_assert_cmpint (g_atomic_int_get (&log.released), ==, 3);
  g_assert_cmpint (g_atomic_int_get (&log.released_off_main), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&log.returned), ==, 2);
  test_iterate_pending (NULL);
  g_assert_cmpuint (dones, ==, 0);
}

static void
test_dispose_with_live_futures_processes (void)
{
  FuturesExecutor *executor = new_process_executor (1, -1);
  g_autoptr(FuturesFuture) running = NULL;
  g_autoptr(FuturesFuture) queued = NULL;
  guint dones = 0;
  int pid;

  g_test_summary ("Dropping a running process executor cancels its futures (never done, as "
                  "documented); the worker sees the cancel, ends, and is reaped");

  running = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "cooperative", NULL);
  queued = test_submit_named (executor, FUTURES_TYPE_CALL_FUTURE, "pid", NULL);
  g_signal_connect (running, "notify::done", G_CALLBACK (count_notify), &dones);
  g_signal_connect (queued, "notify::done", G_CALLBACK (count_notify), &dones);
  pid = wait_pid_message (running);

  g_object_unref (executor);

  test_wait_process_reaped (pid);
  test_iterate_pending (NULL);
  g_assert_cmpuint (dones, ==, 0);
  g_assert_cmpint (futures_future_get_state (running), ==, FUTURES_FUTURE_STATE_CANCELLING);
  g_assert_cmpint (futures_future_get_state (queued), ==, FUTURES_FUTURE_STATE_CANCELLING);
}

/* shutdown() racing with completions ------------------------------------- */

typedef struct
{
  guint     dones;
  gboolean  bad;
} RaceEntry;

static void
tiny_call (FuturesTask *task,
           gpointer     user_data)
{
  futures_task_return_int (task, GPOINTER_TO_INT (user_data));
}

static void
tiny_iteration (FuturesTask *task,
                gpointer     user_data)
{
  g_auto(GValue) v = G_VALUE_INIT;
  guint i;

  g_value_init (&v, G_TYPE_UINT);
  for (i = 0; i < 3; i++)
    {
      g_value_set_uint (&v, i);
      if (!futures_task_yield_value (task, &v))
        return;
    }
}

static void
on_race_done (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  RaceEntry *entry = user_data;
  FuturesFutureState state = futures_future_get_state (FUTURES_FUTURE (object));

  if (g_thread_self () != test_main_thread || !futures_future_get_done (FUTURES_FUTURE (object)) ||
      (state != FUTURES_FUTURE_STATE_COMPLETED && state != FUTURES_FUTURE_STATE_CANCELLED))
    entry->bad = TRUE;
  entry->dones++;
}

static void
on_shutdown (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (futures_executor_shutdown_finish (FUTURES_EXECUTOR (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

#define RACE_MAX_FUTURES 16

static void
test_shutdown_races_completions (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint rounds = test_scaled (300), round;
  guint completed = 0, cancelled = 0;

  g_test_summary ("shutdown() (blocking, async, or stop()) while tiny tasks complete: every "
                  "future ends exactly once in a done state, the executor ends STOPPED");

  for (round = 0; round < rounds; round++)
    {
      g_autoptr(FuturesExecutor) executor = futures_executor_new_full (NULL, NULL, 2, NULL);
      FuturesFuture *futures[RACE_MAX_FUTURES];
      RaceEntry entries[RACE_MAX_FUTURES] = { { 0 } };
      guint n = g_rand_int_range (rand, 1, RACE_MAX_FUTURES + 1), i, spins;

      for (i = 0; i < n; i++)
        {
          if (i % 2 == 0)
            futures[i] = FUTURES_FUTURE (futures_executor_submit_call (executor, tiny_call,
                                                                       GUINT_TO_POINTER (i), NULL, NULL));
          else
            futures[i] = FUTURES_FUTURE (futures_executor_submit_iteration (executor, tiny_iteration,
                                                                            NULL, NULL, NULL));
          g_signal_connect (futures[i], "notify::done", G_CALLBACK (on_race_done), &entries[i]);
        }

      /* Let a random share of them run (their completions may be on the
       * way or delivered already), not all. */
      g_usleep (g_rand_int_range (rand, 0, 1000));
      spins = g_rand_int_range (rand, 0, 4);
      for (i = 0; i < spins; i++)
        g_main_context_iteration (NULL, FALSE);

      switch (round % 3)
        {
        case 0:
          {
            g_autoptr(GError) error = NULL;

            g_assert_true (futures_executor_shutdown (executor, 60000, &error));
            g_assert_no_error (error);
          }
          break;
        case 1:
          {
            gboolean finished = FALSE;

            futures_executor_shutdown_async (executor, NULL, on_shutdown, &finished);
            test_iterate_until (NULL, &finished, 120);
          }
          break;
        default:
          g_assert_true (futures_executor_stop (executor, NULL));
          while (!futures_executor_get_stopped (executor))
            g_main_context_iteration (NULL, TRUE);
          break;
        }

      g_assert_true (futures_executor_get_stopped (executor));
      g_assert_cmpuint (futures_executor_get_n_futures (executor), ==, 0);
      /* Nothing more comes after STOPPED. */
      test_iterate_pending (NULL);

      for (i = 0; i < n; i++)
        {
          FuturesFutureState state = futures_future_get_state (futures[i]);

          g_assert_cmpuint (entries[i].dones, ==, 1);
          g_assert_false (entries[i].bad);
          g_assert_true (futures_future_get_done (futures[i]));
          if (state == FUTURES_FUTURE_STATE_COMPLETED)
            {
              completed++;
              if (i % 2 == 0)
                g_assert_cmpint (g_value_get_int64 (futures_future_get_result (futures[i], NULL)), ==, i);
              else
                g_assert_cmpuint (futures_iteration_future_get_n_items (FUTURES_ITERATION_FUTURE (futures[i])), ==, 3);
            }
          else
            {
              g_assert_cmpint (state, ==, FUTURES_FUTURE_STATE_CANCELLED);
              cancelled++;
            }
          g_object_unref (futures[i]);
        }
    }

  g_test_message ("%u rounds: %u futures completed, %u cancelled", rounds, completed, cancelled);
}

static void
test_out_of_descriptors (void)
{
  g_autoptr(FuturesExecutor) refused = NULL;
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved, low;
  int lowest_free;

  g_test_summary ("With no descriptor to spare, making an executor fails with a clear error "
                  "instead of aborting; once descriptors are back, executors work again");

  /* GLib aborts when it cannot make a main context's own descriptors:
   * the default context exists before the limit, as in any program
   * with a main loop. */
  g_main_context_default ();

  /* dup() returns the lowest free descriptor: every one below is taken,
   * so with that as the limit none can be made. */
  lowest_free = dup (0);
  g_assert_cmpint (lowest_free, >=, 0);
  close (lowest_free);
  g_assert_no_errno (getrlimit (RLIMIT_NOFILE, &saved));
  low = saved;
  low.rlim_cur = (rlim_t) lowest_free;
  g_assert_no_errno (setrlimit (RLIMIT_NOFILE, &low));
  refused = futures_executor_new (&error);
  g_assert_no_errno (setrlimit (RLIMIT_NOFILE, &saved));

  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES);
  g_assert_nonnull (strstr (error->message, "wake the main context"));
  g_clear_error (&error);

  executor = futures_executor_new (&error);
  g_assert_no_error (error);
  future = FUTURES_FUTURE (futures_executor_submit_call (executor, tiny_call, GINT_TO_POINTER (7),
                                                         NULL, &error));
  g_assert_no_error (error);
  test_wait_done (future);
  g_assert_cmpint (g_value_get_int64 (futures_future_get_result (future, NULL)), ==, 7);
  test_shutdown_executor (executor);
}

int
main (int   argc,
      char *argv[])
{
  test_register_shared_tasks ();
  futures_register_task ("close-fd", close_fd_task, NULL, NULL);
  futures_register_task ("hang-up", hang_up_task, NULL, NULL);
  if (futures_process_worker_main ())
    return 0;

  g_test_init (&argc, &argv, NULL);
  test_main_thread = g_thread_self ();

  g_test_add_func ("/futures/faults/worker-closes-fd", test_worker_closes_fd);
  g_test_add_func ("/futures/faults/worker-hangs-up-after-items", test_worker_hangs_up_after_items);
  g_test_add_func ("/futures/faults/worker-drops-fd-and-lingers", test_worker_drops_fd_and_lingers);
  g_test_add_data_func ("/futures/faults/worker-never-answers/ignores-cancel",
                        GINT_TO_POINTER (FALSE), test_worker_never_answers);
  g_test_add_data_func ("/futures/faults/worker-never-answers/stopped",
                        GINT_TO_POINTER (TRUE), test_worker_never_answers);
  g_test_add_func ("/futures/faults/loop-not-running/threads", test_loop_not_running_threads);
  g_test_add_func ("/futures/faults/loop-not-running/processes", test_loop_not_running_processes);
  g_test_add_func ("/futures/faults/dispose-with-live-futures/threads", test_dispose_with_live_futures);
  g_test_add_func ("/futures/faults/dispose-with-live-futures/unheld",
                   test_dispose_releases_in_main_context);
  g_test_add_func ("/futures/faults/dispose-with-live-futures/processes",
                   test_dispose_with_live_futures_processes);
  g_test_add_func ("/futures/faults/shutdown-races-completions", test_shutdown_races_completions);
  g_test_add_func ("/futures/faults/out-of-descriptors", test_out_of_descriptors);

  return g_test_run ();
}
