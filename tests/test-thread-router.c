/* test-thread-router.c: the message-router contract on FuturesThreadRouter
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-utils.h"

static GThread *main_thread;

/* Records, per receiver, what arrived and where. */
typedef struct
{
  GArray  *values;           /* int */
  guint    wrong_thread;
  GThread *expected_thread;
} Inbox;

static void
inbox_init (Inbox *inbox)
{
  inbox->values = g_array_new (FALSE, FALSE, sizeof (int));
  inbox->wrong_thread = 0;
  inbox->expected_thread = g_thread_self ();
}

static void
inbox_clear (Inbox *inbox)
{
  g_clear_pointer (&inbox->values, g_array_unref);
}

static void
on_int_message (FuturesMessageReceiver *receiver,
                const GValue           *message,
                gpointer                user_data)
{
  Inbox *inbox = user_data;
  int v = g_value_get_int (message);

  if (g_thread_self () != inbox->expected_thread)
    inbox->wrong_thread++;
  g_array_append_val (inbox->values, v);
}

static FuturesMessageRouter *
started_router (void)
{
  FuturesThreadRouter *router = futures_thread_router_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (futures_message_router_start (FUTURES_MESSAGE_ROUTER (router), &error));
  g_assert_no_error (error);
  return FUTURES_MESSAGE_ROUTER (router);
}

static void
open_pipe (FuturesMessageRouter    *router,
           FuturesMessageSender   **sender,
           FuturesMessageReceiver **receiver,
           Inbox                   *inbox)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (futures_message_router_pipe (router, sender, receiver, &error));
  g_assert_no_error (error);
  if (inbox != NULL)
    g_signal_connect (*receiver, "message", G_CALLBACK (on_int_message), inbox);
}

static void
send_int (FuturesMessageSender *sender,
          int                   v)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, v);
  g_assert_true (futures_message_sender_send (sender, &value, &error));
  g_assert_no_error (error);
}

static void
stop_router (FuturesMessageRouter *router)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (futures_message_router_stop (router, &error));
  g_assert_no_error (error);
}

static void
close_pipe (FuturesMessageRouter   *router,
            FuturesMessageReceiver *receiver)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (futures_message_router_close_pipe (router, receiver, &error));
  g_assert_no_error (error);
}

/* start / stop ---------------------------------------------------------- */

