/* fizzbuzz.c: a task type of your own.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A task type is a FuturesFuture subclass plus a work function. The work
 * function sends custom messages with futures_task_send(); the future's
 * dispatch() turns them into signals of its own, emitted in the main
 * context. Here: FizzBuzzFuture has "fizz", "buzz" and "fizzbuzz" signals.
 */

#include <futures-glib/futures-glib.h>

/* The future ------------------------------------------------------------- */

#define FIZZ_BUZZ_TYPE_FUTURE (fizz_buzz_future_get_type ())
G_DECLARE_FINAL_TYPE (FizzBuzzFuture, fizz_buzz_future, FIZZ_BUZZ, FUTURE, FuturesFuture)

struct _FizzBuzzFuture
{
  FuturesFuture parent_instance;
};

enum {
  FIZZ,
  BUZZ,
  FIZZ_BUZZ,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static const char *kinds[N_SIGNALS] = { "fizz", "buzz", "fizzbuzz" };

G_DEFINE_FINAL_TYPE (FizzBuzzFuture, fizz_buzz_future, FUTURES_TYPE_FUTURE)

/* Called in the main context for each message while the task executes. */
static void
fizz_buzz_future_dispatch (FuturesFuture *future,
                           const char    *kind,
                           const GValue  *value)
{
  guint i;

  for (i = 0; i < N_SIGNALS; i++)
    if (g_str_equal (kind, kinds[i]))
      {
        g_signal_emit (future, signals[i], 0, g_value_get_int (value));
        return;
      }

  /* Anything else: the default, the message::KIND signal. */
  FUTURES_FUTURE_CLASS (fizz_buzz_future_parent_class)->dispatch (future, kind, value);
}

static void
fizz_buzz_future_class_init (FizzBuzzFutureClass *klass)
{
  guint i;

  FUTURES_FUTURE_CLASS (klass)->dispatch = fizz_buzz_future_dispatch;

  for (i = 0; i < N_SIGNALS; i++)
    signals[i] = g_signal_new (kinds[i], G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
fizz_buzz_future_init (FizzBuzzFuture *self)
{
}

/* The work, on a worker thread ------------------------------------------- */

static void
fizz_buzz (FuturesTask *task,
           gpointer     user_data)
{
  int n = GPOINTER_TO_INT (user_data), i;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  for (i = 1; i <= n; i++)
    {
      const char *kind = i % 15 == 0 ? "fizzbuzz" : i % 3 == 0 ? "fizz" : i % 5 == 0 ? "buzz" : NULL;

      if (kind == NULL)
        continue;
      g_value_set_int (&value, i);
      if (!futures_task_send (task, kind, &value))
        return;  /* cancelled */
    }
  futures_task_return_int (task, n);
}

/* Using it --------------------------------------------------------------- */

static void
on_word (FizzBuzzFuture *future,
         int             n,
         gpointer        user_data)
{
  g_print ("%d: %s\n", n, (const char *) user_data);
}

int
main (void)
{
  g_autoptr(FuturesExecutor) executor = futures_executor_new (NULL);
  g_autoptr(FuturesFuture) future = NULL;
  g_autoptr(GError) error = NULL;

  future = futures_executor_submit (executor, FIZZ_BUZZ_TYPE_FUTURE, fizz_buzz,
                                    GINT_TO_POINTER (30), NULL, &error);
  if (future == NULL)
    g_error ("%s", error->message);

  g_signal_connect (future, "fizz", G_CALLBACK (on_word), (gpointer) "Fizz");
  g_signal_connect (future, "buzz", G_CALLBACK (on_word), (gpointer) "Buzz");
  g_signal_connect (future, "fizzbuzz", G_CALLBACK (on_word), (gpointer) "FizzBuzz");

  while (!futures_future_get_done (future))
    g_main_context_iteration (NULL, TRUE);

  g_print ("counted to %" G_GINT64_FORMAT "\n",
           g_value_get_int64 (futures_future_get_result (future, NULL)));
  futures_executor_shutdown (executor, -1, NULL);
  return 0;
}
