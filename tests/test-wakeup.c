/* test-wakeup.c: the private wakeup source (white-box)
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "futures-wakeup-private.h"

typedef struct
{
  guint    drains;
  guint    more_times;   /* how many drains report leftover work */
  GThread *thread;
  guint    wrong_thread;
} DrainLog;

static gboolean
log_drain (gpointer user_data,
           gint64   deadline)
{
  DrainLog *log = user_data;

  log->drains++;
  if (g_thread_self () != log->thread)
    log->wrong_thread++;
  g_assert_cmpint (deadline, >, g_get_monotonic_time () - G_USEC_PER_SEC);

  if (log->more_times > 0)
    {
      log->more_times--;
      return TRUE;
    }
  return FALSE;
}

static void
iterate_pending (GMainContext *context)
{
  while (g_main_context_iteration (context, FALSE))
    ;
}

static void
test_wakeup_idle (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DrainLog log = { 0, 0, g_thread_self (), 0 };
  g_autoptr(FuturesWakeup) wakeup = futures_wakeup_new (log_drain, &log, G_PRIORITY_DEFAULT, 1000, NULL);

  g_test_summary ("An attached wakeup that nobody pings never dispatches");

  futures_wakeup_attach (wakeup, context);
  g_assert_false (g_main_context_pending (context));
  iterate_pending (context);
  g_assert_cmpuint (log.drains, ==, 0);
  futures_wakeup_detach (wakeup);
}

typedef struct
{
  FuturesWakeup *wakeup;
  guint          pings;
} Pinger;

static gpointer
ping_many (gpointer data)
{
  Pinger *p = data;
  guint i;

  for (i = 0; i < p->pings; i++)
    futures_wakeup_ping (p->wakeup);
  return NULL;
}

static void
test_wakeup_coalesce (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DrainLog log = { 0, 0, g_thread_self (), 0 };
  g_autoptr(FuturesWakeup) wakeup = futures_wakeup_new (log_drain, &log, G_PRIORITY_DEFAULT, 1000, NULL);
  Pinger p = { wakeup, 10000 };
  GThread *threads[4];
  guint i;

  g_test_summary ("40,000 pings from 4 threads before the context runs cause one dispatch");

  futures_wakeup_attach (wakeup, context);
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("pinger", ping_many, &p);
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  iterate_pending (context);
  g_assert_cmpuint (log.drains, ==, 1);
  g_assert_cmpuint (futures_wakeup_get_dispatch_count (wakeup), ==, 1);
  g_assert_cmpuint (log.wrong_thread, ==, 0);

  /* A ping after the dispatch arms it again. */
  futures_wakeup_ping (wakeup);
  iterate_pending (context);
  g_assert_cmpuint (log.drains, ==, 2);

  futures_wakeup_detach (wakeup);
}

static gpointer
ping_after_delay (gpointer data)
{
  g_usleep (20000);
  futures_wakeup_ping (data);
  return NULL;
}

static void
test_wakeup_wakes_blocked_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DrainLog log = { 0, 0, g_thread_self (), 0 };
  g_autoptr(FuturesWakeup) wakeup = futures_wakeup_new (log_drain, &log, G_PRIORITY_DEFAULT, 1000, NULL);
  GThread *thread;
  int i;

  g_test_summary ("A ping from another thread wakes a context blocked in poll");

  futures_wakeup_attach (wakeup, context);
  thread = g_thread_new ("late-pinger", ping_after_delay, wakeup);
  /* Blocks until the ping arrives: no timeout source is attached, so
   * without the ping this never returns. (GLib may end the first
   * iteration of a new context early, having seen its descriptors
   * change: a few iterations are allowed.) */
  for (i = 0; i < 3 && log.drains == 0; i++)
    g_main_context_iteration (context, TRUE);
  g_thread_join (thread);
  g_assert_cmpuint (log.drains, ==, 1);
  futures_wakeup_detach (wakeup);
}

