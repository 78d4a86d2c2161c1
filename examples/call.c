/* call.c: run one function on a worker thread and print its result.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>
#include <futures-glib/futures-glib.h>

/* Runs on a worker: count the lines of a file, or fail with GIO's error. */
static void
count_lines (FuturesTask *task,
             gpointer     user_data)
{
  const char *path = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lines = 0;
  const char *p;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      futures_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (p = contents; *p != '\0'; p++)
    lines += *p == '\n';
  futures_task_return_int (task, lines);
}

/* Runs in the main loop when the future is done. */
static void
on_done (FuturesFuture *future,
         GParamSpec    *pspec,
         gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  const GValue *result = futures_future_get_result (future, NULL);

  if (result != NULL)
    g_print ("%s has %" G_GINT64_FORMAT " lines\n", (char *) user_data, g_value_get_int64 (result));
  else if ((error = futures_future_dup_error (future, NULL)) != NULL)
    g_print ("could not count: %s\n", error->message);
  g_main_loop_quit (g_object_get_data (G_OBJECT (future), "loop"));
}

int
main (int   argc,
      char *argv[])
{
  const char *path = argc > 1 ? argv[1] : "/etc/os-release";
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesCallFuture) future = NULL;
  g_autoptr(GError) error = NULL;

  future = futures_executor_submit_call (executor, count_lines, g_strdup (path), g_free, &error);
  if (future == NULL)
    g_error ("%s", error->message);
  g_object_set_data (G_OBJECT (future), "loop", loop);
  g_signal_connect (future, "notify::done", G_CALLBACK (on_done), (gpointer) path);

  g_main_loop_run (loop);
  futures_executor_shutdown (executor, -1, NULL);
  return 0;
}
