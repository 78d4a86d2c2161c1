/* process.c: CPU-heavy work in worker processes.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The program is its own worker: main() registers the named task, then
 * calls futures_process_worker_main(), which returns TRUE in the worker
 * processes the pool starts (they then exit) and FALSE in the program
 * proper. A crash in a worker would fail only its own task.
 */

#include <unistd.h>

#include <futures-glib/futures-glib.h>

/* Runs in a worker process: count the primes below a limit, slowly. */
static void
count_primes (FuturesTask *task,
              gpointer     user_data)
{
  guint32 limit, n, d, count = 0;

  g_variant_get (futures_task_get_arguments (task), "(u)", &limit);
  for (n = 2; n < limit; n++)
    {
      for (d = 2; d * d <= n && n % d != 0; d++)
        ;
      count += d * d > n;
      if (n % 100000 == 0 && futures_task_is_cancelled (task))
        return;
    }
  futures_task_return_int (task, count);
}

static void
on_done (FuturesFuture *future,
         GParamSpec    *pspec,
         gpointer       user_data)
{
  guint *remaining = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *result = futures_future_get_result (future, &error);

  if (result != NULL)
    g_print ("primes below %u: %" G_GINT64_FORMAT "\n",
             GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (future), "limit")),
             g_value_get_int64 (result));
  else
    g_print ("failed: %s\n", error->message);
  (*remaining)--;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FuturesProcessContext) context = NULL;
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint remaining = 4, i;
  gint64 start;

  futures_register_task ("count-primes", count_primes, NULL, NULL);
  if (futures_process_worker_main ())
    return 0;

  context = futures_process_context_new (NULL);
  executor = futures_executor_new_full (FUTURES_PARALLEL_CONTEXT (context), NULL, 0, &error);
  if (executor == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  for (i = 0; i < 4; i++)
    {
      guint limit = 1500000 + i * 100000;
      FuturesFuture *future = futures_executor_submit_named (executor, FUTURES_TYPE_CALL_FUTURE,
                                                             "count-primes",
                                                             g_variant_new ("(u)", limit), &error);
      if (future == NULL)
        g_error ("%s", error->message);
      g_object_set_data (G_OBJECT (future), "limit", GUINT_TO_POINTER (limit));
      g_signal_connect (future, "notify::done", G_CALLBACK (on_done), &remaining);
      g_ptr_array_add (futures, future);
    }

  while (remaining > 0)
    g_main_context_iteration (NULL, TRUE);

  g_print ("4 tasks on %d worker processes took %.2f s\n",
           futures_worker_pool_get_max_workers (futures_executor_get_worker_pool (executor)),
           (g_get_monotonic_time () - start) / 1e6);
  futures_executor_shutdown (executor, -1, NULL);
  return 0;
}
