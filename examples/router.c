/* router.c: the routing layer alone: worker threads send messages through
 * pipes of a FuturesThreadRouter; the main loop receives them.
 *
 * Copyright 2026 The futures-glib authors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Four worker threads each compute a few squares and send them, with a
 * greeting, through their own pipe of one FuturesThreadRouter. Every
 * message is printed by a handler running in the main loop, on the main
 * thread, which is the whole point: the handlers never see a worker thread.
 */

#include <futures-glib/futures-glib.h>

#define N_WORKERS 4
#define N_SQUARES 5

typedef struct
{
  guint                 index;
  FuturesMessageSender *sender;
} Worker;

static GThread *main_thread;

static void
send_value (FuturesMessageSender *sender,
            const GValue         *value)
{
  g_autoptr(GError) error = NULL;

  if (!futures_message_sender_send (sender, value, &error))
    g_printerr ("send failed: %s\n", error->message);
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;
  g_auto(GValue) greeting = G_VALUE_INIT;
  g_auto(GValue) square = G_VALUE_INIT;
  guint i;

  futures_message_sender_start (worker->sender, NULL);

  g_value_init (&greeting, G_TYPE_STRING);
  g_value_take_string (&greeting,
                       g_strdup_printf ("hello from worker %u", worker->index));
  send_value (worker->sender, &greeting);

  g_value_init (&square, G_TYPE_UINT);
  for (i = 1; i <= N_SQUARES; i++)
    {
      g_usleep (g_random_int_range (1000, 20000));
      g_value_set_uint (&square, i * i * (worker->index + 1));
      send_value (worker->sender, &square);
    }

  futures_message_sender_stop (worker->sender, NULL);
  g_clear_object (&worker->sender);
  return NULL;
}

typedef struct
{
  GMainLoop *loop;
  guint      remaining;
} Tally;

static void
on_message (FuturesMessageReceiver *receiver,
            const GValue           *message,
            gpointer                user_data)
{
  Tally *tally = user_data;
  g_autofree char *text = g_strdup_value_contents (message);

  g_print ("pipe #%" G_GUINT64_FORMAT " (%s, on the %s thread): %s\n",
           futures_message_receiver_get_connection_id (receiver),
           G_VALUE_TYPE_NAME (message),
           g_thread_self () == main_thread ? "main" : "WRONG",
           text);

  if (--tally->remaining == 0)
    g_main_loop_quit (tally->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FuturesThreadRouter) router = futures_thread_router_new ();
  FuturesMessageRouter *r = FUTURES_MESSAGE_ROUTER (router);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  FuturesMessageReceiver *receivers[N_WORKERS];
  Worker workers[N_WORKERS];
  GThread *threads[N_WORKERS];
  Tally tally = { loop, N_WORKERS * (N_SQUARES + 1) };
  guint i;

  main_thread = g_thread_self ();
  g_print ("futures-glib %s router example: %u worker threads send messages to the main loop\n",
           FUTURES_VERSION_S, N_WORKERS);

  if (!futures_message_router_start (r, &error))
    g_error ("%s", error->message);

  for (i = 0; i < N_WORKERS; i++)
    {
      workers[i].index = i;
      if (!futures_message_router_pipe (r, &workers[i].sender, &receivers[i], &error))
        g_error ("%s", error->message);
      g_signal_connect (receivers[i], "message", G_CALLBACK (on_message), &tally);
    }

  for (i = 0; i < N_WORKERS; i++)
    threads[i] = g_thread_new ("demo-worker", worker_main, &workers[i]);

  g_main_loop_run (loop);

  for (i = 0; i < N_WORKERS; i++)
    {
      g_thread_join (threads[i]);
      futures_message_router_close_pipe (r, receivers[i], NULL);
      g_object_unref (receivers[i]);
    }
  futures_message_router_stop (r, NULL);

  g_print ("received all %u messages in the main loop\n", N_WORKERS * (N_SQUARES + 1));
  return 0;
}
