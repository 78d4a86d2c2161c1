/* demo.c: the futures-glib demo: a call, an iteration and a progress task
 * run on worker threads while the main loop watches them.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every line printed under "main:" comes from a signal handler running in
 * the main loop, on the main thread; the work itself runs on a thread pool.
 * The progress task is cancelled half way to show cancellation.
 */

#include <gio/gio.h>
#include <futures-glib/futures-glib.h>

static GThread *main_thread;
static GMainLoop *loop;
static guint remaining = 3;

static const char *
where (void)
{
  return g_thread_self () == main_thread ? "main" : "WORKER?!";
}

/* The work, on worker threads --------------------------------------------- */

static void
sum_of_squares (FuturesTask *task,
                gpointer     user_data)
{
  gint64 n = GPOINTER_TO_INT (user_data), sum = 0, i;

  for (i = 1; i <= n; i++)
    sum += i * i;
  g_usleep (200 * 1000);
  futures_task_return_int (task, sum);
}

static void
primes (FuturesTask *task,
        gpointer     user_data)
{
  guint limit = GPOINTER_TO_UINT (user_data), n, d, count = 0;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  for (n = 2; n <= limit; n++)
    {
      for (d = 2; d * d <= n && n % d != 0; d++)
        ;
      if (d * d <= n)
        continue;
      g_value_set_uint (&value, n);
      if (!futures_task_yield_value (task, &value))
        return;
      count++;
      g_usleep (20 * 1000);
    }
  futures_task_return_int (task, count);
}

static void
long_job (FuturesTask *task,
          gpointer     user_data)
{
  int step;

  for (step = 1; step <= 20; step++)
    {
      g_autofree char *text = g_strdup_printf ("step %d of 20", step);

      g_usleep (50 * 1000);
      if (!futures_task_report_progress (task, step / 20.0, text))
        return;  /* cancelled: stop here */
    }
  futures_task_return_string (task, "finished all 20 steps");
}

/* The watching, in the main loop ------------------------------------------ */

static void
on_done (FuturesFuture *future,
         GParamSpec    *pspec,
         gpointer       user_data)
{
  const char *name = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) task_error = NULL;
  const GValue *result = futures_future_get_result (future, &error);
  GEnumClass *states = g_type_class_ref (FUTURES_TYPE_FUTURE_STATE);
  const char *state = g_enum_get_value (states, futures_future_get_state (future))->value_nick;

  if (result != NULL)
    {
      g_autofree char *text = g_strdup_value_contents (result);
      g_print ("%s: %s %s, result %s\n", where (), name, state, text);
    }
  else if ((task_error = futures_future_dup_error (future, NULL)) != NULL)
    g_print ("%s: %s %s: %s\n", where (), name, state, task_error->message);
  else
    g_print ("%s: %s %s (%s)\n", where (), name, state, error != NULL ? error->message : "no value");

  g_type_class_unref (states);
  if (--remaining == 0)
    g_main_loop_quit (loop);
}

static void
on_prime (FuturesIterationFuture *future,
          const GValue           *value,
          gpointer                user_data)
{
  g_print ("%s: primes: item %u\n", where (), g_value_get_uint (value));
}

static void
on_progress (FuturesProgressFuture *future,
             double                 fraction,
             const char            *text,
             gpointer               user_data)
{
  g_print ("%s: progress: %3.0f%% (%s)\n", where (), fraction * 100, text);
  if (fraction >= 0.5 && futures_future_cancel (FUTURES_FUTURE (future)))
    g_print ("%s: progress: half way is enough: cancel() -> cancelling\n", where ());
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FuturesExecutor) executor = NULL;
  g_autoptr(FuturesCallFuture) call = NULL;
  g_autoptr(FuturesIterationFuture) iteration = NULL;
  g_autoptr(FuturesProgressFuture) progress = NULL;

  main_thread = g_thread_self ();
  loop = g_main_loop_new (NULL, FALSE);

  g_print ("futures-glib %s demo: three tasks on worker threads, watched from the main loop\n",
           FUTURES_VERSION_S);

  /* One worker per task, so that the three run side by side. */
  executor = futures_executor_new_full (NULL, NULL, 3, &error);
  if (executor == NULL)
    g_error ("%s", error->message);

  call = futures_executor_submit_call (executor, sum_of_squares, GINT_TO_POINTER (100), NULL, &error);
  iteration = futures_executor_submit_iteration (executor, primes, GUINT_TO_POINTER (30), NULL, &error);
  progress = futures_executor_submit_progress (executor, long_job, NULL, NULL, &error);
  if (call == NULL || iteration == NULL || progress == NULL)
    g_error ("%s", error->message);

  g_signal_connect (call, "notify::done", G_CALLBACK (on_done), (gpointer) "sum of squares");
  g_signal_connect (iteration, "item", G_CALLBACK (on_prime), NULL);
  g_signal_connect (iteration, "notify::done", G_CALLBACK (on_done), (gpointer) "primes");
  g_signal_connect (progress, "progress", G_CALLBACK (on_progress), NULL);
  g_signal_connect (progress, "notify::done", G_CALLBACK (on_done), (gpointer) "progress");

  g_main_loop_run (loop);

  if (!futures_executor_shutdown (executor, 10000, &error))
    g_error ("%s", error->message);
  g_print ("%s: executor stopped; every future is done\n", where ());

  g_main_loop_unref (loop);
  return 0;
}