static void
test_wakeup_rearm (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DrainLog log = { 0, 2, g_thread_self (), 0 };
  g_autoptr(FuturesWakeup) wakeup = futures_wakeup_new (log_drain, &log, G_PRIORITY_DEFAULT, 1000, NULL);

  g_test_summary ("A drain that reports leftover work is dispatched again on a later "
                  "iteration, once per iteration, until it reports none");

  futures_wakeup_attach (wakeup, context);
  futures_wakeup_ping (wakeup);

  g_assert_true (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (log.drains, ==, 1);
  g_assert_true (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (log.drains, ==, 2);
  g_assert_true (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (log.drains, ==, 3);
  g_assert_false (g_main_context_pending (context));
  futures_wakeup_detach (wakeup);
}

static void
test_wakeup_detach (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DrainLog log = { 0, 0, g_thread_self (), 0 };
  g_autoptr(FuturesWakeup) wakeup = futures_wakeup_new (log_drain, &log, G_PRIORITY_DEFAULT, 1000, NULL);

  g_test_summary ("A detached wakeup never drains again, and pinging it is harmless");

  futures_wakeup_attach (wakeup, context);
  futures_wakeup_ping (wakeup);
  futures_wakeup_detach (wakeup);
  futures_wakeup_ping (wakeup);
  iterate_pending (context);
  g_assert_cmpuint (log.drains, ==, 0);
  /* Detaching twice is allowed. */
  futures_wakeup_detach (wakeup);
}

static void
test_wakeup_ping_soon (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DrainLog log = { 0, 0, g_thread_self (), 0 };
  g_autoptr(FuturesWakeup) wakeup = futures_wakeup_new (log_drain, &log, G_PRIORITY_DEFAULT, 1000, NULL);

  g_test_summary ("A soon-ping dispatches once its delay has passed, or at once when a "
                  "normal ping follows it; either way once");

  futures_wakeup_attach (wakeup, context);

  /* Not ready at once, then ready: iteration(TRUE) blocks until the
   * delay passes, with no other source to wake it. */
  futures_wakeup_ping_soon (wakeup, 20000);
  g_assert_false (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (log.drains, ==, 0);
  g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (log.drains, ==, 1);

  /* A normal ping makes a pending soon-ping immediate. */
  futures_wakeup_ping_soon (wakeup, G_USEC_PER_SEC * 60);
  futures_wakeup_ping (wakeup);
  g_assert_true (g_main_context_iteration (context, FALSE));
  g_assert_cmpuint (log.drains, ==, 2);
  g_assert_false (g_main_context_pending (context));

  futures_wakeup_detach (wakeup);
}

static void
test_wakeup_priority (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  DrainLog log = { 0, 0, g_thread_self (), 0 };
  g_autoptr(FuturesWakeup) wakeup = futures_wakeup_new (log_drain, &log, G_PRIORITY_LOW, 1000, NULL);

  g_test_summary ("The wakeup runs at its priority and the priority can change");

  g_assert_cmpint (g_source_get_priority ((GSource *) wakeup), ==, G_PRIORITY_LOW);
  futures_wakeup_set_priority (wakeup, G_PRIORITY_HIGH);
  g_assert_cmpint (g_source_get_priority ((GSource *) wakeup), ==, G_PRIORITY_HIGH);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/futures/wakeup/idle", test_wakeup_idle);
  g_test_add_func ("/futures/wakeup/coalesce", test_wakeup_coalesce);
  g_test_add_func ("/futures/wakeup/wakes-blocked-context", test_wakeup_wakes_blocked_context);
  g_test_add_func ("/futures/wakeup/rearm", test_wakeup_rearm);
  g_test_add_func ("/futures/wakeup/detach", test_wakeup_detach);
  g_test_add_func ("/futures/wakeup/ping-soon", test_wakeup_ping_soon);
  g_test_add_func ("/futures/wakeup/priority", test_wakeup_priority);

  return g_test_run ();
}