static void
on_notify_running (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_router_start_stop (void)
{
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  FuturesMessageRouter *r = FUTURES_MESSAGE_ROUTER (router);
  g_autoptr(GError) error = NULL;
  guint notifications = 0;
  gboolean running;

  g_test_summary ("start and stop toggle the running property, notifying each change once");

  g_signal_connect (router, "notify::running", G_CALLBACK (on_notify_running), &notifications);
  g_assert_false (futures_message_router_get_running (r));

  g_assert_true (futures_message_router_start (r, &error));
  g_assert_no_error (error);
  g_object_get (router, "running", &running, NULL);
  g_assert_true (running);
  g_assert_cmpuint (notifications, ==, 1);

  g_assert_true (futures_message_router_stop (r, &error));
  g_assert_no_error (error);
  g_assert_false (futures_message_router_get_running (r));
  g_assert_cmpuint (notifications, ==, 2);
}

static void
test_router_start_twice (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  Inbox inbox;

  g_test_summary ("start on a running router is ALREADY_RUNNING and keeps it running");

  inbox_init (&inbox);
  open_pipe (router, &sender, &receiver, &inbox);

  g_assert_false (futures_message_router_start (router, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_ALREADY_RUNNING);
  g_assert_true (futures_message_router_get_running (router));

  /* The pipe opened before still works. */
  futures_message_sender_start (sender, NULL);
  send_int (sender, 3);
  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (inbox.values->len, ==, 1);

  close_pipe (router, receiver);
  stop_router (router);
  inbox_clear (&inbox);
}

static void
test_router_stop_not_running (void)
{
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  g_autoptr(GError) error = NULL;

  g_test_summary ("stop on a router that never started, or already stopped, is NOT_RUNNING");

  g_assert_false (futures_message_router_stop (FUTURES_MESSAGE_ROUTER (router), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  g_clear_error (&error);

  g_assert_true (futures_message_router_start (FUTURES_MESSAGE_ROUTER (router), NULL));
  stop_router (FUTURES_MESSAGE_ROUTER (router));
  g_assert_false (futures_message_router_stop (FUTURES_MESSAGE_ROUTER (router), &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
}

static void
test_router_restart (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) old_sender = NULL;
  g_autoptr(FuturesMessageReceiver) old_receiver = NULL;
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  Inbox old_inbox, inbox;

  g_test_summary ("A stopped router starts again; a sender of the earlier run never reaches it");

  inbox_init (&old_inbox);
  inbox_init (&inbox);

  open_pipe (router, &old_sender, &old_receiver, &old_inbox);
  close_pipe (router, old_receiver);
  stop_router (router);

  g_assert_true (futures_message_router_start (router, NULL));
  open_pipe (router, &sender, &receiver, &inbox);
  g_assert_cmpuint (futures_message_receiver_get_connection_id (receiver), !=,
                    futures_message_receiver_get_connection_id (old_receiver));

  /* The old run's channel is closed: its sender learns that at once. */
  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GError) error = NULL;

    g_value_init (&value, G_TYPE_INT);
    futures_message_sender_start (old_sender, NULL);
    g_assert_false (futures_message_sender_send (old_sender, &value, &error));
    g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  }
  futures_message_sender_start (sender, NULL);
  send_int (sender, 2);

  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (old_inbox.values->len, ==, 0);
  g_assert_cmpuint (inbox.values->len, ==, 1);
  g_assert_cmpint (g_array_index (inbox.values, int, 0), ==, 2);

  close_pipe (router, receiver);
  stop_router (router);
  inbox_clear (&old_inbox);
  inbox_clear (&inbox);
}

/* pipe / close_pipe ----------------------------------------------------- */

static void
test_router_pipe_not_running (void)
{
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  FuturesMessageRouter *r = FUTURES_MESSAGE_ROUTER (router);
  FuturesMessageSender *sender = NULL;
  FuturesMessageReceiver *receiver = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("pipe before start and after stop is NOT_RUNNING and hands out nothing");

  g_assert_false (futures_message_router_pipe (r, &sender, &receiver, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  g_assert_null (sender);
  g_assert_null (receiver);
  g_clear_error (&error);

  g_assert_true (futures_message_router_start (r, NULL));
  stop_router (r);
  g_assert_false (futures_message_router_pipe (r, &sender, &receiver, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  g_assert_null (sender);
  g_assert_null (receiver);
}

static void
test_router_pipe_optional_outs (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("pipe accepts NULL for either end");

  g_assert_true (futures_message_router_pipe (router, NULL, &receiver, &error));
  g_assert_no_error (error);
  g_assert_true (FUTURES_IS_MESSAGE_RECEIVER (receiver));
  close_pipe (router, receiver);
  stop_router (router);
}

static void
test_router_close_pipe_not_running (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("close_pipe on a stopped router is NOT_RUNNING");

  open_pipe (router, &sender, &receiver, NULL);
  close_pipe (router, receiver);
  stop_router (router);

  g_assert_false (futures_message_router_close_pipe (router, receiver, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
}

static void
test_router_close_pipe_unknown (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageRouter) other = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(FuturesMessageSender) other_sender = NULL;
  g_autoptr(FuturesMessageReceiver) other_receiver = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Closing a pipe twice, or another router's pipe, is UNKNOWN_PIPE");

  open_pipe (router, &sender, &receiver, NULL);
  open_pipe (other, &other_sender, &other_receiver, NULL);
  /* Both routers numbered their first pipe alike: the check must be on
   * the receiver, not just its id. */
  g_assert_cmpuint (futures_message_receiver_get_connection_id (receiver), ==,
                    futures_message_receiver_get_connection_id (other_receiver));

  g_assert_false (futures_message_router_close_pipe (router, other_receiver, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_UNKNOWN_PIPE);
  g_clear_error (&error);

  close_pipe (router, receiver);
  g_assert_false (futures_message_router_close_pipe (router, receiver, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_UNKNOWN_PIPE);

  close_pipe (other, other_receiver);
  stop_router (router);
  stop_router (other);
}

static void
test_router_stop_unclosed_warning (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender1 = NULL;
  g_autoptr(FuturesMessageReceiver) receiver1 = NULL;
  g_autoptr(FuturesMessageSender) sender2 = NULL;
  g_autoptr(FuturesMessageReceiver) receiver2 = NULL;

  g_test_summary ("stop with unclosed pipes logs one warning naming how many");

  open_pipe (router, &sender1, &receiver1, NULL);
  open_pipe (router, &sender2, &receiver2, NULL);

  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, "*stopped with 2 unclosed pipe(s)*");
  stop_router (router);
  g_test_assert_expected_messages ();
  g_assert_false (futures_message_router_get_running (router));
}

static void
test_router_stop_closed_no_warning (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;

  g_test_summary ("stop with every pipe closed logs nothing (warnings are fatal here)");

  open_pipe (router, &sender, &receiver, NULL);
  close_pipe (router, receiver);
  stop_router (router);
}

static void
test_router_message_on_closed_pipe (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(FuturesMessageSender) sender2 = NULL;
  g_autoptr(FuturesMessageReceiver) receiver2 = NULL;
  g_autofree char *pattern = NULL;
  Inbox inbox, inbox2;

  g_test_summary ("A message arriving for a closed pipe is dropped with a warning; others flow");

  inbox_init (&inbox);
  inbox_init (&inbox2);
  open_pipe (router, &sender, &receiver, &inbox);
  open_pipe (router, &sender2, &receiver2, &inbox2);
  futures_message_sender_start (sender, NULL);
  futures_message_sender_start (sender2, NULL);

  send_int (sender, 1);
  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (inbox.values->len, ==, 1);

  close_pipe (router, receiver);
  send_int (sender, 2);
  send_int (sender2, 3);

  pattern = g_strdup_printf ("*discarding a message from closed pipe #%" G_GUINT64_FORMAT "*",
                             futures_message_sender_get_connection_id (sender));
  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, pattern);
  test_iterate_pending (g_main_context_default ());
  g_test_assert_expected_messages ();

  g_assert_cmpuint (inbox.values->len, ==, 1);
  g_assert_cmpuint (inbox2.values->len, ==, 1);
  g_assert_cmpint (g_array_index (inbox2.values, int, 0), ==, 3);

  close_pipe (router, receiver2);
  stop_router (router);
  inbox_clear (&inbox);
  inbox_clear (&inbox2);
}

/* Pipes opened and closed in any order: every message reaches its own
 * receiver whatever the routing table went through (growing, shrinking,
 * entries shifting after a removal), and a closed pipe's reaches none. */

#define MANY_PIPES 400

typedef struct
{
  FuturesMessageSender   *sender;
  FuturesMessageReceiver *receiver;
  int                     id;       /* what its sender sends */
  guint                   received;
  guint                   wrong;
} ManyPipe;

static void
on_many_pipe_message (FuturesMessageReceiver *receiver,
                      const GValue           *message,
                      gpointer                user_data)
{
  ManyPipe *pipe = user_data;

  pipe->received++;
  if (g_value_get_int (message) != pipe->id)
    pipe->wrong++;
}

static void
many_pipe_open (FuturesMessageRouter *router,
                ManyPipe             *pipe,
                int                   id)
{
  open_pipe (router, &pipe->sender, &pipe->receiver, NULL);
  futures_message_sender_start (pipe->sender, NULL);
  g_signal_connect (pipe->receiver, "message", G_CALLBACK (on_many_pipe_message), pipe);
  pipe->id = id;
  pipe->received = pipe->wrong = 0;
}

static void
test_router_many_pipes (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(GPtrArray) closed = g_ptr_array_new_with_free_func (g_object_unref);
  ManyPipe *pipes = g_new0 (ManyPipe, MANY_PIPES);
  guint round, i, n_open = 0;
  int next_id = 0;

  g_test_summary ("Hundreds of pipes opened and closed in random order: each message reaches "
                  "its own receiver, and one sent on a closed pipe none");

  for (round = 0; round < 6; round++)
    {
      guint late = 0;

      /* Fill every empty place, then close a random share, most of them
       * in the later rounds so that the table also shrinks. */
      for (i = 0; i < MANY_PIPES; i++)
        if (pipes[i].receiver == NULL)
          {
            many_pipe_open (router, &pipes[i], next_id++);
            n_open++;
          }
      for (i = 0; i < MANY_PIPES; i++)
        if (g_test_rand_int_range (0, 100) < (round < 3 ? 40 : 90))
          {
            close_pipe (router, pipes[i].receiver);
            g_assert_cmpuint (pipes[i].received, ==, 0);
            g_clear_object (&pipes[i].receiver);
            /* A few closed pipes still send: dropped with a warning. */
            if (late < 3)
              {
                send_int (pipes[i].sender, pipes[i].id);
                g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING,
                                       "*discarding a message from closed pipe*");
                late++;
              }
            g_ptr_array_add (closed, g_steal_pointer (&pipes[i].sender));
            n_open--;
          }

      for (i = 0; i < MANY_PIPES; i++)
        if (pipes[i].receiver != NULL)
          send_int (pipes[i].sender, pipes[i].id);
      test_iterate_pending (g_main_context_default ());
      g_test_assert_expected_messages ();

      for (i = 0; i < MANY_PIPES; i++)
        if (pipes[i].receiver != NULL)
          {
            g_assert_cmpuint (pipes[i].received, ==, 1);
            g_assert_cmpuint (pipes[i].wrong, ==, 0);
            pipes[i].received = 0;
          }
    }

  for (i = 0; i < MANY_PIPES; i++)
    if (pipes[i].receiver != NULL)
      {
        close_pipe (router, pipes[i].receiver);
        g_clear_object (&pipes[i].receiver);
        g_clear_object (&pipes[i].sender);
        n_open--;
      }
  g_assert_cmpuint (n_open, ==, 0);
  /* Nothing left open: no warning about unclosed pipes. */
  stop_router (router);
  g_free (pipes);
}

/* delivery -------------------------------------------------------------- */

static void
test_router_order_and_batching (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  Inbox inbox;
  guint iterations = 0;
  guint i;

  g_test_summary ("Messages arrive in send order, only when the main context runs, "
                  "and a burst is delivered by one coalesced wakeup");

  inbox_init (&inbox);
  open_pipe (router, &sender, &receiver, &inbox);
  futures_message_sender_start (sender, NULL);

  for (i = 0; i < 1000; i++)
    send_int (sender, i);

  /* Nothing is emitted from send(): delivery waits for the main context. */
  g_assert_cmpuint (inbox.values->len, ==, 0);

  /* The burst woke the context once, and each dispatch drains a batch:
   * a wakeup per message would take 1000 iterations. A drain always
   * delivers at least 8 messages before looking at the clock, so even on
   * a slow machine (valgrind) it takes at most 125; normally it takes 1. */
  while (inbox.values->len < 1000)
    {
      g_assert_true (g_main_context_iteration (g_main_context_default (), FALSE));
      iterations++;
    }
  g_test_message ("1000 messages took %u main-loop iteration(s)", iterations);
  g_assert_cmpuint (iterations, <=, 1000 / 8);
  for (i = 0; i < 1000; i++)
    g_assert_cmpint (g_array_index (inbox.values, int, i), ==, i);

  /* And nothing else is pending: the 999 extra sends did not queue 999
   * extra wakeups. */
  g_assert_false (g_main_context_pending (g_main_context_default ()));

  close_pipe (router, receiver);
  stop_router (router);
  inbox_clear (&inbox);
}

static void
on_slow_message (FuturesMessageReceiver *receiver,
                 const GValue           *message,
                 gpointer                user_data)
{
  guint *count = user_data;

  g_usleep (1000);
  (*count)++;
}

/* Opens a pipe whose handler takes 1 ms per message, counting them in
 * @count, and queues @n messages on it. */
static void
send_slow_messages (FuturesMessageRouter    *router,
                    FuturesMessageSender   **sender,
                    FuturesMessageReceiver **receiver,
                    guint                   *count,
                    int                      n)
{
  int i;

  open_pipe (router, sender, receiver, NULL);
  g_signal_connect (*receiver, "message", G_CALLBACK (on_slow_message), count);
  futures_message_sender_start (*sender, NULL);
  for (i = 0; i < n; i++)
    send_int (*sender, i);
}

static void
test_router_time_budget (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  guint count = 0, after_first, iterations = 1;

  g_test_summary ("A drain that runs past its time budget yields to the main loop "
                  "and re-arms itself until the queue is empty");

  send_slow_messages (router, &sender, &receiver, &count, 100);

  /* Each handler takes at least 1 ms and the budget is a few ms, so one
   * dispatch cannot deliver all 100. */
  g_main_context_iteration (g_main_context_default (), FALSE);
  after_first = count;
  g_assert_cmpuint (after_first, >, 0);
  g_assert_cmpuint (after_first, <, 100);

  while (count < 100)
    {
      g_assert_true (g_main_context_iteration (g_main_context_default (), FALSE));
      iterations++;
    }
  g_assert_cmpuint (iterations, >, 1);
  g_assert_false (g_main_context_pending (g_main_context_default ()));

  close_pipe (router, receiver);
  stop_router (router);
}

static void
test_router_budget_ends_with_queue (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  guint count = 0;

  g_test_summary ("A drain whose time runs out on the last queued message does not "
                  "re-arm itself for an empty queue");

  /* The drain looks at the clock every 8 messages: with 8 slow ones it
   * is out of time exactly when the queue is empty. */
  send_slow_messages (router, &sender, &receiver, &count, 8);

  g_assert_true (g_main_context_iteration (g_main_context_default (), FALSE));
  g_assert_cmpuint (count, ==, 8);
  g_assert_false (g_main_context_pending (g_main_context_default ()));

  close_pipe (router, receiver);
  stop_router (router);
}

static gboolean
tick (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_router_yields_to_other_sources (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GSource) idle = NULL;
  guint count = 0, ticks = 0;

  g_test_summary ("While a flood is drained, a source of the same priority still runs "
                  "between drains");

  send_slow_messages (router, &sender, &receiver, &count, 50);

  idle = g_idle_source_new ();
  g_source_set_priority (idle, futures_thread_router_get_priority (FUTURES_THREAD_ROUTER (router)));
  g_source_set_callback (idle, tick, &ticks, NULL);
  g_source_attach (idle, g_main_context_default ());

  while (count < 50)
    g_main_context_iteration (g_main_context_default (), FALSE);

  g_assert_cmpuint (ticks, >, 0);
  g_source_destroy (idle);

  close_pipe (router, receiver);
  stop_router (router);
}

static void
test_router_priority (void)
{
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  g_autoptr(FuturesThreadRouter) router2 = NULL;
  int priority;

  g_test_summary ("The priority property defaults to DEFAULT_IDLE and can be changed");

  g_assert_cmpint (futures_thread_router_get_priority (router), ==, G_PRIORITY_DEFAULT_IDLE);
  futures_thread_router_set_priority (router, G_PRIORITY_HIGH);
  g_object_get (router, "priority", &priority, NULL);
  g_assert_cmpint (priority, ==, G_PRIORITY_HIGH);

  router2 = g_object_new (FUTURES_TYPE_THREAD_ROUTER, "priority", G_PRIORITY_LOW, NULL);
  g_assert_cmpint (futures_thread_router_get_priority (router2), ==, G_PRIORITY_LOW);
}

/* Values of several types, and the golden rule for their last reference. */

#define TEST_TYPE_TRACKED (test_tracked_get_type ())
G_DECLARE_FINAL_TYPE (TestTracked, test_tracked, TEST, TRACKED, GObject)

struct _TestTracked
{
  GObject   parent_instance;
  GThread **finalized_in;
};

G_DEFINE_FINAL_TYPE (TestTracked, test_tracked, G_TYPE_OBJECT)

static void
test_tracked_finalize (GObject *object)
{
  TestTracked *self = TEST_TRACKED (object);

  *self->finalized_in = g_thread_self ();
  G_OBJECT_CLASS (test_tracked_parent_class)->finalize (object);
}

static void
test_tracked_class_init (TestTrackedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_tracked_finalize;
}

static void
test_tracked_init (TestTracked *self)
{
}

typedef struct
{
  FuturesMessageSender *sender;
  GThread             **finalized_in;
} TypesWorker;

static gpointer
types_worker (gpointer data)
{
  TypesWorker *w = data;
  g_auto(GValue) v_int = G_VALUE_INIT;
  g_auto(GValue) v_str = G_VALUE_INIT;
  g_auto(GValue) v_obj = G_VALUE_INIT;
  g_auto(GValue) v_var = G_VALUE_INIT;
  g_auto(GValue) v_strv = G_VALUE_INIT;
  const char * const strv[] = { "a", "b", NULL };
  TestTracked *obj;

  g_assert_true (futures_message_sender_start (w->sender, NULL));

  g_value_init (&v_int, G_TYPE_INT64);
  g_value_set_int64 (&v_int, G_MAXINT64);
  g_assert_true (futures_message_sender_send (w->sender, &v_int, NULL));

  g_value_init (&v_str, G_TYPE_STRING);
  g_value_set_string (&v_str, "héllo");
  g_assert_true (futures_message_sender_send (w->sender, &v_str, NULL));

  obj = g_object_new (TEST_TYPE_TRACKED, NULL);
  obj->finalized_in = w->finalized_in;
  g_value_init (&v_obj, TEST_TYPE_TRACKED);
  g_value_take_object (&v_obj, obj);
  g_assert_true (futures_message_sender_send (w->sender, &v_obj, NULL));
  /* Drop the worker's own reference now: the message holds the last. */
  g_value_unset (&v_obj);

  g_value_init (&v_var, G_TYPE_VARIANT);
  g_value_set_variant (&v_var, g_variant_new ("(si)", "x", 42));
  g_assert_true (futures_message_sender_send (w->sender, &v_var, NULL));

  g_value_init (&v_strv, G_TYPE_STRV);
  g_value_set_boxed (&v_strv, strv);
  g_assert_true (futures_message_sender_send (w->sender, &v_strv, NULL));

  g_assert_true (futures_message_sender_stop (w->sender, NULL));

  return NULL;
}

typedef struct
{
  GPtrArray *values;   /* GValue* copies */
  GThread   *thread_of_object_message;
} TypesInbox;

static void
free_gvalue (gpointer data)
{
  g_value_unset (data);
  g_free (data);
}

static void
on_any_message (FuturesMessageReceiver *receiver,
                const GValue           *message,
                gpointer                user_data)
{
  TypesInbox *inbox = user_data;
  GValue *copy = g_new0 (GValue, 1);

  g_value_init (copy, G_VALUE_TYPE (message));
  if (G_VALUE_HOLDS (message, TEST_TYPE_TRACKED))
    inbox->thread_of_object_message = g_thread_self ();
  else
    g_value_copy (message, copy);
  g_ptr_array_add (inbox->values, copy);
}

static void
test_router_value_types (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  TypesWorker w = { NULL, NULL };
  TypesInbox inbox = { g_ptr_array_new_with_free_func (free_gvalue), NULL };
  GThread *finalized_in = NULL;
  GThread *thread;
  GValue *v;

  g_test_summary ("Values of any GType arrive intact, and the last reference to a sent "
                  "object is dropped in the main context, not the worker");

  w.finalized_in = &finalized_in;
  open_pipe (router, &w.sender, &receiver, NULL);
  g_signal_connect (receiver, "message", G_CALLBACK (on_any_message), &inbox);

  thread = g_thread_new ("types", types_worker, &w);
  g_thread_join (thread);
  g_assert_null (finalized_in);

  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (inbox.values->len, ==, 5);

  v = inbox.values->pdata[0];
  g_assert_cmpint (g_value_get_int64 (v), ==, G_MAXINT64);
  v = inbox.values->pdata[1];
  g_assert_cmpstr (g_value_get_string (v), ==, "héllo");
  v = inbox.values->pdata[2];
  g_assert_true (G_VALUE_HOLDS (v, TEST_TYPE_TRACKED));
  g_assert_true (inbox.thread_of_object_message == main_thread);
  g_assert_true (finalized_in == main_thread);
  v = inbox.values->pdata[3];
  g_assert_cmpstr (g_variant_get_type_string (g_value_get_variant (v)), ==, "(si)");
  v = inbox.values->pdata[4];
  g_assert_cmpstrv (g_value_get_boxed (v), ((const char * const[]) { "a", "b", NULL }));

  close_pipe (router, receiver);
  stop_router (router);
  g_clear_object (&w.sender);
  g_ptr_array_unref (inbox.values);
}

/* Reentrancy: handlers that close the pipe or stop the router. */

typedef struct
{
  FuturesMessageRouter *router;
  guint                 count;
} ReentrantData;

static void
on_message_close_pipe (FuturesMessageReceiver *receiver,
                       const GValue           *message,
                       gpointer                user_data)
{
  ReentrantData *d = user_data;

  if (++d->count == 3)
    close_pipe (d->router, receiver);
}

static void
test_router_handler_closes_pipe (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  ReentrantData d = { router, 0 };
  guint i;

  g_test_summary ("A handler may close its own pipe; the rest of the batch is dropped "
                  "with a warning each");

  open_pipe (router, &sender, &receiver, NULL);
  g_signal_connect (receiver, "message", G_CALLBACK (on_message_close_pipe), &d);
  futures_message_sender_start (sender, NULL);
  for (i = 0; i < 5; i++)
    send_int (sender, i);

  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, "*discarding a message from closed pipe*");
  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, "*discarding a message from closed pipe*");
  test_iterate_pending (g_main_context_default ());
  g_test_assert_expected_messages ();
  g_assert_cmpuint (d.count, ==, 3);

  stop_router (router);
}

static void
on_message_stop_router (FuturesMessageReceiver *receiver,
                        const GValue           *message,
                        gpointer                user_data)
{
  ReentrantData *d = user_data;

  d->count++;
  close_pipe (d->router, receiver);
  stop_router (d->router);
}

static void
test_router_handler_stops_router (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  ReentrantData d = { router, 0 };
  guint i;

  g_test_summary ("A handler may stop the router; undelivered messages are dropped silently");

  open_pipe (router, &sender, &receiver, NULL);
  g_signal_connect (receiver, "message", G_CALLBACK (on_message_stop_router), &d);
  futures_message_sender_start (sender, NULL);
  for (i = 0; i < 5; i++)
    send_int (sender, i);

  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (d.count, ==, 1);
  g_assert_false (futures_message_router_get_running (router));
}

static void
on_message_drop_receiver (FuturesMessageReceiver *receiver,
                          const GValue           *message,
                          gpointer                user_data)
{
  FuturesMessageReceiver **slot = user_data;

  /* The last references the test holds go away mid-emission. */
  g_clear_object (slot);
}

static void
test_router_handler_drops_last_ref (void)
{
  FuturesMessageRouter *router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  FuturesMessageReceiver *receiver = NULL;

  g_test_summary ("A receiver that loses its last outside reference during emission survives it");

  open_pipe (router, &sender, &receiver, NULL);
  g_signal_connect (receiver, "message", G_CALLBACK (on_message_drop_receiver), &receiver);
  futures_message_sender_start (sender, NULL);
  send_int (sender, 1);
  test_iterate_pending (g_main_context_default ());
  g_assert_null (receiver);

  g_test_expect_message ("Futures", G_LOG_LEVEL_WARNING, "*1 unclosed pipe(s)*");
  stop_router (router);
  g_test_assert_expected_messages ();
  g_object_unref (router);
}

/* route_until ----------------------------------------------------------- */

typedef struct
{
  Inbox *inbox;
  guint  want;
} CountCondition;

static gboolean
have_count (gpointer user_data)
{
  CountCondition *c = user_data;

  return c->inbox->values->len >= c->want;
}

static gpointer
send_later_worker (gpointer data)
{
  FuturesMessageSender *sender = data;
  int i;

  futures_message_sender_start (sender, NULL);
  for (i = 0; i < 10; i++)
    {
      g_usleep (1000);
      send_int (sender, i);
    }
  futures_message_sender_stop (sender, NULL);
  return NULL;
}

static void
test_router_route_until (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  CountCondition cond;
  GThread *thread;
  Inbox inbox;

  g_test_summary ("route_until blocks, routing messages from a worker until the condition holds");

  inbox_init (&inbox);
  open_pipe (router, &sender, &receiver, &inbox);
  cond.inbox = &inbox;
  cond.want = 10;

  thread = g_thread_new ("later", send_later_worker, sender);
  g_assert_true (futures_message_router_route_until (router, -1, have_count, &cond, &error));
  g_assert_no_error (error);
  g_thread_join (thread);

  g_assert_cmpuint (inbox.values->len, ==, 10);
  g_assert_cmpuint (inbox.wrong_thread, ==, 0);

  close_pipe (router, receiver);
  stop_router (router);
  inbox_clear (&inbox);
}

static gboolean
always_true (gpointer user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static void
test_router_route_until_already_true (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = 0;
  Inbox inbox;

  g_test_summary ("route_until with a condition true on entry routes no message");

  inbox_init (&inbox);
  open_pipe (router, &sender, &receiver, &inbox);
  futures_message_sender_start (sender, NULL);
  send_int (sender, 1);
  send_int (sender, 2);

  g_assert_true (futures_message_router_route_until (router, 0, always_true, &calls, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (inbox.values->len, ==, 0);

  close_pipe (router, receiver);
  stop_router (router);
  inbox_clear (&inbox);
}

static void
test_router_route_until_manual_mode (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = 0;
  CountCondition cond;
  Inbox inbox;

  g_test_summary ("After route_until the main context no longer routes: only route_until does, "
                  "until the router is stopped and started again");

  inbox_init (&inbox);
  open_pipe (router, &sender, &receiver, &inbox);
  futures_message_sender_start (sender, NULL);

  g_assert_true (futures_message_router_route_until (router, -1, always_true, &calls, &error));
  g_assert_no_error (error);

  send_int (sender, 1);
  send_int (sender, 2);
  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (inbox.values->len, ==, 0);

  cond.inbox = &inbox;
  cond.want = 2;
  g_assert_true (futures_message_router_route_until (router, 1000, have_count, &cond, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inbox.values->len, ==, 2);
  g_assert_cmpint (g_array_index (inbox.values, int, 0), ==, 1);
  g_assert_cmpint (g_array_index (inbox.values, int, 1), ==, 2);

  /* Still manual after the second call. */
  send_int (sender, 3);
  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (inbox.values->len, ==, 2);

  close_pipe (router, receiver);
  stop_router (router);
  g_clear_object (&sender);
  g_clear_object (&receiver);

  /* A new run is linked to the main context again. */
  g_assert_true (futures_message_router_start (router, NULL));
  open_pipe (router, &sender, &receiver, &inbox);
  futures_message_sender_start (sender, NULL);
  send_int (sender, 4);
  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (inbox.values->len, ==, 3);
  g_assert_cmpint (g_array_index (inbox.values, int, 2), ==, 4);

  close_pipe (router, receiver);
  stop_router (router);
  inbox_clear (&inbox);
}

static void
test_router_route_until_timeout (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  CountCondition cond;
  Inbox inbox;

  g_test_summary ("route_until fails with TIMED_OUT when the condition stays false, "
                  "after routing what did arrive");

  inbox_init (&inbox);
  open_pipe (router, &sender, &receiver, &inbox);
  futures_message_sender_start (sender, NULL);
  send_int (sender, 1);

  cond.inbox = &inbox;
  cond.want = 2;
  g_assert_false (futures_message_router_route_until (router, 50, have_count, &cond, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_TIMED_OUT);
  g_assert_cmpuint (inbox.values->len, ==, 1);
  g_clear_error (&error);

  /* A zero timeout only checks the condition. */
  send_int (sender, 2);
  g_assert_false (futures_message_router_route_until (router, 0, have_count, &cond, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_TIMED_OUT);
  g_assert_cmpuint (inbox.values->len, ==, 1);
  g_clear_error (&error);

  g_assert_true (futures_message_router_route_until (router, 1000, have_count, &cond, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inbox.values->len, ==, 2);

  close_pipe (router, receiver);
  stop_router (router);
  inbox_clear (&inbox);
}

typedef struct
{
  FuturesMessageSender *sender;
  int                   stop;
} Flood;

static gpointer
flood_worker (gpointer data)
{
  Flood *flood = data;
  int i = 0;

  futures_message_sender_start (flood->sender, NULL);
  while (!g_atomic_int_get (&flood->stop))
    {
      send_int (flood->sender, i++);
      if (i % 64 == 0)
        g_usleep (100);
    }
  futures_message_sender_stop (flood->sender, NULL);
  return NULL;
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

static void
test_router_route_until_timeout_under_flood (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_autoptr(GError) error = NULL;
  Flood flood = { NULL, FALSE };
  GThread *thread;
  Inbox inbox;

  g_test_summary ("route_until keeps its deadline while messages never stop arriving "
                  "(the flood only ends after it returns, so missing it hangs the test)");

  inbox_init (&inbox);
  open_pipe (router, &flood.sender, &receiver, &inbox);
  thread = g_thread_new ("flood", flood_worker, &flood);

  g_assert_false (futures_message_router_route_until (router, 50, never, NULL, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_TIMED_OUT);
  g_atomic_int_set (&flood.stop, TRUE);
  g_thread_join (thread);
  g_assert_cmpuint (inbox.values->len, >, 0);

  close_pipe (router, receiver);
  stop_router (router);
  g_clear_object (&flood.sender);
  inbox_clear (&inbox);
}

static void
test_router_send_after_stop (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Once the router stopped, send fails with NOT_RUNNING and copies nothing");

  open_pipe (router, &sender, &receiver, NULL);
  futures_message_sender_start (sender, NULL);
  close_pipe (router, receiver);
  stop_router (router);

  g_value_init (&value, G_TYPE_INT);
  g_assert_false (futures_message_sender_send (sender, &value, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  /* The sender itself is still open; only its router went away. */
  g_assert_cmpint (futures_message_sender_get_state (sender), ==,
                   FUTURES_MESSAGE_SENDER_STATE_OPEN);
}

static void
test_router_route_until_not_running (void)
{
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  g_test_summary ("route_until on a stopped router is NOT_RUNNING");

  g_assert_false (futures_message_router_route_until (FUTURES_MESSAGE_ROUTER (router),
                                                      0, always_true, &calls, &error));
  g_assert_error (error, FUTURES_ERROR, FUTURES_ERROR_NOT_RUNNING);
  g_assert_cmpuint (calls, ==, 0);
}

static void
on_message_route_until (FuturesMessageReceiver *receiver,
                        const GValue           *message,
                        gpointer                user_data)
{
  Inbox *inbox = user_data;
  FuturesMessageRouter *router = g_object_get_data (G_OBJECT (receiver), "router");
  CountCondition cond = { inbox, 5 };

  if (inbox->values->len == 1)
    g_assert_true (futures_message_router_route_until (router, 1000, have_count, &cond, NULL));
}

static void
test_router_route_until_reentrant (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(FuturesMessageSender) sender = NULL;
  g_autoptr(FuturesMessageReceiver) receiver = NULL;
  Inbox inbox;
  guint i;

  g_test_summary ("route_until called from a handler during a drain keeps the order");

  inbox_init (&inbox);
  open_pipe (router, &sender, &receiver, &inbox);
  g_object_set_data (G_OBJECT (receiver), "router", router);
  /* After on_int_message has recorded the first value. */
  g_signal_connect_after (receiver, "message", G_CALLBACK (on_message_route_until), &inbox);
  futures_message_sender_start (sender, NULL);
  for (i = 0; i < 5; i++)
    send_int (sender, i);

  test_iterate_pending (g_main_context_default ());
  g_assert_cmpuint (inbox.values->len, ==, 5);
  for (i = 0; i < 5; i++)
    g_assert_cmpint (g_array_index (inbox.values, int, i), ==, i);

  close_pipe (router, receiver);
  stop_router (router);
  inbox_clear (&inbox);
}

typedef struct
{
  FuturesMessageRouter *router;
  GError               *error;
  gboolean              result;
} WrongThread;

static gpointer
route_from_wrong_thread (gpointer data)
{
  WrongThread *w = data;
  guint calls = 0;

  w->result = futures_message_router_route_until (w->router, 0, always_true, &calls, &w->error);
  return NULL;
}

static void
test_router_route_until_wrong_thread (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  WrongThread w = { router, NULL, TRUE };
  GThread *thread;

  g_test_summary ("route_until from a thread other than the context's owner is refused");

  /* The test thread owns the default context for the duration. */
  g_assert_true (g_main_context_acquire (g_main_context_default ()));

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*must be called from the thread*");
  thread = g_thread_new ("intruder", route_from_wrong_thread, &w);
  g_thread_join (thread);
  g_test_assert_expected_messages ();

  g_main_context_release (g_main_context_default ());
  g_assert_false (w.result);
  g_assert_error (w.error, FUTURES_ERROR, FUTURES_ERROR_FAILED);
  g_clear_error (&w.error);
  stop_router (router);
}

/* contexts -------------------------------------------------------------- */

typedef struct
{
  GMainContext           *context;
  GMainLoop              *loop;
  FuturesMessageRouter   *router;
  FuturesMessageReceiver *receiver;
  FuturesMessageSender   *sender;
  Inbox                   inbox;
  GThread                *owner;
  guint                   want;
} ContextThread;

static void
on_ctx_message (FuturesMessageReceiver *receiver,
                const GValue           *message,
                gpointer                user_data)
{
  ContextThread *ct = user_data;

  on_int_message (receiver, message, &ct->inbox);
  if (ct->inbox.values->len == ct->want)
    g_main_loop_quit (ct->loop);
}

static gpointer
context_owner_thread (gpointer data)
{
  ContextThread *ct = data;

  g_main_context_push_thread_default (ct->context);
  ct->inbox.expected_thread = g_thread_self ();
  g_main_loop_run (ct->loop);
  g_main_context_pop_thread_default (ct->context);
  return NULL;
}

static void
test_router_other_context (void)
{
  ContextThread ct = { 0 };
  GThread *thread;
  int i;

  g_test_summary ("A router bound to another thread's context emits there, never in the "
                  "default context");

  ct.context = g_main_context_new ();
  ct.loop = g_main_loop_new (ct.context, FALSE);
  ct.router = FUTURES_MESSAGE_ROUTER (futures_thread_router_new_for_context (ct.context));
  ct.want = 100;
  inbox_init (&ct.inbox);
  g_assert_true (futures_message_router_get_context (ct.router) == ct.context);
  g_assert_true (futures_message_router_start (ct.router, NULL));
  open_pipe (ct.router, &ct.sender, &ct.receiver, NULL);
  g_signal_connect (ct.receiver, "message", G_CALLBACK (on_ctx_message), &ct);

  thread = g_thread_new ("context-owner", context_owner_thread, &ct);

  futures_message_sender_start (ct.sender, NULL);
  for (i = 0; i < 100; i++)
    send_int (ct.sender, i);
  futures_message_sender_stop (ct.sender, NULL);

  /* Pumping the default context must deliver nothing. */
  test_iterate_pending (g_main_context_default ());

  g_thread_join (thread);
  g_assert_cmpuint (ct.inbox.values->len, ==, 100);
  g_assert_cmpuint (ct.inbox.wrong_thread, ==, 0);

  close_pipe (ct.router, ct.receiver);
  stop_router (ct.router);
  g_object_unref (ct.sender);
  g_object_unref (ct.receiver);
  g_object_unref (ct.router);
  g_main_loop_unref (ct.loop);
  g_main_context_unref (ct.context);
  inbox_clear (&ct.inbox);
}

static gpointer
make_router_in_thread (gpointer data)
{
  GMainContext *context = data;
  FuturesThreadRouter *router;

  g_main_context_push_thread_default (context);
  router = futures_thread_router_new ();
  g_main_context_pop_thread_default (context);
  return router;
}

static void
test_router_default_context (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  g_autoptr(FuturesThreadRouter) router2 = NULL;
  GMainContext *bound = NULL;

  g_test_summary ("Without a context, a router binds to the thread-default context "
                  "of the thread that creates it");

  g_assert_true (futures_message_router_get_context (FUTURES_MESSAGE_ROUTER (router)) ==
                 g_main_context_default ());

  router2 = g_thread_join (g_thread_new ("maker", make_router_in_thread, context));
  g_object_get (router2, "context", &bound, NULL);
  g_assert_true (bound == context);
  g_main_context_unref (bound);
}

/* stress ---------------------------------------------------------------- */

#define STRESS_THREADS 8

typedef struct
{
  FuturesMessageSender *sender;
  guint                 count;
} StressWorker;

static gpointer
stress_worker (gpointer data)
{
  StressWorker *w = data;
  g_auto(GValue) value = G_VALUE_INIT;
  guint i;

  g_value_init (&value, G_TYPE_UINT);
  g_assert_true (futures_message_sender_start (w->sender, NULL));
  for (i = 0; i < w->count; i++)
    {
      g_value_set_uint (&value, i);
      if (!futures_message_sender_send (w->sender, &value, NULL))
        g_error ("send failed");
    }
  g_assert_true (futures_message_sender_stop (w->sender, NULL));
  return NULL;
}

typedef struct
{
  guint next;          /* the value expected next on this pipe */
  guint out_of_order;
  guint wrong_thread;
  guint *done_pipes;
  guint count;
} StressInbox;

static void
on_stress_message (FuturesMessageReceiver *receiver,
                   const GValue           *message,
                   gpointer                user_data)
{
  StressInbox *inbox = user_data;

  if (g_thread_self () != main_thread)
    inbox->wrong_thread++;
  if (g_value_get_uint (message) != inbox->next)
    inbox->out_of_order++;
  inbox->next++;
  if (inbox->next == inbox->count)
    (*inbox->done_pipes)++;
}

static gboolean
all_pipes_done (gpointer user_data)
{
  return *(guint *) user_data == STRESS_THREADS;
}

static void
test_router_stress (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  FuturesMessageReceiver *receivers[STRESS_THREADS];
  StressWorker workers[STRESS_THREADS];
  StressInbox inboxes[STRESS_THREADS];
  GThread *threads[STRESS_THREADS];
  guint count = test_scaled (100000);
  guint done_pipes = 0;
  gboolean finished = FALSE;
  guint i;

  g_test_summary ("8 threads × 100,000 messages through one router: each delivered exactly "
                  "once, in order per pipe, all on the main thread");

  for (i = 0; i < STRESS_THREADS; i++)
    {
      open_pipe (router, &workers[i].sender, &receivers[i], NULL);
      workers[i].count = count;
      inboxes[i] = (StressInbox) { 0, 0, 0, &done_pipes, count };
      g_signal_connect (receivers[i], "message", G_CALLBACK (on_stress_message), &inboxes[i]);
    }
  for (i = 0; i < STRESS_THREADS; i++)
    threads[i] = g_thread_new ("stress", stress_worker, &workers[i]);

  /* The main loop runs while the workers send: delivery overlaps sending. */
  while (!all_pipes_done (&done_pipes))
    g_main_context_iteration (g_main_context_default (), TRUE);
  finished = TRUE;

  for (i = 0; i < STRESS_THREADS; i++)
    g_thread_join (threads[i]);

  /* Nothing more may arrive: every message was delivered exactly once. */
  test_iterate_pending (g_main_context_default ());

  for (i = 0; i < STRESS_THREADS; i++)
    {
      g_assert_cmpuint (inboxes[i].next, ==, count);
      g_assert_cmpuint (inboxes[i].out_of_order, ==, 0);
      g_assert_cmpuint (inboxes[i].wrong_thread, ==, 0);
      close_pipe (router, receivers[i]);
      g_object_unref (receivers[i]);
      g_object_unref (workers[i].sender);
    }
  g_assert_true (finished);
  stop_router (router);
}

/* bad arguments --------------------------------------------------------- */

static void
test_router_bad_arguments (void)
{
  g_autoptr(FuturesMessageRouter) router = started_router ();
  g_autoptr(GObject) not_a_router = g_object_new (G_TYPE_OBJECT, NULL);
  guint calls = 0;

  g_test_summary ("NULL or wrong-typed arguments are criticals and change nothing");

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_MESSAGE_ROUTER*");
  g_assert_false (futures_message_router_start (NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_MESSAGE_ROUTER*");
  g_assert_false (futures_message_router_stop ((FuturesMessageRouter *) not_a_router, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_MESSAGE_RECEIVER*");
  g_assert_false (futures_message_router_close_pipe (router, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_MESSAGE_RECEIVER*");
  g_assert_false (futures_message_router_close_pipe (router,
                                                     (FuturesMessageReceiver *) not_a_router,
                                                     NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*condition != NULL*");
  g_assert_false (futures_message_router_route_until (router, 0, NULL, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*timeout_msec >= -1*");
  g_assert_false (futures_message_router_route_until (router, -5, always_true, &calls, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Futures", G_LOG_LEVEL_CRITICAL, "*FUTURES_IS_THREAD_ROUTER*");
  futures_thread_router_set_priority (NULL, 0);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (calls, ==, 0);
  g_assert_true (futures_message_router_get_running (router));
  stop_router (router);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/futures/router/start-stop", test_router_start_stop);
  g_test_add_func ("/futures/router/start-twice", test_router_start_twice);
  g_test_add_func ("/futures/router/stop-not-running", test_router_stop_not_running);
  g_test_add_func ("/futures/router/restart", test_router_restart);
  g_test_add_func ("/futures/router/pipe-not-running", test_router_pipe_not_running);
  g_test_add_func ("/futures/router/pipe-optional-outs", test_router_pipe_optional_outs);
  g_test_add_func ("/futures/router/close-pipe-not-running", test_router_close_pipe_not_running);
  g_test_add_func ("/futures/router/close-pipe-unknown", test_router_close_pipe_unknown);
  g_test_add_func ("/futures/router/stop-unclosed-warning", test_router_stop_unclosed_warning);
  g_test_add_func ("/futures/router/stop-closed-no-warning", test_router_stop_closed_no_warning);
  g_test_add_func ("/futures/router/message-on-closed-pipe", test_router_message_on_closed_pipe);
  g_test_add_func ("/futures/router/many-pipes", test_router_many_pipes);
  g_test_add_func ("/futures/router/order-and-batching", test_router_order_and_batching);
  g_test_add_func ("/futures/router/time-budget", test_router_time_budget);
  g_test_add_func ("/futures/router/budget-ends-with-queue", test_router_budget_ends_with_queue);
  g_test_add_func ("/futures/router/yields-to-other-sources", test_router_yields_to_other_sources);
  g_test_add_func ("/futures/router/priority", test_router_priority);
  g_test_add_func ("/futures/router/value-types", test_router_value_types);
  g_test_add_func ("/futures/router/handler-closes-pipe", test_router_handler_closes_pipe);
  g_test_add_func ("/futures/router/handler-stops-router", test_router_handler_stops_router);
  g_test_add_func ("/futures/router/handler-drops-last-ref", test_router_handler_drops_last_ref);
  g_test_add_func ("/futures/router/route-until", test_router_route_until);
  g_test_add_func ("/futures/router/route-until-already-true", test_router_route_until_already_true);
  g_test_add_func ("/futures/router/route-until-manual-mode", test_router_route_until_manual_mode);
  g_test_add_func ("/futures/router/route-until-timeout", test_router_route_until_timeout);
  g_test_add_func ("/futures/router/route-until-timeout-under-flood", test_router_route_until_timeout_under_flood);
  g_test_add_func ("/futures/router/route-until-not-running", test_router_route_until_not_running);
  g_test_add_func ("/futures/router/send-after-stop", test_router_send_after_stop);
  g_test_add_func ("/futures/router/route-until-reentrant", test_router_route_until_reentrant);
  g_test_add_func ("/futures/router/route-until-wrong-thread", test_router_route_until_wrong_thread);
  g_test_add_func ("/futures/router/other-context", test_router_other_context);
  g_test_add_func ("/futures/router/default-context", test_router_default_context);
  g_test_add_func ("/futures/router/stress", test_router_stress);
  g_test_add_func ("/futures/router/bad-arguments", test_router_bad_arguments);

  return g_test_run ();
}
