/* progress.c: report progress from a worker, and cancel it from the main
 * loop after a while.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <futures-glib/futures-glib.h>

static void
slow_work (FuturesTask *task,
           gpointer     user_data)
{
  int i;

  for (i = 1; i <= 100; i++)
    {
      g_usleep (10 * 1000);
      /* FALSE once the future was cancelled: stop at once. */
      if (!futures_task_report_progress (task, i / 100.0, i % 10 == 0 ? "another ten" : NULL))
        return;
    }
  futures_task_return_boolean (task, TRUE);
}

static void
on_fraction (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  double fraction = futures_progress_future_get_fraction (FUTURES_PROGRESS_FUTURE (object));

  if ((int) (fraction * 100) % 10 == 0)
    g_print ("%3.0f%%\n", fraction * 100);
}

static gboolean
cancel_it (gpointer user_data)
{
  g_print ("cancel() returned %s\n", futures_future_cancel (user_data) ? "TRUE" : "FALSE");
  return G_SOURCE_REMOVE;
}

int
main (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesProgressFuture) future = NULL;
  GEnumClass *states;

  future = futures_executor_submit_progress (executor, slow_work, NULL, NULL, NULL);
  g_signal_connect (future, "notify::fraction", G_CALLBACK (on_fraction), NULL);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 450, cancel_it, g_object_ref (future), g_object_unref);

  while (!futures_future_get_done (FUTURES_FUTURE (future)))
    g_main_context_iteration (NULL, TRUE);

  states = g_type_class_ref (FUTURES_TYPE_FUTURE_STATE);
  g_print ("ended %s at %.0f%%\n",
           g_enum_get_value (states, futures_future_get_state (FUTURES_FUTURE (future)))->value_nick,
           futures_progress_future_get_fraction (future) * 100);
  g_type_class_unref (states);
  futures_executor_shutdown (executor, -1, NULL);
  return 0;
}
