/* test-utils.h: helpers shared by the C tests
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <futures-glib/futures-glib.h>

G_BEGIN_DECLS

static inline gboolean
test_set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates @context until *@flag is TRUE, failing the test after
 * @timeout_sec so that a lost message shows up as a failure, not a hang. */
static inline void
test_iterate_until (GMainContext   *context,
                    const gboolean *flag,
                    int             timeout_sec)
{
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new_seconds (timeout_sec);

  g_source_set_callback (timeout, test_set_flag, &timed_out, NULL);
  g_source_attach (timeout, context);

  while (!*flag && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_source_unref (timeout);

  if (!*flag)
    g_error ("timed out after %d s waiting in the main context", timeout_sec);
}

/* Runs every pending source of @context until nothing is ready. */
static inline void
test_iterate_pending (GMainContext *context)
{
  while (g_main_context_iteration (context, FALSE))
    ;
}

static inline void
test_notify_set_flag (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Iterates the thread-default main context until @future is done, failing
 * the test after two minutes so that a lost message fails, not hangs. */
static inline void
test_wait_done (FuturesFuture *future)
{
  gboolean done = FALSE;
  gulong handler = g_signal_connect (future, "notify::done", G_CALLBACK (test_notify_set_flag), &done);

  if (!futures_future_get_done (future))
    test_iterate_until (g_main_context_get_thread_default (), &done, 120);
  g_signal_handler_disconnect (future, handler);
}

/* The thread that runs the futures' main context, where every emission of
 * a future must come: a test that uses the handlers below sets it first. */
static GThread *test_main_thread;

/* A "notify::state" handler: appends the new state's nick to the GString
 * at @user_data ("executing cancelling cancelled"). */
static inline void
test_record_state (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  GString *states = user_data;
  GEnumClass *klass = g_type_class_ref (FUTURES_TYPE_FUTURE_STATE);

  g_assert_true (g_thread_self () == test_main_thread);
  g_string_append_printf (states, "%s%s", states->len ? " " : "",
                          g_enum_get_value (klass, futures_future_get_state (FUTURES_FUTURE (object)))->value_nick);
  g_type_class_unref (klass);
}

/* An "item" handler for items that are guints: appends each to the GArray
 * at @user_data. Every item comes before the future is done. */
static inline void
test_append_uint_item (FuturesIterationFuture *future,
                       const GValue           *value,
                       gpointer                user_data)
{
  GArray *items = user_data;
  guint v = g_value_get_uint (value);

  g_assert_true (g_thread_self () == test_main_thread);
  g_assert_false (futures_future_get_done (FUTURES_FUTURE (future)));
  g_array_append_val (items, v);
}

/* Scale for heavy tests: FUTURES_TEST_SCALE=10 divides the work by ten
 * (the valgrind setup uses it; the contract being tested is unchanged). */
static inline guint
test_scaled (guint n)
{
  const char *scale = g_getenv ("FUTURES_TEST_SCALE");
  guint64 divisor = scale != NULL ? g_ascii_strtoull (scale, NULL, 10) : 1;

  if (divisor <= 1)
    return n;
  return MAX (1, n / divisor);
}

G_END_DECLS

G_BEGIN_DECLS

/* A gate a worker waits at until the test opens it. */
typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean open;
  int      arrived;   /* atomic: how many workers reached the gate */
} TestGate;

static inline void
test_gate_init (TestGate *gate)
{
  g_mutex_init (&gate->mutex);
  g_cond_init (&gate->cond);
  gate->open = FALSE;
  gate->arrived = 0;
}

static inline void
test_gate_clear (TestGate *gate)
{
  g_mutex_clear (&gate->mutex);
  g_cond_clear (&gate->cond);
}

static inline void
test_gate_wait (TestGate *gate)
{
  g_atomic_int_inc (&gate->arrived);
  g_mutex_lock (&gate->mutex);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);
}

static inline void
test_gate_open (TestGate *gate)
{
  g_mutex_lock (&gate->mutex);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->mutex);
}

/* Spins (without iterating any main context) until @n workers reached the
 * gate. */
static inline void
test_gate_wait_arrivals (TestGate *gate,
                         int       n)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_atomic_int_get (&gate->arrived) < n)
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %d worker(s) at the gate", n);
      g_usleep (1000);
    }
}

G_END_DECLS
