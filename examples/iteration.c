/* iteration.c: stream items from a worker thread into the main loop.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <futures-glib/futures-glib.h>

/* Runs on a worker: yield the Fibonacci numbers below a limit. */
static void
fibonacci (FuturesTask *task,
           gpointer     user_data)
{
  guint64 limit = GPOINTER_TO_UINT (user_data), a = 0, b = 1;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT64);
  while (a < limit)
    {
      guint64 next = a + b;

      g_value_set_uint64 (&value, a);
      /* FALSE once the future was cancelled: stop producing. */
      if (!futures_task_yield_value (task, &value))
        return;
      a = b;
      b = next;
    }
  futures_task_return_string (task, "no more below the limit");
}

static void
on_item (FuturesIterationFuture *future,
         const GValue           *value,
         gpointer                user_data)
{
  g_print ("item %" G_GUINT64_FORMAT "\n", g_value_get_uint64 (value));
}

int
main (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesIterationFuture) future = NULL;

  future = futures_executor_submit_iteration (executor, fibonacci, GUINT_TO_POINTER (1000),
                                              NULL, NULL);
  g_signal_connect (future, "item", G_CALLBACK (on_item), NULL);

  /* Instead of a GMainLoop: run the main context until the future is done. */
  while (!futures_future_get_done (FUTURES_FUTURE (future)))
    g_main_context_iteration (NULL, TRUE);

  g_print ("%" G_GUINT64_FORMAT " items, then: %s\n",
           futures_iteration_future_get_n_items (future),
           g_value_get_string (futures_future_get_result (FUTURES_FUTURE (future), NULL)));
  futures_executor_shutdown (executor, -1, NULL);
  return 0;
}
