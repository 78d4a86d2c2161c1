/* test-process-utils.h: named tasks and helpers shared by the tests that
 * run worker processes
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A test program that includes this is its own worker: its main() calls
 * test_register_shared_tasks() (and registers its own tasks), then
 * futures_process_worker_main(), before anything else.
 */

#pragma once

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "test-utils.h"

G_BEGIN_DECLS

/* Named tasks ---------------------------------------------------------- */

/* Yields 0 … n-1 for arguments (u), then returns "counted". */
static inline void
test_count_task (FuturesTask *task,
                 gpointer     user_data)
{
  guint n, i;
  g_auto(GValue) v = G_VALUE_INIT;

  g_variant_get (futures_task_get_arguments (task), "(u)", &n);
  g_value_init (&v, G_TYPE_UINT);
  for (i = 0; i < n; i++)
    {
      g_value_set_uint (&v, i);
      if (!futures_task_yield_value (task, &v))
        return;
    }
  futures_task_return_string (task, "counted");
}

static inline void
test_pid_task (FuturesTask *task,
               gpointer     user_data)
{
  futures_task_return_int (task, getpid ());
}

/* Sends its pid as message "pid" (an int). */
static inline void
test_send_pid (FuturesTask *task)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, getpid ());
  futures_task_send (task, "pid", &v);
}

/* Announces its pid, then works until cancelled. */
static inline void
test_cooperative_task (FuturesTask *task,
                       gpointer     user_data)
{
  test_send_pid (task);
  while (!futures_task_is_cancelled (task))
    g_usleep (1000);
}

/* Announces its pid, then never stops on its own. */
static inline void
test_stubborn_task (FuturesTask *task,
                    gpointer     user_data)
{
  test_send_pid (task);
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}

static inline void
test_register_shared_tasks (void)
{
  futures_register_task ("count", test_count_task, NULL, NULL);
  futures_register_task ("pid", test_pid_task, NULL, NULL);
  futures_register_task ("cooperative", test_cooperative_task, NULL, NULL);
  futures_register_task ("stubborn", test_stubborn_task, NULL, NULL);
}

/* Main process ------------------------------------------------------------ */

static inline FuturesFuture *
test_submit_named (FuturesExecutor *executor,
                   GType            type,
                   const char      *name,
                   GVariant        *args)
{
  g_autoptr(GError) error = NULL;
  FuturesFuture *future = futures_executor_submit_named (executor, type, name, args, &error);

  g_assert_no_error (error);
  return future;
}

static inline void
test_shutdown_executor (FuturesExecutor *executor)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (futures_executor_shutdown (executor, 30000, &error));
  g_assert_no_error (error);
}

/* A "message::pid" handler: stores the pid in the int at @user_data. */
static inline void
test_on_pid (FuturesFuture *future,
             const char    *kind,
             const GValue  *value,
             gpointer       user_data)
{
  *(int *) user_data = g_value_get_int (value);
}

/* The state letter of process @pid in /proc (R, S, T for stopped, Z for
 * a zombie…), or 0 when there is no such process. */
static inline char
test_process_state (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return 0;
  state = strrchr (stat, ')');
  return state != NULL ? state[2] : 0;
}

/* Whether process @pid has exited. A zombie (Z) has exited; only its
 * parent has yet to reap it. */
static inline gboolean
test_process_gone (int pid)
{
  char state = test_process_state (pid);

  return state == 0 || state == 'Z' || state == 'X';
}

static inline void
test_wait_process_gone (int pid)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!test_process_gone (pid))
    {
      if (g_get_monotonic_time () > end)
        g_error ("process %d is still alive", pid);
      g_usleep (10000);
    }
}

/* Waits until no process @pid is left, not even a zombie: it exited and
 * its parent (the pool, for a worker) reaped it. */
static inline void
test_wait_process_reaped (int pid)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (kill (pid, 0) == 0 || errno != ESRCH)
    {
      if (g_get_monotonic_time () > end)
        g_error ("process %d was not reaped", pid);
      g_usleep (10000);
    }
}

G_END_DECLS
